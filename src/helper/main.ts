// Entry of the compute helper (bundled to dist/helper.mjs, forked with IPC by ComputeClient).
// The same file is the CPU worker thread's script: it branches on how it was started.
import type { ComputeResponse } from '../core/protocol/compute';
import { runCpuSplittingChannels } from './channelWorkers';
import { isCpuWorker, runCpuJobInWorker, serveCpuWorker } from './cpuWorker';
import { ComputeServer, type CpuRunner } from './server';

function startServer(): void {
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('kexue helper: start me with child_process.fork (IPC channel required)\n');
    process.exit(2);
  }
  const script = process.argv[1];
  const inWorker: CpuRunner = (request, flag) => runCpuJobInWorker(script, request, flag);
  const server = new ComputeServer((message: ComputeResponse) => send(message), (request, flag) => runCpuSplittingChannels(request, flag, inWorker));
  process.on('message', (message: unknown) => server.handle(message));
  // The parent went away or asked us to stop: cancel jobs and finish GPU work cleanly (never destroy
  // a device with work or a mapAsync in flight), but never linger more than a few seconds.
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 3000).unref();
    void server.dispose().finally(() => process.exit(0));
  };
  process.once('disconnect', shutdown);
  process.once('SIGTERM', shutdown);
}

if (isCpuWorker()) serveCpuWorker();
else startServer();
