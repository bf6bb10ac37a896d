import type { WebhookEvent } from './types.js';

/**
 * A pending retry (or an event whose first run has not finished) as kept in the store.
 *
 * @example
 * ```ts
 * const record: RetryRecord = { event, failures: 1, nextAttemptAt: now + 1_000, lastError: 'Error: down' };
 * ```
 */
export interface RetryRecord {
  event: WebhookEvent;
  failures: number;
  nextAttemptAt: number;
  lastError: string;
  claimedUntil?: number;
}

/**
 * How long a run may take before another pass may pick the event up again.
 *
 * @example
 * ```ts
 * await store.compareAndSet(key, record, { ...record, claimedUntil: now + CLAIM_MS });
 * ```
 */
export const CLAIM_MS = 60_000;
