import type { MaybePromise } from '../core/types.js';

/**
 * Proof of holding a lock; pass it back to release or extend.
 *
 * @category Stores
 */
export interface LockHandle {
  /** The locked key. */
  key: string;
  /** A random token that identifies this holder; only its holder can release the lock. */
  token: string;
  /** When the lock expires unless extended (epoch ms). */
  expiresAt: number;
}

/**
 * Options of {@link Lock.acquire}.
 *
 * @example
 * ```ts
 * await lock.acquire('sync:lease', 60_000, { waitMs: 5_000, signal });
 * ```
 *
 * @category Stores
 */
export interface AcquireOptions {
  /** How long to keep trying before giving up (default 0: one attempt). */
  waitMs?: number;
  /** Pause between attempts while waiting (default 50 ms). */
  retryDelayMs?: number;
  /** Cancels waiting. */
  signal?: AbortSignal;
}

/**
 * A mutual-exclusion lease with a TTL: single-flight token refresh, sync leases. A holder that
 * dies loses the lock when the TTL passes; release works only with the holder's token.
 *
 * @example
 * ```ts
 * const handle = await lock.acquire('sync:shopify', 30_000);
 * if (handle) {
 *   try { await work(); } finally { await lock.release(handle); }
 * }
 * ```
 *
 * @category Stores
 */
export interface Lock {
  /** Tries to take the lock; resolves a handle, or `undefined` if someone else holds it. */
  acquire(key: string, ttlMs: number, options?: AcquireOptions): Promise<LockHandle | undefined>;
  /** Releases the lock if `handle` still holds it; resolves whether it did. */
  release(handle: LockHandle): MaybePromise<boolean>;
  /** Extends the lock by `ttlMs` from now if `handle` still holds it; resolves the new handle. */
  extend(handle: LockHandle, ttlMs: number): MaybePromise<LockHandle | undefined>;
}
