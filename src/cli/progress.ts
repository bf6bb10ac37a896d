import cliProgress from 'cli-progress';
import type { CliIo } from './output.js';

/**
 * A progress bar on stderr for long work, drawn only on a terminal and never with `--json`.
 *
 * @example
 * ```ts
 * const bar = progress(io, 24, 'hours');
 * bar.update(3);
 * bar.stop();
 * ```
 */
export function progress(io: CliIo, total: number, unit: string): { update(done: number): void; stop(): void } {
  if (!io.interactive || io.json) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {value}/{total} ${unit}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
