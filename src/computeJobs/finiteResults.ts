// The last guard before a result leaves the job (in the helper, or the CLI's own process): a number
// that is NaN or ±∞ where the protocol promises a number would reach the CLI's JSON as `null` and the
// panel as "NaN". Each routine refuses what it cannot compute (with a message saying what to change);
// this catches anything they missed and turns it into a clear refusal too. (LegT's reconstruction is
// NaN before its window by design, so only the fields that must be numbers are checked.)
import type { JobResponse } from '../core/protocol/compute';
import type { Matrix } from '../core/numerics/matrix';
import { ComputeError } from './errors';
import { localizable } from '../core/l10n/localizable';

type Numbers = Float64Array | readonly number[];

function firstBad(values: Numbers): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** The name of the first field holding a non-finite number, with where in it; undefined when all are finite. */
export function nonFiniteField(response: JobResponse): string | undefined {
  const fields: [string, Numbers | Matrix | number | undefined][] = [];
  switch (response.type) {
    case 'pinvResult':
      fields.push(['A⁺', response.pinv], ['singular values', response.singularValues], ['cut-off', response.cutoff]);
      fields.push(['‖AXA − A‖', response.residuals.axa], ['‖XAX − X‖', response.residuals.xax], ['‖(AX)ᵀ − AX‖', response.residuals.axSymmetry], ['‖(XA)ᵀ − XA‖', response.residuals.xaSymmetry]);
      break;
    case 'hippoResult':
      fields.push(['A', response.a], ['B', response.b], ['Ā', response.aBar], ['B̄', response.bBar], ['the kernel K', response.kernel]);
      break;
    case 'approximateResult':
      fields.push(['the coefficients', response.coefficients], ['the max error', response.maxError], ['the RMS error', response.rmsError]);
      if (response.channelErrors) fields.push(['the channels’ max errors', response.channelErrors.maxError], ['the channels’ RMS errors', response.channelErrors.rmsError]);
      break;
    case 'msignResult':
      fields.push(['msign(M)', response.msign], ['the errors', response.errors], ['singular values', response.singularValues], ['the result’s singular values', response.finalSingularValues]);
      break;
    case 'matfunResult':
      fields.push(['the result', response.value], ['the residuals', response.residuals], ['the eigenvalues', response.eigenvalues], ['the error against the eigendecomposition', response.errorVsEigen]);
      break;
    case 'scheduleResult':
      fields.push(['β', response.beta], ['ᾱ', response.alphaBar], ['the SNR', response.snr]);
      if (response.ddim) fields.push(['the DDIM steps', response.ddim.flatMap((step) => [step.alphaBar, step.alphaBarPrev, step.sigmaEta1])]);
      break;
    case 'ropeResult':
      fields.push(['θ', response.theta], ['β', response.beta], ['the decay bound', response.decay], ['the extended decay bound', response.decayExtended]);
      if (response.extension) {
        const e = response.extension;
        fields.push(["θ'", e.theta], ["the base b'", e.base], ["β'", e.beta], ['the ramp', e.ramp], ['the attention factor', e.attentionFactor]);
      }
      break;
    case 'argmaxResult':
      fields.push(['the margins', response.margins], ['the points', response.points]);
      break;
  }
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${name} is ${value}`;
      continue;
    }
    const data = 'data' in value ? value.data : value;
    const i = firstBad(data);
    if (i >= 0) {
      const where = 'cols' in value ? `row ${Math.floor(i / value.cols) + 1}, column ${(i % value.cols) + 1}` : `entry ${i + 1}`;
      return `${name} has ${data[i]} at ${where}`;
    }
  }
  return undefined;
}

/** Throws a ComputeError ('invalid') when a result holds NaN or ±∞ where a number belongs. */
export function assertFiniteResult(response: JobResponse): JobResponse {
  const bad = nonFiniteField(response);
  if (bad !== undefined) {
    throw new ComputeError('invalid', localizable('the result is not a finite number in double precision ({0}): the parameters are beyond what double precision can represent — use smaller values', bad));
  }
  return response;
}
