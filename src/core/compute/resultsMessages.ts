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

/** The webview's script is listening; messages posted before this are lost, so the host sends the current result again. */
export interface ReadyMessage {
  readonly type: 'ready';
}

export type ResultsWebviewMessage = RenderedMessage | ReadyMessage;

/** What the webview keeps in its state to restore itself after a reload. */
export interface ResultsWebviewState {
  readonly last?: ShowResultMessage;
}
