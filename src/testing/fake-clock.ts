import type { Clock } from '../core/clock.js';
import { macrotask } from './event-loop.js';

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A {@link Clock} that moves only when told. `sleep` resolves when `advance` (or `runAll`)
 * reaches its time, in time order, letting the promises that wake run between steps.
 *
 * @example
 * ```ts
 * const clock = new FakeClock(Date.parse('2026-11-22T00:00:00Z'));
 * const done = clock.sleep(1000).then(() => 'woke');
 * await clock.advance(1000);
 * await done; // 'woke'
 * ```
 *
 * @category Clock and assertions
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #sleepers: Sleeper[] = [];

  /** @param start - the initial time (epoch ms); default 2026-01-01T00:00:00Z */
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const sleeper: Sleeper = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      const onAbort = () => {
        const index = this.#sleepers.indexOf(sleeper);
        if (index >= 0) this.#sleepers.splice(index, 1);
        reject(signal?.reason);
      };
      sleeper.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  /** Calls `fn` when time reaches `ms` from now, in order with the sleepers; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void {
    const sleeper: Sleeper = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve: fn };
    this.#sleepers.push(sleeper);
    return () => {
      const index = this.#sleepers.indexOf(sleeper);
      if (index >= 0) this.#sleepers.splice(index, 1);
    };
  }

  /** How many sleepers are waiting. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** Sets the time without waking anyone (for tests of clock skew). */
  set(now: number): void {
    this.#now = now;
  }

  /** Moves time forward by `ms`, waking sleepers in time order and letting them run. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flush();
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#sleepers.splice(this.#sleepers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    this.#now = target;
    await flush();
  }

  /**
   * Wakes sleepers one after another, jumping time to each, until none is left or `limit`
   * wake-ups happened. Use it to drive code that sleeps in a loop to completion.
   */
  async runAll(limit = 100_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await flush();
      const next = this.#earliest();
      if (!next) return;
      this.#sleepers.splice(this.#sleepers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
  }

  /**
   * Runs `work` to completion, advancing time whenever it is only waiting on this clock.
   *
   * @example
   * ```ts
   * const result = await clock.drive(() => marketplace.setInventory(updates));
   * ```
   */
  async drive<T>(work: () => Promise<T>, limit = 1_000_000): Promise<T> {
    let settled = false;
    const promise = work().finally(() => {
      settled = true;
    });
    promise.catch(() => {});
    let idle = 0;
    for (let i = 0; i < limit && !settled; i++) {
      await flush();
      if (settled) break;
      const next = this.#earliest();
      if (!next) {
        // Waiting on something other than this clock: let the event loop turn. A macrotask
        // (setImmediate where there is one) does not wait for a timer tick (setTimeout(0) waits at least 1 ms, far more on a
        // loaded machine, which once made a 2-second sync take 12); after many turns without
        // progress, fall back to a timer so real I/O is not waited for in a busy loop.
        idle++;
        await (idle < 1_000 ? macrotask() : new Promise((resolve) => setTimeout(resolve, 1)));
        continue;
      }
      idle = 0;
      this.#sleepers.splice(this.#sleepers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    return promise;
  }

  #earliest(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const sleeper of this.#sleepers) {
      if (!best || sleeper.at < best.at || (sleeper.at === best.at && sleeper.seq < best.seq)) best = sleeper;
    }
    return best;
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
