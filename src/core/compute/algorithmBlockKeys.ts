// The later algorithms' block jobs and their keys (no imports, so blockParams can read them at load).
export type AlgorithmKind = 'msign' | 'matfun' | 'schedule' | 'rope' | 'argmax';
export const ALGORITHM_KINDS: readonly AlgorithmKind[] = ['msign', 'matfun', 'schedule', 'rope', 'argmax'];

export const ALGORITHM_KEYS: Record<AlgorithmKind, readonly string[]> = {
  msign: ['coefficients', 'iterations', 'backend'],
  matfun: ['fn', 'backend'],
  schedule: ['kind', 'steps', 'ddim', 'backend'],
  rope: ['dim', 'base', 'scale', 'method', 'trained', 'backend'],
  argmax: ['random', 'seed', 'backend'],
};

export function isAlgorithmKind(kind: string): kind is AlgorithmKind {
  return (ALGORITHM_KINDS as readonly string[]).includes(kind);
}
