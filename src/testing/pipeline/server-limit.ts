import type { Clock } from '../../core/clock.js';
import { bucketShape, type RateLimitSpec } from '../../http/rate-limit/spec.js';
import { computeTake, type BucketState } from '../../stores/bucket.js';

/**
 * The verdict of a {@link ServerLimit} on one request.
 *
 * @category Pipeline simulator
 */
export interface ServerLimitVerdict {
  allowed: boolean;
  /** When refused: how long until the request would be allowed. */
  retryAfterMs: number;
  /** Tokens (or window requests) left after this request. */
  available: number;
  /** Bucket size or window limit. */
  capacity: number;
  /** Refill per second (0 for windows). */
  refillPerSecond: number;
  /** Fixed windows: milliseconds until the current window ends (0 for buckets). */
  resetMs: number;
}

/**
 * A platform's limit as the platform enforces it: token, leaky and cost buckets (a request
 * needs its requested cost in the bucket and spends its actual cost) and fixed windows. A
 * refused request spends nothing. Fixed windows start on clock boundaries or, with
 * `anchor: 'first-request'`, with the first request after the previous window ended.
 *
 * @example
 * ```ts
 * const limit = new ServerLimit({ kind: 'token-bucket', ratePerSecond: 2, burst: 10 }, clock);
 * limit.check(1).allowed; // true for the first ten
 * ```
 *
 * @category Pipeline simulator
 */
export class ServerLimit {
  readonly spec: RateLimitSpec;
  readonly #clock: Clock;
  #bucket: BucketState | undefined;
  #window = { start: 0, end: 0, count: 0 };

  /**
   * @param spec - the model to enforce
   * @param clock - time source
   */
  constructor(spec: RateLimitSpec, clock: Clock) {
    this.spec = spec;
    this.#clock = clock;
  }

  /**
   * Checks (and if allowed, spends) one request of `requestedCost`, spending `actualCost`, as
   * of `at` (default now: pass the arrival time when the body is read first).
   */
  check(requestedCost = 1, actualCost = requestedCost, at = this.#clock.now()): ServerLimitVerdict {
    const now = at;
    const spec = this.spec;
    if (spec.kind === 'fixed-window') {
      if (now >= this.#window.end) {
        // Clock windows start on multiples of the length; anchored ones with this request.
        const start = spec.anchor === 'first-request' ? now : Math.floor(now / spec.windowMs) * spec.windowMs;
        this.#window = { start, end: start + spec.windowMs, count: 0 };
      }
      const allowed = this.#window.count + requestedCost <= spec.limit;
      if (allowed) this.#window.count += actualCost;
      return {
        allowed,
        retryAfterMs: allowed ? 0 : this.#window.end - now,
        available: Math.max(0, spec.limit - this.#window.count),
        capacity: spec.limit,
        refillPerSecond: 0,
        resetMs: this.#window.end - now,
      };
    }
    const shape = bucketShape(spec);
    const probe = computeTake(this.#bucket, { key: 'server', ...shape, cost: requestedCost }, now);
    if (!probe.result.granted) {
      this.#bucket = probe.next;
      return {
        allowed: false,
        retryAfterMs: probe.result.retryAfterMs,
        available: probe.result.tokens,
        ...shape,
        resetMs: 0,
      };
    }
    // Spend the actual cost: give back what was reserved beyond it.
    const refund = requestedCost - actualCost;
    const next =
      refund === 0 ? probe.next : computeTake(probe.next, { key: 'server', ...shape, cost: -refund }, now).next;
    this.#bucket = next;
    return { allowed: true, retryAfterMs: 0, available: next.tokens, ...shape, resetMs: 0 };
  }
}
