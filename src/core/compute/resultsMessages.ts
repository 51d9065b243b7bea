// Messages between the extension host and the Compute Results webview. Types only.
import type { Presentation } from './presentation';

export interface ShowResultMessage {
  readonly type: 'show';
  /** What was run, e.g. "HiPPO LegS, N = 16". */
  readonly title: string;
  readonly presentation: Presentation;
}

export type ResultsHostMessage = ShowResultMessage;

/** The webview drew a result: what it managed to draw, so the host (and the tests) can tell. */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly title: string;
  readonly formulas: number;
  readonly plots: number;
  readonly errors: readonly string[];
}

export type ResultsWebviewMessage = RenderedMessage;

/** What the webview keeps in its state to restore itself after a reload. */
export interface ResultsWebviewState {
  readonly last?: ShowResultMessage;
}
