// Matrix exponential by scaling and squaring with the [13/13] Padé approximant (Higham 2005).
import { luFactor, luSolve } from './linearSolve';
import { type Matrix, add, identity, multiply, norm1, scale } from './matrix';

const PADE13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
  670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

export function expm(a: Matrix): Matrix {
  const n = a.rows;
  const norm = norm1(a);
  const s = norm > THETA13 ? Math.ceil(Math.log2(norm / THETA13)) : 0;
  const x = s > 0 ? scale(a, 2 ** -s) : a;
  const b = PADE13;
  const I = identity(n);
  const x2 = multiply(x, x), x4 = multiply(x2, x2), x6 = multiply(x4, x2);
  const combo = (c6: number, c4: number, c2: number, c0: number) => add(add(add(scale(x6, c6), x4, c4), x2, c2), I, c0);
  const inner = (c6: number, c4: number, c2: number) => add(add(scale(x6, c6), x4, c4), x2, c2);
  const u = multiply(x, add(multiply(x6, inner(b[13], b[11], b[9])), combo(b[7], b[5], b[3], b[1])));
  const v = add(multiply(x6, inner(b[12], b[10], b[8])), combo(b[6], b[4], b[2], b[0]));
  let r = luSolve(luFactor(add(v, u, -1)), add(v, u));
  for (let i = 0; i < s; i++) r = multiply(r, r);
  return r;
}
