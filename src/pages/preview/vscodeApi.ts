import type { PreviewState, WebviewToHost } from '../../core/protocol/preview';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page: every module shares this instance. */
export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}
