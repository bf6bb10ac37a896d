/**
 * What a response says about the limiter's budget. The pipeline reads it from headers
 * (`x-amzn-RateLimit-Limit`, `X-Shopify-Shop-Api-Call-Limit`, `x-ratelimit-*`, `Retry-After`)
 * and a classifier may add what the body says (Shopify's `extensions.cost`).
 *
 * @example
 * ```ts
 * // Shopify GraphQL: 52 points requested, 12 used, 988 of 1000 left, 100/s.
 * const feedback: LimiterFeedback = { actualCost: 12, available: 988, capacity: 1000, refillPerSecond: 100 };
 * ```
 *
 * @category Classifiers and feedback
 */
export interface LimiterFeedback {
  /** Tokens the platform says are left now; the limiter never assumes more than this. */
  available?: number;
  /** Bucket size the platform reports. */
  capacity?: number;
  /** Refill rate (per second) the platform reports, e.g. from `x-amzn-RateLimit-Limit`. */
  refillPerSecond?: number;
  /** The request's actual cost; the difference to the reserved cost is given back. */
  actualCost?: number;
  /** Send nothing on this bucket for this long (from `Retry-After`). */
  pauseMs?: number;
  /** A fixed window's limit as the platform reports it (bol.com `x-ratelimit-limit`). */
  windowLimit?: number;
  /** How long until the platform's current window ends, ms (bol.com `x-ratelimit-reset`). */
  windowResetMs?: number;
  /**
   * How coarse `windowResetMs` is, ms: a reset reported in whole seconds and rounded up is
   * precise to 1,000 ms (default 0: exact). The window's end moves only when even the earliest
   * end the figure allows lies beyond the local estimate.
   */
  windowResetPrecisionMs?: number;
}
