// The counts inside the GPU notes: one iteration is "1 f32 iteration", in English and in Chinese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { englishText, localizable, translated } from '../../../src/core/l10n/localizable';
import { f32Iterations, f64Steps } from '../../../src/helper/gpu/iterationWords';
import { zh } from '../l10n/zhTranslate';

test('GPU notes count iterations and steps as words: singular for one', () => {
  assert.equal(englishText(f32Iterations(1)), '1 f32 iteration');
  assert.equal(englishText(f32Iterations(5)), '5 f32 iterations');
  assert.equal(englishText(f64Steps(1)), '1 f64 step');
  const note = localizable('Coupled Newton–Schulz on the GPU: {0} to residual {1}; finished on the CPU by {2} (the f32 phase\'s rounding stays: ≈ κ·1e-7).', f32Iterations(5), '1.79e-7', f64Steps(1));
  assert.equal(englishText(note), "Coupled Newton–Schulz on the GPU: 5 f32 iterations to residual 1.79e-7; finished on the CPU by 1 f64 step (the f32 phase's rounding stays: ≈ κ·1e-7).");
  assert.equal(translated(note, zh), 'GPU 上的耦合 Newton–Schulz：5 次 f32 迭代，残差 1.79e-7；再在 CPU 上做 1 步 f64 迭代收尾（f32 阶段的舍入误差仍在：约 κ·1e-7）。');
});
