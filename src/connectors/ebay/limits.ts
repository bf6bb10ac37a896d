import type { RateLimitPlan, TokenBucketSpec } from '../../http/rate-limit/spec.js';
import { EBAY_OPERATIONS, type EbayApi } from './operations-table.js';

/**
 * One API's call limit: calls per day and how many may go at once after a quiet period.
 *
 * @category Rate limits
 */
export interface EbayCallLimit {
  /** The daily quota. */
  readonly callsPerDay: number;
  /** Calls allowed at once (default: an hour of the quota). */
  readonly burst?: number;
}

/**
 * eBay's default call limits per API (developer.ebay.com, "API Call Limits": Sell Inventory API
 * 2,000,000 calls a day, Sell Fulfillment API 100,000, Commerce Notification API 10,000). The
 * Post-Order API has no entry in that table; 5,000 a day is a cautious assumption. An
 * application that passed eBay's Application Growth Check has higher limits: pass them as the
 * `limits` option.
 *
 * @example
 * ```ts
 * EBAY_CALL_LIMITS.inventory.callsPerDay; // 2000000
 * ```
 *
 * @category Rate limits
 */
export const EBAY_CALL_LIMITS: Readonly<Record<EbayApi, EbayCallLimit>> = Object.freeze({
  inventory: { callsPerDay: 2_000_000 },
  fulfillment: { callsPerDay: 100_000 },
  notification: { callsPerDay: 10_000 },
  postOrder: { callsPerDay: 5_000 },
});

const DAY_SECONDS = 86_400;

/**
 * A daily quota as a token bucket: it refills evenly over the day (`callsPerDay / 86,400` a
 * second) and holds `burst` calls (default: one hour of the quota), so a steady client never
 * spends a day's quota in a morning and a quiet one may still send an hour's worth at once.
 *
 * @example
 * ```ts
 * ebayTokenBucket({ callsPerDay: 86_400, burst: 10 }, 'inventory'); // 1 call a second, 10 at once
 * ```
 *
 * @category Rate limits
 */
export function ebayTokenBucket(limit: EbayCallLimit, bucket: string): TokenBucketSpec {
  return {
    kind: 'token-bucket',
    ratePerSecond: limit.callsPerDay / DAY_SECONDS,
    burst: Math.max(1, Math.round(limit.burst ?? Math.ceil(limit.callsPerDay / 24))),
    bucket,
  };
}

/**
 * The request pipeline's plan for an eBay connection: one token bucket per API, shared by all
 * of that API's operations, with the defaults of {@link EBAY_CALL_LIMITS} unless overridden.
 *
 * @example
 * ```ts
 * const plan = ebayRateLimitPlan({ inventory: { callsPerDay: 5_000_000 } }, true);
 * ```
 *
 * @category Rate limits
 */
export function ebayRateLimitPlan(
  overrides: Partial<Record<EbayApi, EbayCallLimit>> = {},
  shared = true,
): RateLimitPlan {
  const operations: Record<string, TokenBucketSpec> = {};
  for (const [operation, info] of Object.entries(EBAY_OPERATIONS)) {
    operations[operation] = ebayTokenBucket(overrides[info.api] ?? EBAY_CALL_LIMITS[info.api], `ebay:${info.api}`);
  }
  return { operations, shared, keyPrefix: 'mb:rl' };
}
