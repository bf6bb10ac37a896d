import type { Clock } from '../core/clock.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { MaybePromise } from '../core/types.js';
import type { Store } from './store.js';

/**
 * One atomic take from a token bucket kept in a {@link Store}: token buckets (SP-API usage
 * plans), leaky buckets (Shopify REST) and cost buckets (Shopify GraphQL) are all this. A
 * negative `cost` gives tokens back (a refund after the actual cost was lower), capped at
 * `capacity`.
 *
 * @category Stores
 */
export interface BucketTake {
  /** The bucket's key in the store. */
  key: string;
  /** Maximum tokens (burst, `maximumAvailable`). */
  capacity: number;
  /** Tokens restored per second (rate, `restoreRate`). */
  refillPerSecond: number;
  /** Tokens to take; negative to give back. A take larger than `capacity` is never granted. */
  cost: number;
}

/**
 * The answer of a {@link BucketTake}.
 *
 * @example
 * ```ts
 * const result: BucketTakeResult = await takeFromBucket(store, take, clock);
 * if (!result.granted) await clock.sleep(result.retryAfterMs);
 * ```
 *
 * @category Stores
 */
export interface BucketTakeResult {
  /** Whether the tokens were taken. */
  granted: boolean;
  /** Tokens left after this take (or now, if not granted). */
  tokens: number;
  /** When not granted: how long until enough tokens will be there (ms); otherwise 0. */
  retryAfterMs: number;
}

/**
 * A store that can take from a bucket atomically by itself (a Redis Lua script, a SQL
 * statement). {@link takeFromBucket} uses it when present.
 *
 * @category Stores
 */
export interface AtomicBucketStore {
  /** Takes (or refunds) tokens atomically, with the arithmetic of {@link computeTake}. */
  takeFromBucket(take: BucketTake): MaybePromise<BucketTakeResult>;
}

/**
 * What a bucket keeps in the store.
 *
 * @category Stores
 */
export interface BucketState {
  tokens: number;
  at: number;
}

/**
 * The arithmetic of one take on a bucket state `{ tokens, at }`, shared by every
 * implementation (native ones port it): refill by elapsed time, cap at capacity, then take or
 * say how long to wait.
 *
 * @example
 * ```ts
 * const { next, result } = computeTake({ tokens: 3, at: 0 }, { key: 'k', capacity: 10, refillPerSecond: 1, cost: 5 }, 1000);
 * // result: { granted: false, tokens: 4, retryAfterMs: 1000 }
 * ```
 *
 * @category Stores
 */
export function computeTake(
  state: BucketState | undefined,
  take: BucketTake,
  now: number,
): { next: BucketState; result: BucketTakeResult } {
  const elapsed = state ? Math.max(0, now - state.at) : 0;
  const tokens = state
    ? Math.min(take.capacity, state.tokens + (elapsed / 1000) * take.refillPerSecond)
    : take.capacity;
  if (take.cost <= tokens || take.cost <= 0) {
    const left = Math.min(take.capacity, tokens - take.cost);
    return { next: { tokens: left, at: now }, result: { granted: true, tokens: left, retryAfterMs: 0 } };
  }
  const retryAfterMs =
    take.cost > take.capacity
      ? Number.POSITIVE_INFINITY
      : Math.ceil(((take.cost - tokens) / take.refillPerSecond) * 1000);
  return { next: { tokens, at: now }, result: { granted: false, tokens, retryAfterMs } };
}

function check(take: BucketTake): void {
  const issues = [];
  if (!(take.capacity > 0) || !Number.isFinite(take.capacity))
    issues.push({ path: ['capacity'], message: 'Expected a positive number.' });
  if (!(take.refillPerSecond > 0) || !Number.isFinite(take.refillPerSecond))
    issues.push({ path: ['refillPerSecond'], message: 'Expected a positive number.' });
  if (!Number.isFinite(take.cost)) issues.push({ path: ['cost'], message: 'Expected a finite number.' });
  if (issues.length) throw new ValidationError('bucket take', issues);
}

/**
 * Takes `cost` tokens from a bucket kept in `store`, atomically: natively when the store
 * implements {@link AtomicBucketStore}, otherwise with a compare-and-set loop. Several
 * processes sharing the store share one budget.
 *
 * @example
 * ```ts
 * const result = await takeFromBucket(store, { key: 'rl:amazon:getOrders', capacity: 20, refillPerSecond: 0.0167, cost: 1 }, clock);
 * ```
 *
 * @category Stores
 */
export async function takeFromBucket(
  store: Store & Partial<AtomicBucketStore>,
  take: BucketTake,
  clock: Clock,
): Promise<BucketTakeResult> {
  check(take);
  if (typeof store.takeFromBucket === 'function') return store.takeFromBucket(take);
  // The bucket is refilled (idle) after capacity / rate seconds; keep it a little longer.
  const ttlMs = Math.max(1000, Math.ceil((take.capacity / take.refillPerSecond) * 1000 * 2));
  for (let attempt = 0; attempt < 1000; attempt++) {
    const state = await store.get<BucketState>(take.key);
    const { next, result } = computeTake(state, take, clock.now());
    if (await store.compareAndSet(take.key, state, next, { ttlMs })) return result;
  }
  throw new ValidationError('bucket take', [
    { path: ['key'], message: `Could not update ${take.key}: too much contention.` },
  ]);
}
