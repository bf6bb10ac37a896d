import type { LimiterFeedback } from './feedback-types.js';
import { parseRetryAfter } from './retry-after.js';

function num(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * Reads the rate-limit headers that mean the same on every platform into
 * {@link LimiterFeedback}:
 * - `x-ratelimit-remaining` (bol.com, eBay and others; `x-ratelimit-limit` is often per
 *   window, so it is not taken as a bucket size);
 * - `Retry-After` (seconds or HTTP-date; garbage ignored, huge clamped).
 *
 * A platform's own headers (`x-amzn-RateLimit-Limit`, `X-Shopify-Shop-Api-Call-Limit`) are read
 * by its connector's classifier, which returns them as feedback.
 *
 * @example
 * ```ts
 * headerFeedback(new Headers({ 'x-ratelimit-remaining': '3', 'retry-after': '2' }), Date.now());
 * // { available: 3, pauseMs: 2000 }
 * ```
 *
 * @category Classifiers and feedback
 */
export function headerFeedback(headers: Headers, now: number, maxRetryAfterMs?: number): LimiterFeedback {
  const feedback: LimiterFeedback = {};
  const remaining = num(headers.get('x-ratelimit-remaining'));
  if (remaining !== undefined && remaining >= 0) feedback.available = remaining;
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
 *
 * @category Classifiers and feedback
 */
export function mergeFeedback(a: LimiterFeedback, b: LimiterFeedback | undefined): LimiterFeedback {
  if (!b) return a;
  const out: LimiterFeedback = { ...a, ...b };
  if (a.available !== undefined && b.available !== undefined) out.available = Math.min(a.available, b.available);
  if (a.pauseMs !== undefined && b.pauseMs !== undefined) out.pauseMs = Math.max(a.pauseMs, b.pauseMs);
  return out;
}
