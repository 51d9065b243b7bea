// No import cycles anywhere in src/ — type-only imports included: a cycle of types is still two
// modules that cannot be understood (or moved) one without the other, and it is how runtime cycles
// start. Found by parsing every source file with the TypeScript compiler and looking for strongly
// connected components (Tarjan) in the graph of relative imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';
import { importedSpecifiers, resolveImport, sourceFiles } from './sourceImports';

/** Strongly connected components with more than one module (or a module importing itself). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  // Iterative Tarjan: src/ is deep enough that recursion depth is not a worry, but a loop keeps it so.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

test('the cycle finder finds a cycle of two and of three, and none in a chain', () => {
  assert.deepEqual(importCycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])), [['a', 'b']]);
  assert.deepEqual(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), [['a', 'b', 'c']]);
  assert.deepEqual(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
  assert.deepEqual(
    importedSpecifiers('x.ts', "import type { A } from './a';\nexport { B } from './b';\nconst c = () => import('./c');\ntype D = import('./d').D;"),
    ['./a', './b', './c', './d'],
  );
});

test('src/ has no import cycles (type-only imports included)', () => {
  const root = repoRoot();
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const targets = importedSpecifiers(file).map((s) => resolveImport(file, s)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  assert.ok(graph.size > 100, `read ${graph.size} source files`);
  const cycles = importCycles(graph).map((c) => c.map((f) => path.relative(root, f).split(path.sep).join('/')).join(' ↔ '));
  assert.deepEqual(cycles, []);
});
