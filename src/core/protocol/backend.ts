// Where a compute job runs: its own module, so that every request type (compute.ts, algorithms.ts)
// can name it without importing the other.
export type BackendKind = 'cpu' | 'gpu';
/** auto: the GPU only when a real (non-fallback) adapter exists and the problem is big enough. */
export type BackendChoice = 'auto' | BackendKind;
