import type { LimiterFeedback } from '../../http/feedback-types.js';

/**
 * What SP-API's `x-amzn-RateLimit-Limit` header says: the rate (requests per second) of the
 * operation's usage plan for this selling partner and application. Amazon sends it on most
 * answers; a missing, empty, zero or unreadable value says nothing.
 *
 * @example
 * ```ts
 * amazonHeaderFeedback(new Headers({ 'x-amzn-ratelimit-limit': '0.0167' })); // { refillPerSecond: 0.0167 }
 * ```
 *
 * @category Rate limits
 */
export function amazonHeaderFeedback(headers: Headers): LimiterFeedback {
  const value = headers.get('x-amzn-ratelimit-limit')?.trim();
  if (!value) return {};
  const rate = Number(value);
  return Number.isFinite(rate) && rate > 0 ? { refillPerSecond: rate } : {};
}
