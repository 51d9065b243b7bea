// Compute notes travel as message + arguments: the CLI prints them in English (englishText), the host in
// the reader's language through the l10n bundle (translatedAll with vscode.l10n.t's shape).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { englishText, localizable, translatedAll } from '../../../src/core/l10n/localizable';
import { untranslated } from '../../../src/core/compute/presentation';
import { cpuSchedule } from '../../../src/computeJobs/formulaJobs';
import { rankNote } from '../../../src/computeJobs/matrixFunctionJobs';
import { zh } from '../l10n/zhTranslate';

test('a note is English with its places filled for the CLI, and Chinese from the bundle for the host', () => {
  const rank = rankNote(2, { rows: 3, cols: 4 });
  assert.equal(englishText(rank), 'M has rank 2 < 3: msign keeps the 2 nonzero singular values (U_r V_rᵀ); rounding in the null space grows ×1.5 per cubic step, so long runs drift there.');
  assert.deepEqual(translatedAll([rank], zh), ['M 的秩为 2 < 3：msign 保留 2 个非零奇异值（U_r V_rᵀ）；零空间中的舍入误差每个三次步增长 1.5 倍，迭代过多会在那里漂移。']);
  assert.match(englishText(rankNote(1, { rows: 2, cols: 2 })), /^M has rank 1 < 2: msign keeps the one nonzero singular value /);
  // A job's notes, as the helper sends them: the schedule's in Chinese on the host.
  const [cosine] = cpuSchedule({ type: 'schedule', id: 1, kind: 'cosine', steps: 10, backend: 'cpu' }).notes;
  assert.match(translatedAll([cosine], zh)[0], /^余弦调度：ᾱ 由 f\(t\) = cos²/);
  // Braces that are TeX, not places, stay as they are in both.
  const kernel = localizable('K_{jc+i} with c = {0}', 16);
  assert.equal(englishText(kernel), 'K_{jc+i} with c = 16');
  assert.deepEqual(translatedAll([kernel], untranslated), ['K_{jc+i} with c = 16']);
});
