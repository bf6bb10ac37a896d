import type { Lock } from '../lock.js';
import { StoreLock, type StoreLockOptions } from '../store-lock.js';
import type { PostgresStore } from './postgres-store.js';

/**
 * A {@link Lock} on PostgreSQL: leases are rows of `integration_store` under `lock:`, taken
 * with `INSERT ... ON CONFLICT` (an expired lease counts as free), released and extended with
 * an `UPDATE`/`DELETE` that matches the holder's token, so only the owner can release. Expiry
 * uses the database server's clock, so a holder that dies loses the lock after its TTL.
 *
 * Leases are rows rather than advisory locks because advisory locks belong to a connection:
 * they cannot outlive the process that took them in a serverless function, nor expire.
 *
 * @example
 * ```ts
 * const lock = new PostgresLock(store);
 * const handle = await lock.acquire('refresh:ml:seller-1', 30_000, { waitMs: 5_000 });
 * if (handle) {
 *   try { await refresh(); } finally { await lock.release(handle); }
 * }
 * ```
 *
 * @category Stores
 */
export class PostgresLock extends StoreLock {
  /**
   * @param store - the PostgreSQL store that keeps the leases
   * @param options - key prefix (default `lock:`) and the clock that measures waits
   */
  constructor(store: PostgresStore, options: StoreLockOptions = {}) {
    super(store, options);
  }
}
