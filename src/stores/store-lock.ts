import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { AcquireOptions, Lock, LockHandle } from './lock.js';
import type { Store } from './store.js';
import { randomBytes, toHex } from '../core/bytes.js';

/**
 * Options of {@link StoreLock}.
 *
 * @example
 * ```ts
 * const options: StoreLockOptions = { prefix: 'locks:', clock: systemClock };
 * ```
 *
 * @category Stores
 */
export interface StoreLockOptions {
  /** Key prefix for lock entries (default `lock:`). */
  prefix?: string;
  /** The clock that measures waits and expiry (default: the system clock). */
  clock?: Clock;
}

/**
 * A {@link Lock} built on any {@link Store}'s `compareAndSet` and TTLs. With a shared store
 * (Redis, PostgreSQL) it is a lock across processes; with the memory store, within one.
 *
 * @example
 * ```ts
 * const lock = new StoreLock(store);
 * const handle = await lock.acquire('refresh:ml:seller-1', 30_000, { waitMs: 5_000 });
 * ```
 *
 * @category Stores
 */
export class StoreLock implements Lock {
  readonly #store: Store;
  readonly #prefix: string;
  readonly #clock: Clock;

  /**
   * @param store - where lock entries live
   * @param options - key prefix and clock
   */
  constructor(store: Store, options: StoreLockOptions = {}) {
    this.#store = store;
    this.#prefix = options.prefix ?? 'lock:';
    this.#clock = options.clock ?? systemClock;
  }

  async acquire(key: string, ttlMs: number, options: AcquireOptions = {}): Promise<LockHandle | undefined> {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new ValidationError('lock TTL', [
        { path: ['ttlMs'], message: `Expected a positive number of milliseconds, got ${ttlMs}.` },
      ]);
    }
    const deadline = this.#clock.now() + (options.waitMs ?? 0);
    const token = toHex(randomBytes(16));
    for (;;) {
      options.signal?.throwIfAborted();
      if (await this.#store.compareAndSet(this.#prefix + key, undefined, { token }, { ttlMs })) {
        return { key, token, expiresAt: this.#clock.now() + ttlMs };
      }
      const remaining = deadline - this.#clock.now();
      if (remaining <= 0) return undefined;
      await this.#clock.sleep(Math.min(options.retryDelayMs ?? 50, remaining), options.signal);
    }
  }

  async release(handle: LockHandle): Promise<boolean> {
    return this.#store.compareAndSet(this.#prefix + handle.key, { token: handle.token }, undefined);
  }

  async extend(handle: LockHandle, ttlMs: number): Promise<LockHandle | undefined> {
    const owned = { token: handle.token };
    const ok = await this.#store.compareAndSet(this.#prefix + handle.key, owned, owned, { ttlMs });
    return ok ? { ...handle, expiresAt: this.#clock.now() + ttlMs } : undefined;
  }
}
