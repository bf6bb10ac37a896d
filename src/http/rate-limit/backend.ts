import type { Clock } from '../../core/clock.js';
import { computeTake, takeFromBucket, type BucketState } from '../../stores/bucket.js';
import type { Store } from '../../stores/store.js';
import type { LimiterFeedback } from '../feedback-types.js';
import { MAX_RETRY_AFTER_MS } from '../retry-after.js';
import { bucketShape, type RateLimitSpec } from './spec.js';

const MARGIN = 1e-6;

/**
 * The serialisable state of one budget kept in memory (shared budgets live in the store).
 *
 * @category Rate limiting
 */
export type BudgetState =
  | { kind: 'bucket'; tokens: number; at: number; capacity: number; refillPerSecond: number; pausedUntil?: number }
  | {
      kind: 'window';
      window: number;
      count: number;
      limit: number;
      windowMs: number;
      pausedUntil?: number;
      /** Where windows start (default `clock`). */
      anchor?: 'clock' | 'first-request';
      /** Start and end of the current window (clock ms); derived from `window` when absent. */
      start?: number;
      end?: number;
    };

interface SharedSpan {
  start: number;
  end: number;
  count: number;
  /** A limit learned from the platform, shared by every process. */
  limit?: number;
}

/** When the platform says its current window ends, if it said. */
function learnedEnd(feedback: LimiterFeedback, now: number): number | undefined {
  const reset = feedback.windowResetMs;
  return reset !== undefined && Number.isFinite(reset) && reset > 0
    ? now + Math.min(reset, MAX_RETRY_AFTER_MS)
    : undefined;
}

/**
 * The outcome of one take on a budget.
 */
export interface BudgetTake {
  granted: boolean;
  retryAfterMs: number;
}

/**
 * What {@link Budget.feedback} needs to know about the request the feedback belongs to.
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
  #window: { limit: number; windowMs: number; anchor: 'clock' | 'first-request' } | undefined;
  #bucket: BucketState | undefined;
  /** The current window [start, end) and what it counted. */
  #span = { start: 0, end: 0, count: 0 };
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
    if (spec.kind === 'fixed-window')
      this.#window = { limit: spec.limit, windowMs: spec.windowMs, anchor: spec.anchor ?? 'clock' };
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
      await this.#syncWindow(feedback, reservation.sentAt);
      return;
    }
    const shape = this.#shape!;
    if (feedback.capacity !== undefined && feedback.capacity > 0) shape.capacity = feedback.capacity;
    if (feedback.refillPerSecond !== undefined && feedback.refillPerSecond > 0)
      shape.refillPerSecond = feedback.refillPerSecond;
    const unused =
      feedback.actualCost !== undefined && feedback.actualCost < reservedCost ? reservedCost - feedback.actualCost : 0;
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
    if (this.#window) {
      const { start, end, count } = this.#span;
      return {
        kind: 'window',
        window: Math.floor(start / this.#window.windowMs),
        count,
        start,
        end,
        ...this.#window,
        ...paused,
      };
    }
    const shape = this.#shape!;
    const bucket = this.#bucket ?? { tokens: shape.capacity, at: this.#clock.now() };
    return { kind: 'bucket', tokens: bucket.tokens, at: bucket.at, ...shape, ...paused };
  }

  /** Restores an in-memory state from {@link Budget.toJSON}. */
  restore(state: BudgetState): void {
    this.#pausedUntil = state.pausedUntil ?? 0;
    if (state.kind === 'window') {
      this.#window = { limit: state.limit, windowMs: state.windowMs, anchor: state.anchor ?? 'clock' };
      const start = state.start ?? state.window * state.windowMs;
      this.#span = { start, end: state.end ?? start + state.windowMs, count: state.count };
    } else {
      this.#shape = { capacity: state.capacity, refillPerSecond: state.refillPerSecond };
      this.#bucket = { tokens: state.tokens, at: state.at };
    }
  }

  async #peekStore(): Promise<number | undefined> {
    const state = await this.#store?.get<BucketState>(this.key);
    return state?.tokens;
  }

  /** Opens the window that `now` falls in when the current one is over. */
  #roll(now: number): void {
    const { windowMs, anchor } = this.#window!;
    if (now < this.#span.end) return;
    const start = anchor === 'clock' ? Math.floor(now / windowMs) * windowMs : now;
    this.#span = { start, end: start + windowMs, count: 0 };
  }

  #takeWindowLocal(cost: number, now: number): BudgetTake {
    const { limit } = this.#window!;
    if (cost > limit) return { granted: false, retryAfterMs: Number.POSITIVE_INFINITY };
    // A refund never opens a window.
    if (cost <= 0) {
      if (now < this.#span.end) this.#span.count = Math.max(0, this.#span.count + cost);
      return { granted: true, retryAfterMs: 0 };
    }
    this.#roll(now);
    if (this.#span.count + cost <= limit) {
      this.#span.count += cost;
      return { granted: true, retryAfterMs: 0 };
    }
    return { granted: false, retryAfterMs: Math.max(1, this.#span.end - now) };
  }

  async #takeWindowShared(cost: number, now: number): Promise<BudgetTake> {
    const { limit, windowMs, anchor } = this.#window!;
    if (cost > limit) return { granted: false, retryAfterMs: Number.POSITIVE_INFINITY };
    const store = this.#store!;
    if (anchor === 'first-request') return this.#takeSpanShared(cost, now);
    const window = Math.floor(now / windowMs);
    const retryAfterMs = (window + 1) * windowMs - now;
    const key = `${this.key}:${window}`;
    const count = await store.increment(key, cost, { ttlMs: windowMs * 2 });
    if (count <= limit || cost <= 0) return { granted: true, retryAfterMs: 0 };
    await store.increment(key, -cost);
    return { granted: false, retryAfterMs };
  }

  /**
   * An anchored window shared through the store: one value `{ start, end, count, limit }`
   * changed by compare-and-set, so every process sees the same window, including an end or a
   * limit learned from the platform.
   */
  async #takeSpanShared(cost: number, now: number): Promise<BudgetTake> {
    const store = this.#store!;
    const key = `${this.key}:span`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = (await store.get<SharedSpan>(key)) ?? undefined;
      const limit = current?.limit ?? this.#window!.limit;
      const open = current && now < current.end ? current : undefined;
      if (open && cost > 0 && open.count + cost > limit)
        return { granted: false, retryAfterMs: Math.max(1, open.end - now) };
      if (!open && cost <= 0) return { granted: true, retryAfterMs: 0 };
      const next: SharedSpan = open
        ? { ...open, count: Math.max(0, open.count + cost) }
        : {
            start: now,
            end: now + this.#window!.windowMs,
            count: cost,
            ...(current?.limit ? { limit: current.limit } : {}),
          };
      if (
        await store.compareAndSet(key, current, next, { ttlMs: Math.max(1, next.end - now) + this.#window!.windowMs })
      )
        return { granted: true, retryAfterMs: 0 };
    }
    return { granted: false, retryAfterMs: 1 };
  }

  async #syncSpanShared(feedback: LimiterFeedback, sentAt: number | undefined): Promise<void> {
    const store = this.#store!;
    const key = `${this.key}:span`;
    const now = this.#clock.now();
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = (await store.get<SharedSpan>(key)) ?? undefined;
      const next: SharedSpan | undefined = current ? { ...current } : undefined;
      if (next && feedback.windowLimit !== undefined && feedback.windowLimit > 0)
        next.limit = Math.floor(feedback.windowLimit);
      if (next && (sentAt === undefined || sentAt >= next.start)) {
        if (feedback.available !== undefined)
          next.count = Math.max(next.count, (next.limit ?? this.#window!.limit) - feedback.available);
        const end = learnedEnd(feedback, now);
        if (end !== undefined && end > next.end && end - (feedback.windowResetPrecisionMs ?? 0) >= next.end)
          next.end = end;
      }
      if (!next || JSON.stringify(next) === JSON.stringify(current)) return;
      if (
        await store.compareAndSet(key, current, next, { ttlMs: Math.max(1, next.end - now) + this.#window!.windowMs })
      )
        return;
    }
  }

  /**
   * Applies what the platform said about its window: its limit, what is left, and when it
   * ends. Feedback of a request sent before the current window opened describes an earlier
   * window and only updates the limit.
   */
  async #syncWindow(feedback: LimiterFeedback, sentAt: number | undefined): Promise<void> {
    const window = this.#window!;
    if (feedback.windowLimit !== undefined && Number.isFinite(feedback.windowLimit) && feedback.windowLimit > 0)
      window.limit = Math.floor(feedback.windowLimit);
    const { limit, windowMs, anchor } = window;
    const now = this.#clock.now();
    if (this.#store) {
      if (anchor === 'first-request') return this.#syncSpanShared(feedback, sentAt);
      if (feedback.available === undefined) return;
      const used = limit - feedback.available;
      const key = `${this.key}:${Math.floor(now / windowMs)}`;
      const count = await this.#store.increment(key, 0, { ttlMs: windowMs * 2 });
      if (used > count) await this.#store.increment(key, used - count);
      return;
    }
    if (sentAt !== undefined && sentAt < this.#span.start) return;
    if (now >= this.#span.end && (feedback.available !== undefined || feedback.windowResetMs !== undefined)) {
      // The platform still counts a window we thought over: it is the one the request went in.
      if (feedback.windowResetMs === undefined || feedback.windowResetMs <= 0) return;
      this.#span = { start: sentAt ?? now, end: now, count: 0 };
    }
    if (feedback.available !== undefined) this.#span.count = Math.max(this.#span.count, limit - feedback.available);
    // The platform's window ends after now + reset - precision. Only when even that is at or past
    // the local end does the local window run too short; a rounded figure alone must not stretch
    // every window.
    const end = learnedEnd(feedback, now);
    if (
      end !== undefined &&
      end > this.#span.end &&
      end - Math.max(0, feedback.windowResetPrecisionMs ?? 0) >= this.#span.end
    )
      this.#span.end = end;
  }
}
