import type { FakeClock } from '../fake-clock.js';
import { macrotask } from '../event-loop.js';

/**
 * Options of {@link driveSimulation}.
 *
 * @example
 * ```ts
 * const options: DriveOptions = { busy: simulator.busy, maxSteps: 100_000 };
 * ```
 *
 * @category Pipeline simulator
 */
export interface DriveOptions {
  /** While this says true (a request is on the wire), time does not move. */
  busy?: () => boolean;
  /** Give up after this many steps (default 10,000,000). */
  maxSteps?: number;
}

/**
 * Runs `work` on a fake clock against simulators: time jumps to the next sleeper only when the
 * work is idle (a macrotask passed and `busy()` is false), so requests see zero latency and
 * limits are checked at the same instant on both sides. Timeouts fire only when nothing else
 * can happen.
 *
 * @example
 * ```ts
 * const sim = createPipelineSimulator({ clock, limit });
 * const context = createContext({ clock, fetch: sim.fetch });
 * const result = await driveSimulation(clock, () => client.request(request), { busy: sim.busy });
 * ```
 *
 * @category Pipeline simulator
 */
export async function driveSimulation<T>(
  clock: FakeClock,
  work: () => Promise<T>,
  options: DriveOptions = {},
): Promise<T> {
  let settled = false;
  const promise = work().finally(() => {
    settled = true;
  });
  promise.catch(() => {});
  const busy = options.busy ?? (() => false);
  const max = options.maxSteps ?? 10_000_000;
  for (let i = 0; i < max && !settled; i++) {
    await macrotask();
    if (settled || busy()) continue;
    if (clock.pending > 0) await clock.runAll(1);
  }
  return promise;
}
