// Entry of the compute helper (bundled to dist/helper.mjs, forked with IPC by ComputeClient).
// The same file is the CPU worker thread's script: it branches on how it was started.
import type { ComputeResponse } from '../core/protocol/compute';
import { isCpuWorker, runCpuJobInWorker, serveCpuWorker } from './cpuWorker';
import { ComputeServer } from './server';

function startServer(): void {
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('kexue helper: start me with child_process.fork (IPC channel required)\n');
    process.exit(2);
  }
  const script = process.argv[1];
  const server = new ComputeServer((message: ComputeResponse) => send(message), (request, flag) => runCpuJobInWorker(script, request, flag));
  process.on('message', (message: unknown) => server.handle(message));
  // The parent went away: finish GPU work cleanly (never destroy a device with work in flight).
  process.once('disconnect', () => {
    void server.dispose().finally(() => process.exit(0));
  });
}

if (isCpuWorker()) serveCpuWorker();
else startServer();
