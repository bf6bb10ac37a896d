/**
 * Time as marketbridge sees it. Injected per instance so that tests can use a fake clock; the
 * library never reads `Date.now()` or starts a timer except through this.
 *
 * @example
 * ```ts
 * const clock: Clock = systemClock;
 * await clock.sleep(250);
 * ```
 *
 * @category Context
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Optional: calls `fn` after `ms` milliseconds unless the returned function is called
   * first. Cheaper than `sleep` with an `AbortSignal` when the wait is usually cancelled (a
   * request timeout); callers fall back to `sleep` when a clock does not provide it.
   */
  setTimer?(ms: number, fn: () => void): () => void;
}

/**
 * The real clock: `Date.now()` and `setTimeout`.
 *
 * @example
 * ```ts
 * const context = createContext({ clock: systemClock });
 * ```
 *
 * @category Context
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};
