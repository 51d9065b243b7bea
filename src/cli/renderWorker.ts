// A render worker thread of `kexue render <dir>` (bundled as dist/renderWorker.js): renders the files
// it is sent, one at a time, and once told to finish hands back the formulas it added to the disk
// cache and stops.
import { parentPort, workerData } from 'node:worker_threads';
import { FormulaDiskCache } from '../renderCache/formulaDiskCache';
import { FileRenderer, type FromRenderWorker, type RenderSetup, type ToRenderWorker } from './renderFiles';

const setup = workerData as RenderSetup;
const cache = setup.cacheDir === undefined ? undefined : new FormulaDiskCache(setup.cacheDir, { trackAdded: true });
const renderer = new FileRenderer(setup, cache);
const port = parentPort;

function answer(message: FromRenderWorker): void {
  port?.postMessage(message);
}

port?.on('message', (message: ToRenderWorker) => {
  switch (message.type) {
    case 'render':
      renderer.render(message.file).then(
        (outcome) => answer({ type: 'outcome', index: message.index, outcome }),
        (error: unknown) => answer({ type: 'outcome', index: message.index, outcome: { problem: `not rendered: ${error instanceof Error ? error.message : String(error)}` } }),
      );
      break;
    case 'finish':
      answer({ type: 'finished', added: cache?.added ?? [] });
      port.close();
      break;
    default: {
      const unknown: never = message;
      throw new Error(`unexpected message: ${JSON.stringify(unknown)}`);
    }
  }
});
