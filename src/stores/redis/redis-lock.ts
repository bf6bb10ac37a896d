import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import type { AcquireOptions, Lock, LockHandle } from '../lock.js';
import { canonicalJson } from '../store.js';
import { ttlOf } from '../shared/store-inputs.js';
import { storeFailure } from '../shared/store-failure.js';
import type { RedisStore } from './redis-store.js';
import { EXTEND, RELEASE } from './scripts.js';
import { randomBytes, toHex } from '../../core/bytes.js';

/**
 * Options of {@link RedisLock}.
 *
 * @example
 * ```ts
 * const options: RedisLockOptions = { prefix: 'lock:', clock: systemClock };
 * ```
 *
 * @category Stores
 */
export interface RedisLockOptions {
  /** Key prefix of lock entries inside the store's namespace (default `lock:`, as StoreLock). */
  prefix?: string;
  /** Measures waits between attempts and the informational `expiresAt` (default: system clock). */
  clock?: Clock;
}

/**
 * A {@link Lock} on Redis: `SET key owner NX PX ttl` to acquire, and Lua scripts that release
 * or extend only while the key still holds the caller's token, so a holder whose lease expired
 * cannot free the next holder's lock. Expiry is Redis's, so a holder that dies loses the lock
 * after its TTL. Entries are `{"token": ...}` under `lock:`, the layout of StoreLock, so both
 * can guard the same keys.
 *
 * @example
 * ```ts
 * const lock = new RedisLock(store);
 * const handle = await lock.acquire('sync:shopify:shop-1', 30_000, { waitMs: 5_000 });
 * if (handle) {
 *   try { await step(); } finally { await lock.release(handle); }
 * }
 * ```
 *
 * @category Stores
 */
export class RedisLock implements Lock {
  readonly #store: RedisStore;
  readonly #prefix: string;
  readonly #clock: Clock;

  /**
   * @param store - the Redis store whose client and namespace the lock uses
   * @param options - key prefix and clock
   */
  constructor(store: RedisStore, options: RedisLockOptions = {}) {
    this.#store = store;
    this.#prefix = options.prefix ?? 'lock:';
    this.#clock = options.clock ?? systemClock;
  }

  #key(key: string): string {
    return this.#store.namespace + this.#prefix + key;
  }

  async acquire(key: string, ttlMs: number, options: AcquireOptions = {}): Promise<LockHandle | undefined> {
    const ttl = ttlOf({ ttlMs }, 'lock TTL') as number;
    const deadline = this.#clock.now() + (options.waitMs ?? 0);
    const token = toHex(randomBytes(16));
    const owner = canonicalJson({ token });
    for (;;) {
      options.signal?.throwIfAborted();
      let reply: string | null;
      try {
        reply = await this.#store.client.set(this.#key(key), owner, 'PX', ttl, 'NX');
      } catch (error) {
        throw storeFailure('Redis', 'acquire a lock', error);
      }
      if (reply === 'OK') return { key, token, expiresAt: this.#clock.now() + ttl };
      const remaining = deadline - this.#clock.now();
      if (remaining <= 0) return undefined;
      await this.#clock.sleep(Math.min(options.retryDelayMs ?? 50, remaining), options.signal);
    }
  }

  async release(handle: LockHandle): Promise<boolean> {
    const owner = canonicalJson({ token: handle.token });
    try {
      return (await this.#store.client.eval(RELEASE, 1, this.#key(handle.key), owner)) === 1;
    } catch (error) {
      throw storeFailure('Redis', 'release a lock', error);
    }
  }

  async extend(handle: LockHandle, ttlMs: number): Promise<LockHandle | undefined> {
    const ttl = ttlOf({ ttlMs }, 'lock TTL') as number;
    const owner = canonicalJson({ token: handle.token });
    let reply: unknown;
    try {
      reply = await this.#store.client.eval(EXTEND, 1, this.#key(handle.key), owner, ttl);
    } catch (error) {
      throw storeFailure('Redis', 'extend a lock', error);
    }
    return reply === 1 ? { ...handle, expiresAt: this.#clock.now() + ttl } : undefined;
  }
}
