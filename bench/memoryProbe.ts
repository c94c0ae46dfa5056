// Preloaded into the benchmarked server (`node --require`): on SIGUSR2 it writes the server's own
// view of its memory to probeFile(pid), so the benchmark can say where the RSS goes (V8's heap, or
// `external`, which holds the parser's wasm heap) without the server knowing about benchmarks.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const probeFile = (pid: number): string => path.join(os.tmpdir(), `rust-patterns-memory-${pid}.json`);

// Only as a preload (no main module yet), not when the benchmark imports probeFile.
if (!require.main) {
  process.on('SIGUSR2', () => {
    const file = probeFile(process.pid);
    // Written whole, then renamed: the reader never sees half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    fs.renameSync(`${file}.tmp`, file);
  });
}
