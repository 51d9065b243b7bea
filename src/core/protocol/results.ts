// Messages between the extension host and the Compute Results webview. Types only.
import type { Presentation } from '../compute/presentation';
import { hasKnownType } from './knownType';

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

export const isResultsHostMessage = (value: unknown): value is ResultsHostMessage => hasKnownType<ResultsHostMessage>(value, { show: true });
export const isResultsWebviewMessage = (value: unknown): value is ResultsWebviewMessage => hasKnownType<ResultsWebviewMessage>(value, { rendered: true, ready: true });

/** What the webview keeps in its state to restore itself after a reload. */
export interface ResultsWebviewState {
  readonly last?: ShowResultMessage;
}
