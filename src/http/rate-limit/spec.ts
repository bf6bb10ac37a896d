/**
 * A token bucket: `burst` requests at once, refilled at `ratePerSecond` (Amazon SP-API usage
 * plans publish exactly these two numbers per operation).
 *
 * @category Rate limiting
 */
export interface TokenBucketSpec {
  kind: 'token-bucket';
  /** Tokens restored per second. */
  ratePerSecond: number;
  /** Bucket size: requests that may be sent at once after a quiet period. */
  burst: number;
  /** Operations naming the same bucket share its budget (default: the operation name). */
  bucket?: string;
}

/**
 * A leaky bucket: up to `capacity` requests queued, leaking at `leakPerSecond` (Shopify REST:
 * 40 capacity, 2/s). Arithmetically a token bucket seen from the other side.
 *
 * @category Rate limiting
 */
export interface LeakyBucketSpec {
  kind: 'leaky-bucket';
  /** Bucket size. */
  capacity: number;
  /** Requests that leak out per second. */
  leakPerSecond: number;
  /** Operations naming the same bucket share its budget (default: the operation name). */
  bucket?: string;
}

/**
 * A cost (points) bucket: every request reserves its requested cost and gets the difference to
 * its actual cost back (Shopify GraphQL: 1,000 points, 100 restored per second on Standard).
 *
 * The balance a platform reports (`currentlyAvailable`) was measured while the request was in
 * flight; the limiter credits the refill since the request left before comparing it with its
 * own (see `docs/request-pipeline.md`). `headroom` covers what is left of that uncertainty.
 *
 * @example
 * ```ts
 * const graphql: CostBucketSpec = { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100, bucket: 'graphql' };
 * // Keep 5 % of the bucket (50 points) reserved on top of every request, given back with its actual cost.
 * const guarded: CostBucketSpec = { ...graphql, headroom: 0.05 };
 * ```
 *
 * @category Rate limiting
 */
export interface CostBucketSpec {
  kind: 'cost-bucket';
  /** `maximumAvailable`. */
  capacity: number;
  /** `restoreRate`, points per second. */
  restorePerSecond: number;
  /** Cost of a request that does not state one (default 1). */
  defaultCost?: number;
  /**
   * Share of `capacity` (0 to 0.5, default 0) reserved on top of each request's cost and
   * given back when its feedback arrives (with the actual cost, or alone when there is none).
   * A request is then sent only while the bucket also holds this margin, which absorbs a
   * local balance running slightly ahead of the platform's (one-way latency × restore rate,
   * when the platform's bucket sat at its cap). It costs its own restore time once per job,
   * not per request.
   */
  headroom?: number;
  /** Operations naming the same bucket share its budget (default: the operation name). */
  bucket?: string;
}

/**
 * A fixed window: at most `limit` requests per `windowMs` (bol.com publishes per-endpoint
 * limits this way). Windows are counted from clock boundaries (`anchor: 'clock'`, the default:
 * `[0, windowMs)`, `[windowMs, 2 × windowMs)`, ...) or open with the first request after the
 * previous one ended (`anchor: 'first-request'`: a counter created with a time-to-live).
 * A platform that reports its window (`LimiterFeedback.windowLimit`, `windowResetMs`) corrects
 * both the limit and the end of the current window.
 *
 * @example
 * ```ts
 * const offers: FixedWindowSpec = { kind: 'fixed-window', limit: 25, windowMs: 1000 };
 * const stock: FixedWindowSpec = { kind: 'fixed-window', limit: 25, windowMs: 1000, anchor: 'first-request' };
 * ```
 *
 * @category Rate limiting
 */
export interface FixedWindowSpec {
  kind: 'fixed-window';
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Where windows start: clock boundaries (default) or the first request after a window ended. */
  anchor?: 'clock' | 'first-request';
  /** Operations naming the same bucket share its budget (default: the operation name). */
  bucket?: string;
}

/**
 * One of the limit models the pipeline enforces.
 *
 * @category Rate limiting
 */
export type RateLimitSpec = TokenBucketSpec | LeakyBucketSpec | CostBucketSpec | FixedWindowSpec;

/**
 * The limits of one platform connection: a model per operation (or a default), kept per
 * tenant + platform + bucket, optionally in the shared `Store` so that several processes
 * spend one budget.
 *
 * @example
 * ```ts
 * const plan: RateLimitPlan = {
 *   operations: { getOrders: { kind: 'token-bucket', ratePerSecond: 0.0167, burst: 20 } },
 *   default: { kind: 'token-bucket', ratePerSecond: 5, burst: 10 },
 *   shared: true,
 * };
 * ```
 *
 * @category Rate limiting
 */
export interface RateLimitPlan {
  /** Models by operation name. */
  operations?: Record<string, RateLimitSpec>;
  /** The model of operations not listed (default: unlimited). */
  default?: RateLimitSpec;
  /** Keep budgets in `context.store` (several processes share them). Default false: in memory. */
  shared?: boolean;
  /** Requests in flight at once per bucket (default: unlimited). */
  maxConcurrent?: number;
  /** How many buckets to keep in memory; the least recently used are dropped (default 1,000). */
  maxKeys?: number;
  /** Waiting longer than this for budget fails with `RateLimitError` instead (default: wait). */
  maxWaitMs?: number;
  /** Prefix of store keys (default `mb:rl`). */
  keyPrefix?: string;
  /**
   * Who owns the budgets (default: the context's tenant). A platform that counts requests per
   * application rather than per seller (MercadoLibre) names the application here, so that
   * every tenant of that application spends one shared budget.
   */
  scope?: string;
  /**
   * Latency jitter to allow for, ms (default 0). Requests taken in order can arrive out of
   * order; keeping `rate × jitterMs` tokens of a bucket unused absorbs that, so a platform
   * that stamps arrival times never sees a burst larger than its own.
   */
  jitterMs?: number;
}

/**
 * Capacity and refill rate of a spec, in the common bucket form (fixed windows excepted).
 *
 * @example
 * ```ts
 * bucketShape({ kind: 'leaky-bucket', capacity: 40, leakPerSecond: 2 }); // { capacity: 40, refillPerSecond: 2 }
 * ```
 *
 * @category Rate limiting
 */
export function bucketShape(spec: Exclude<RateLimitSpec, FixedWindowSpec>): {
  capacity: number;
  refillPerSecond: number;
} {
  switch (spec.kind) {
    case 'token-bucket':
      return { capacity: spec.burst, refillPerSecond: spec.ratePerSecond };
    case 'leaky-bucket':
      return { capacity: spec.capacity, refillPerSecond: spec.leakPerSecond };
    case 'cost-bucket':
      return { capacity: spec.capacity, refillPerSecond: spec.restorePerSecond };
  }
}
