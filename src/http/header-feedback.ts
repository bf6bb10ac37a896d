import type { LimiterFeedback } from './feedback-types.js';
import { parseRetryAfter } from './retry-after.js';

function num(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * Reads the rate-limit headers platforms send into {@link LimiterFeedback}:
 * - `x-amzn-RateLimit-Limit` (SP-API): the operation's rate per second;
 * - `X-Shopify-Shop-Api-Call-Limit: 32/40` (Shopify REST): used/capacity;
 * - `x-ratelimit-remaining` (bol.com, eBay and others; `x-ratelimit-limit` is often per
 *   window, so it is not taken as a bucket size);
 * - `Retry-After` (seconds or HTTP-date; garbage ignored, huge clamped).
 *
 * @example
 * ```ts
 * headerFeedback(new Headers({ 'x-shopify-shop-api-call-limit': '32/40' }), Date.now());
 * // { available: 8, capacity: 40 }
 * ```
 */
export function headerFeedback(headers: Headers, now: number, maxRetryAfterMs?: number): LimiterFeedback {
  const feedback: LimiterFeedback = {};
  const amazon = num(headers.get('x-amzn-ratelimit-limit'));
  if (amazon !== undefined && amazon > 0) feedback.refillPerSecond = amazon;
  const shopify = headers.get('x-shopify-shop-api-call-limit');
  const match = shopify ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shopify) : null;
  if (match) {
    const used = Number(match[1]);
    const capacity = Number(match[2]);
    if (capacity > 0) {
      feedback.capacity = capacity;
      feedback.available = Math.max(0, capacity - used);
    }
  }
  const remaining = num(headers.get('x-ratelimit-remaining'));
  if (remaining !== undefined && remaining >= 0) feedback.available = Math.min(feedback.available ?? remaining, remaining);
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now, maxRetryAfterMs);
  if (retryAfter !== undefined && retryAfter > 0) feedback.pauseMs = retryAfter;
  return feedback;
}

/**
 * Combines feedback from headers and from a classifier; the lower `available` wins and the
 * longer pause wins.
 *
 * @example
 * ```ts
 * mergeFeedback({ available: 5 }, { available: 3, actualCost: 10 }); // { available: 3, actualCost: 10 }
 * ```
 */
export function mergeFeedback(a: LimiterFeedback, b: LimiterFeedback | undefined): LimiterFeedback {
  if (!b) return a;
  const out: LimiterFeedback = { ...a, ...b };
  if (a.available !== undefined && b.available !== undefined) out.available = Math.min(a.available, b.available);
  if (a.pauseMs !== undefined && b.pauseMs !== undefined) out.pauseMs = Math.max(a.pauseMs, b.pauseMs);
  return out;
}
