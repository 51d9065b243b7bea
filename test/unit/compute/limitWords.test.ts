// A request over a limit is refused in the reader's language: LimitError's words (with the quantity's
// name and the hint as words of their own) and the setting to change, through a hint of the host's shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLimits, ComputeLimitError, limitHint, limitsFromSettings } from '../../../src/core/compute/limitSettings';
import { zh } from '../l10n/zhTranslate';

/** computeService's settingHint, with the zh-cn bundle in place of vscode.l10n.t. */
const zhHint = limitHint(zh);

test('limits refused in Chinese: the quantity, the limit, what to do and the setting', () => {
  const limits = limitsFromSettings({ maxKernelLength: 64 });
  const refusal = (request: Parameters<typeof checkLimits>[0], within = limits) => {
    try {
      checkLimits(request, within, zhHint);
    } catch (error) {
      assert.ok(error instanceof ComputeLimitError);
      return error.message;
    }
    assert.fail('not refused');
  };
  assert.equal(refusal({ kind: 'approximate', n: 2000, length: 10 }), 'N 为 2000，超过了上限 1024：请选择 N ≤ 1024。如需更大，请修改设置 kexueReader.compute.maxStateSize（辅助进程最多接受 1024）。');
  assert.equal(refusal({ kind: 'hippo', n: 4, kernelLength: 65 }), '卷积核长度 L 为 65，超过了上限 64：请选择 L ≤ 64。如需更大，请修改设置 kexueReader.compute.maxKernelLength（辅助进程最多接受 1048576）。');
  assert.equal(refusal({ kind: 'approximate', n: 4, length: 1 }), '信号长度 至少为 2，而这里是 1（允许的范围由设置 kexueReader.compute.maxKernelLength 决定）。');
  // All channels together: a ceiling of the helper's, which no setting moves.
  assert.equal(refusal({ kind: 'approximate', n: 4, length: 1 << 20, channels: 17 }, limitsFromSettings({})), '17 个通道 × 1048576 个采样点 = 17825792 个采样点，超过了总上限 16777216：请减少通道或缩短信号。');
});
