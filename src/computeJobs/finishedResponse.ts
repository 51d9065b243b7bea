// What every job's response passes through before it leaves for the client, wherever it ran (the
// helper's RPC loop, or the CLI's own process for a one-shot CPU job): no NaN where a number belongs,
// and a HiPPO result carries A's eigenvalues so the presentation only draws them.
import { presentedEigenvalues } from '../core/compute/eigenvalues';
import type { JobResponse } from '../core/protocol/compute';
import { assertFiniteResult } from './finiteResults';

export function finishedResponse(response: JobResponse): JobResponse {
  const checked = assertFiniteResult(response);
  if (checked.type !== 'hippoResult' || checked.eigenvalues) return checked;
  return { ...checked, eigenvalues: presentedEigenvalues(checked.a) };
}
