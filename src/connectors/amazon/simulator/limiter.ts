import type { Clock } from '../../../core/clock.js';
import { computeTake, type BucketState } from '../../../stores/bucket.js';

/**
 * Calls and throttled answers per operation, as the simulator counted them.
 *
 * @example
 * ```ts
 * const stats: AmazonSimulatorStats = simulator.stats();
 * console.log(stats.operations.patchListingsItem?.throttled);
 * ```
 *
 * @category Simulator
 */
export interface AmazonSimulatorStats {
  operations: Record<string, { calls: number; accepted: number; throttled: number; firstAt: number; lastAt: number }>;
}

/**
 * Amazon's side of the usage plans: one token bucket per operation and owner (the selling
 * partner and application whose token made the call; statistics are per operation).
 */
export class ServerLimiter {
  readonly #buckets = new Map<string, BucketState>();
  readonly #stats: AmazonSimulatorStats = { operations: {} };

  constructor(
    private readonly clock: Clock,
    private readonly plan: (operation: string) => { rate: number; burst: number },
  ) {}

  /** Takes one token of `owner`'s bucket for `operation`; false means answer 429 QuotaExceeded. */
  take(operation: string, owner = ''): boolean {
    const { rate, burst } = this.plan(operation);
    const now = this.clock.now();
    // A hair under one token: clients that pace by the same arithmetic must not lose to float rounding.
    const key = `${owner}|${operation}`;
    const { next, result } = computeTake(
      this.#buckets.get(key),
      { key, capacity: burst, refillPerSecond: rate, cost: 1 - 1e-9 },
      now,
    );
    this.#buckets.set(key, next);
    const entry = (this.#stats.operations[operation] ??= {
      calls: 0,
      accepted: 0,
      throttled: 0,
      firstAt: now,
      lastAt: now,
    });
    entry.calls++;
    entry.lastAt = now;
    if (result.granted) entry.accepted++;
    else entry.throttled++;
    return result.granted;
  }

  stats(): AmazonSimulatorStats {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#buckets.clear();
    this.#stats.operations = {};
  }
}
