import type { FakeClock } from '../../src/testing/fake-clock.js';

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `work` to completion on a fake clock. Time moves (to the next sleeper) only when
 * `busy()` says no request is on the wire, so latency stays zero and deterministic; with
 * `busy` omitted, time moves whenever the work is idle for a macrotask.
 */
export async function drive<T>(
  clock: FakeClock,
  work: () => Promise<T>,
  busy: () => boolean = () => false,
): Promise<T> {
  let settled = false;
  const promise = work().finally(() => {
    settled = true;
  });
  promise.catch(() => {});
  for (let i = 0; i < 5_000_000 && !settled; i++) {
    await macrotask();
    if (settled || busy()) continue;
    if (clock.pending > 0) await clock.runAll(1);
  }
  return promise;
}

/** A fetch that counts requests on the wire, for {@link drive}'s `busy`. */
export function countingFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  let inFlight = 0;
  const wrapped: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await inner(input, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch: wrapped, busy: () => inFlight > 0 };
}
