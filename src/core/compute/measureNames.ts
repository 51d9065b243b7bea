// The measures as the posts and the pickers write them (LegS, not legs): one place for titles and headlines.
import type { HippoMeasure } from '../numerics/hippo';

const NAMES: Record<HippoMeasure, string> = { legs: 'LegS', legt: 'LegT', lagt: 'LagT', fout: 'FouT', 'legt-post': 'LegT (post)' };

export function measureName(measure: HippoMeasure): string {
  return NAMES[measure];
}
