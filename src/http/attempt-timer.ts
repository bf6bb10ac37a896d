import type { Clock } from '../core/clock.js';

const TIMER_CANCELLED = Symbol('timer cancelled');

/**
 * The timeout of one attempt: the signal to send with, whether it fired, and `clear` to call
 * when the attempt is over.
 *
 * @example
 * ```ts
 * const timer: AttemptTimer = startAttemptTimer(clock, 30_000, request.signal, false);
 * try { await fetch(url, { signal: timer.signal }); } finally { timer.clear(); }
 * ```
 */
export interface AttemptTimer {
  /** Aborts on the timeout or the caller's abort (`undefined` with neither). */
  signal: AbortSignal | undefined;
  /** Whether the timeout fired (as opposed to the caller aborting). */
  timedOut(): boolean;
  /** Stops the timer; a stream keeps the caller's signal. */
  clear(): void;
}

/**
 * Starts an attempt's timeout on the injected clock (`ms <= 0`: none). With `stream`, the body
 * outlives the timer, which covers the response head only.
 *
 * @example
 * ```ts
 * const timer = startAttemptTimer(context.clock, 10_000, signal, request.responseType === 'stream');
 * ```
 */
export function startAttemptTimer(
  clock: Clock,
  ms: number,
  outer: AbortSignal | undefined,
  stream: boolean,
): AttemptTimer {
  if (ms <= 0) return { signal: outer, timedOut: () => false, clear: () => {} };
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  if (clock.setTimer) {
    // A cancellable timer: the attempt ends without aborting a fetch that already answered
    // (an abort dispatches an event through every signal ky and the Request derived from it),
    // and a stream keeps its signal, so it outlives the timer.
    const cancel = clock.setTimer(ms, () => {
      timedOut = true;
      controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
    });
    return {
      signal: controller.signal,
      timedOut: () => timedOut,
      clear: () => {
        // A stream stays cancellable by the caller's signal.
        if (!stream) outer?.removeEventListener('abort', onAbort);
        cancel();
      },
    };
  }
  // Without one, one controller both aborts the fetch and cancels the timer: once a non-stream
  // body is read, aborting the fetch is a no-op. A stream must outlive the timer, so it gets its own.
  const stopTimer = stream ? new AbortController() : controller;
  clock.sleep(ms, stopTimer.signal).then(
    () => {
      timedOut = true;
      controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
    },
    () => {},
  );
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      // A stream stays cancellable by the caller's signal.
      if (!stream) outer?.removeEventListener('abort', onAbort);
      // A ready-made reason: aborting without one builds a DOMException each time.
      stopTimer.abort(TIMER_CANCELLED);
    },
  };
}

/** Attempts in flight that end at the same instant, sharing one controller and one timer. */
interface DeadlineGroup {
  controller: AbortController;
  deadline: number;
  open: number;
  fired: boolean;
  cancel: () => void;
}

/**
 * Starts attempt timers for one client. Attempts in flight whose deadlines fall on the same
 * instant (requests sent in the same millisecond, or at one instant of a fake clock) share one
 * abort controller and one timer: creating an `AbortSignal` is the dearest part of a timer on
 * Node. Each attempt still times out exactly `ms` after it started, and the timer is cancelled
 * when the last attempt sharing it ends. Attempts with the caller's signal, streams, and clocks
 * without `setTimer` get a timer of their own ({@link startAttemptTimer}).
 *
 * @example
 * ```ts
 * const startTimer = createAttemptTimers(context.clock);
 * const timer = startTimer(30_000, request.signal, false);
 * ```
 */
export function createAttemptTimers(
  clock: Clock,
): (ms: number, outer: AbortSignal | undefined, stream: boolean) => AttemptTimer {
  let current: DeadlineGroup | undefined;
  return (ms, outer, stream) => {
    if (ms <= 0 || outer || stream || !clock.setTimer) return startAttemptTimer(clock, ms, outer, stream);
    const deadline = clock.now() + ms;
    let group = current;
    if (!group || group.deadline !== deadline || group.fired) {
      const fresh: DeadlineGroup = {
        controller: new AbortController(),
        deadline,
        open: 0,
        fired: false,
        cancel: () => {},
      };
      fresh.cancel = clock.setTimer(ms, () => {
        fresh.fired = true;
        if (current === fresh) current = undefined;
        fresh.controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
      });
      current = group = fresh;
    }
    const shared = group;
    shared.open++;
    let ended = false;
    return {
      signal: shared.controller.signal,
      timedOut: () => shared.fired,
      clear: () => {
        if (ended) return;
        ended = true;
        if (--shared.open > 0 || shared.fired) return;
        shared.cancel();
        if (current === shared) current = undefined;
      },
    };
  };
}
