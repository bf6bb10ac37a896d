import type { Clock } from '../../core/clock.js';
import { computeTake, takeFromBucket, type BucketState } from '../../store/bucket.js';
import type { Store } from '../../store/store.js';
import type { LimiterFeedback } from '../feedback-types.js';
import { bucketShape, type RateLimitSpec } from './spec.js';

const MARGIN = 1e-6;

/**
 * The serialisable state of one budget kept in memory (shared budgets live in the store).
 *
 * @example
 * ```ts
 * const state: BudgetState = { kind: 'bucket', tokens: 3, at: 1_700_000_000_000, capacity: 10, refillPerSecond: 2 };
 * ```
 */
export type BudgetState =
  | { kind: 'bucket'; tokens: number; at: number; capacity: number; refillPerSecond: number; pausedUntil?: number }
  | { kind: 'window'; window: number; count: number; limit: number; windowMs: number; pausedUntil?: number };

/**
 * The outcome of one take on a budget.
 *
 * @example
 * ```ts
 * const take: BudgetTake = { granted: false, retryAfterMs: 250 };
 * ```
 */
export interface BudgetTake {
  granted: boolean;
  retryAfterMs: number;
}

/**
 * What {@link Budget.feedback} needs to know about the request the feedback belongs to.
 *
 * @example
 * ```ts
 * const reservation: BudgetReservation = { headroom: 100, sentAt: clock.now() };
 * ```
 */
export interface BudgetReservation {
  /** Reserved on top of the request's cost; given back with this feedback. */
  headroom?: number;
  /** When the request left (clock ms): `available` was measured after this. */
  sentAt?: number;
}

/**
 * One budget (a bucket or a window), in memory or in a shared store. The arithmetic of
 * buckets is `computeTake` from the store module, so a local budget and a store budget
 * behave identically.
 *
 * @example
 * ```ts
 * const budget = new Budget({ kind: 'token-bucket', ratePerSecond: 5, burst: 10 }, 'rl:k', clock);
 * const take = await budget.take(1);
 * ```
 */
export class Budget {
  readonly key: string;
  readonly #clock: Clock;
  readonly #store: Store | undefined;
  #shape: { capacity: number; refillPerSecond: number } | undefined;
  #window: { limit: number; windowMs: number } | undefined;
  #bucket: BucketState | undefined;
  #count = { window: -1, count: 0 };
  #pausedUntil = 0;
  readonly #jitterMs: number;
  readonly #headroom: number;

  /**
   * @param spec - the limit model
   * @param key - store key of the budget
   * @param clock - time source
   * @param store - keep the budget in this store (shared); in memory when omitted
   * @param jitterMs - latency jitter to leave room for (see `RateLimitPlan.jitterMs`)
   */
  constructor(spec: RateLimitSpec, key: string, clock: Clock, store?: Store, jitterMs = 0) {
    this.key = key;
    this.#clock = clock;
    this.#store = store;
    this.#jitterMs = jitterMs;
    this.#headroom = spec.kind === 'cost-bucket' ? (spec.headroom ?? 0) : 0;
    if (spec.kind === 'fixed-window') this.#window = { limit: spec.limit, windowMs: spec.windowMs };
    else this.#shape = bucketShape(spec);
  }

  /** Milliseconds until a `Retry-After` pause ends (0 when not paused). */
  pausedFor(now: number): number {
    return Math.max(0, this.#pausedUntil - now);
  }

  /** Takes `cost` (negative gives back). */
  async take(cost: number): Promise<BudgetTake> {
    const local = this.takeLocal(cost);
    if (local) return local;
    const now = this.#clock.now();
    if (this.#window) return this.#takeWindowShared(cost, now);
    const r = await takeFromBucket(this.#store!, { key: this.key, ...this.#effectiveShape(), cost }, this.#clock);
    return { granted: r.granted, retryAfterMs: r.retryAfterMs };
  }

  /** Takes synchronously from an in-memory budget; `undefined` for a shared one. */
  takeLocal(cost: number): BudgetTake | undefined {
    if (this.#store) return undefined;
    const now = this.#clock.now();
    if (this.#window) return this.#takeWindowLocal(cost, now);
    const shape = this.#effectiveShape();
    // When a refill is involved, granted only with a hair more than asked (but charged
    // exactly): the platform computes the same refill along another path, and a rounding
    // difference in its favour must not turn into a throttled request.
    const refilling = this.#bucket !== undefined && now > this.#bucket.at && this.#bucket.tokens < shape.capacity;
    const margin = refilling && cost > 0 && cost + MARGIN <= shape.capacity ? MARGIN : 0;
    const probe = computeTake(this.#bucket, { key: this.key, ...shape, cost: cost + margin }, now);
    if (!probe.result.granted) {
      this.#bucket = probe.next;
      return { granted: false, retryAfterMs: probe.result.retryAfterMs };
    }
    this.#bucket = margin ? computeTake(this.#bucket, { key: this.key, ...shape, cost }, now).next : probe.next;
    return { granted: true, retryAfterMs: 0 };
  }

  #effectiveShape(): { capacity: number; refillPerSecond: number } {
    const raw = this.#shape!;
    const room = Math.min((raw.refillPerSecond * this.#jitterMs) / 1000, raw.capacity / 2);
    return room > 0 ? { capacity: raw.capacity - room, refillPerSecond: raw.refillPerSecond } : raw;
  }

  /**
   * Extra cost to reserve on top of `cost`: the cost bucket's `headroom` share of its
   * capacity, never pushing a request that fits past the (effective) capacity. 0 for other
   * models.
   */
  headroomFor(cost: number): number {
    if (!this.#headroom || !this.#shape) return 0;
    const room = this.#effectiveShape().capacity - cost;
    return room > 0 ? Math.min(this.#headroom * this.#shape.capacity, room) : 0;
  }

  /**
   * Applies what the platform reported about one request that reserved `reservedCost` (plus
   * `reservation.headroom`, always given back here) and left at `reservation.sentAt`.
   */
  async feedback(feedback: LimiterFeedback, reservedCost: number, reservation: BudgetReservation = {}): Promise<void> {
    if (feedback.pauseMs !== undefined && feedback.pauseMs > 0) {
      this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + feedback.pauseMs);
    }
    if (this.#window) {
      if (feedback.available !== undefined) await this.#syncWindow(feedback.available);
      return;
    }
    const shape = this.#shape!;
    if (feedback.capacity !== undefined && feedback.capacity > 0) shape.capacity = feedback.capacity;
    if (feedback.refillPerSecond !== undefined && feedback.refillPerSecond > 0) shape.refillPerSecond = feedback.refillPerSecond;
    const unused = feedback.actualCost !== undefined && feedback.actualCost < reservedCost ? reservedCost - feedback.actualCost : 0;
    const refund = unused + (reservation.headroom ?? 0);
    if (refund > 0) await this.take(-refund);
    if (feedback.available !== undefined) {
      // The platform measured `available` while the request was in flight; it has refilled
      // since, for at most the time since the request left. Crediting that refill keeps a
      // stale low figure from throwing restore time away on every call, while a local
      // balance above even this bound (one that drifted near the cap, where the platform
      // stops refilling) is still brought down. A lower local count (requests in flight) is kept.
      const now = this.#clock.now();
      const inFlightMs = reservation.sentAt === undefined ? 0 : Math.max(0, now - reservation.sentAt);
      const bound = Math.min(shape.capacity, feedback.available + (shape.refillPerSecond * inFlightMs) / 1000);
      await this.take(0);
      const current = this.#store ? await this.#peekStore() : this.#bucket?.tokens;
      if (current !== undefined && current > bound) await this.take(current - bound);
    }
  }

  /** The in-memory state (undefined for store budgets, whose state is in the store). */
  toJSON(): BudgetState | undefined {
    if (this.#store) return undefined;
    const paused = this.#pausedUntil ? { pausedUntil: this.#pausedUntil } : {};
    if (this.#window) return { kind: 'window', ...this.#count, ...this.#window, ...paused };
    const shape = this.#shape!;
    const bucket = this.#bucket ?? { tokens: shape.capacity, at: this.#clock.now() };
    return { kind: 'bucket', tokens: bucket.tokens, at: bucket.at, ...shape, ...paused };
  }

  /** Restores an in-memory state from {@link Budget.toJSON}. */
  restore(state: BudgetState): void {
    this.#pausedUntil = state.pausedUntil ?? 0;
    if (state.kind === 'window') {
      this.#window = { limit: state.limit, windowMs: state.windowMs };
      this.#count = { window: state.window, count: state.count };
    } else {
      this.#shape = { capacity: state.capacity, refillPerSecond: state.refillPerSecond };
      this.#bucket = { tokens: state.tokens, at: state.at };
    }
  }

  async #peekStore(): Promise<number | undefined> {
    const state = await this.#store?.get<BucketState>(this.key);
    return state?.tokens;
  }

  #windowOf(cost: number, now: number) {
    const { limit, windowMs } = this.#window!;
    const window = Math.floor(now / windowMs);
    return { limit, windowMs, window, retryAfterMs: cost > limit ? Number.POSITIVE_INFINITY : (window + 1) * windowMs - now };
  }

  #takeWindowLocal(cost: number, now: number): BudgetTake {
    const { limit, window, retryAfterMs } = this.#windowOf(cost, now);
    if (cost > limit) return { granted: false, retryAfterMs };
    if (this.#count.window !== window) this.#count = { window, count: 0 };
    if (this.#count.count + cost <= limit || cost <= 0) {
      this.#count.count = Math.max(0, this.#count.count + cost);
      return { granted: true, retryAfterMs: 0 };
    }
    return { granted: false, retryAfterMs };
  }

  async #takeWindowShared(cost: number, now: number): Promise<BudgetTake> {
    const { limit, windowMs, window, retryAfterMs } = this.#windowOf(cost, now);
    if (cost > limit) return { granted: false, retryAfterMs };
    const key = `${this.key}:${window}`;
    const count = await this.#store!.increment(key, cost, { ttlMs: windowMs * 2 });
    if (count <= limit || cost <= 0) return { granted: true, retryAfterMs: 0 };
    await this.#store!.increment(key, -cost);
    return { granted: false, retryAfterMs };
  }

  async #syncWindow(available: number): Promise<void> {
    const { limit, windowMs } = this.#window!;
    const window = Math.floor(this.#clock.now() / windowMs);
    const used = limit - available;
    if (this.#store) {
      const key = `${this.key}:${window}`;
      const count = await this.#store.increment(key, 0, { ttlMs: windowMs * 2 });
      if (used > count) await this.#store.increment(key, used - count);
      return;
    }
    if (this.#count.window !== window) this.#count = { window, count: 0 };
    this.#count.count = Math.max(this.#count.count, used);
  }
}
