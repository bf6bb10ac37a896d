/**
 * How long a run may take before another pass may pick the event up again.
 *
 * @example
 * ```ts
 * await store.compareAndSet(key, record, { ...record, claimedUntil: now + CLAIM_MS });
 * ```
 */
export const CLAIM_MS = 60_000;
