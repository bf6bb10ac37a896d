import { LRUCache } from 'lru-cache';
import PQueue from 'p-queue';
import type { Clock } from '../../core/clock.js';
import { RateLimitError } from '../../core/errors/rate-limit-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { Store } from '../../stores/store.js';
import type { LimiterFeedback } from '../feedback-types.js';
import { Budget, type BudgetState } from './backend.js';
import type { RateLimitPlan, RateLimitSpec } from './spec.js';
import { validatePlan } from './validate.js';

/**
 * Options of {@link KeyedLimiter}.
 *
 * @example
 * ```ts
 * const options: KeyedLimiterOptions = { plan, clock, store, platform: 'amazon', tenantId: 'seller-1' };
 * ```
 *
 * @category Rate limiting
 */
export interface KeyedLimiterOptions {
  /** The limits. */
  plan: RateLimitPlan;
  /** Time source (waits use `clock.sleep`). */
  clock: Clock;
  /** Store for shared budgets (used when `plan.shared`). */
  store?: Store;
  /** Platform name, part of the key. */
  platform: string;
  /** Tenant, part of the key (default `default`). */
  tenantId?: string;
  /** Told about every wait for budget. */
  onWait?: (info: { operation: string; key: string; waitMs: number }) => void;
}

/**
 * Options of one {@link KeyedLimiter.acquire}.
 *
 * @example
 * ```ts
 * const options: LimiterAcquireOptions = { cost: 52, priority: 1, signal: controller.signal };
 * ```
 *
 * @category Rate limiting
 */
export interface LimiterAcquireOptions {
  /** Tokens or points to reserve (default: the spec's default cost, or 1). */
  cost?: number;
  /** Higher runs first among waiting requests (default 0). */
  priority?: number;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Budget granted to one request. Pass the platform's feedback (with the time the request
 * left), then release the concurrency slot when the request is over. A permit that reserved
 * `headroom` gives it back on its first `feedback` call, so call `feedback({})` after an
 * attempt that got no answer.
 *
 * @example
 * ```ts
 * const permit = await limiter.acquire('getOrders');
 * try {
 *   const sentAt = clock.now();
 *   const response = await send();
 *   await permit.feedback({ available: 3 }, sentAt);
 * } finally { permit.release(); }
 * ```
 *
 * @category Rate limiting
 */
export interface LimiterPermit {
  /** The budget key, or `undefined` when the operation is not limited. */
  key: string | undefined;
  /** What was reserved for the request itself. */
  cost: number;
  /** Reserved on top of `cost` (a cost bucket's `headroom`); given back by the first `feedback`. */
  headroom: number;
  /** When the budget was granted (clock ms). */
  reservedAt: number;
  /** How long the request waited for budget, ms. */
  waitedMs: number;
  /**
   * Applies the platform's feedback (refunds, available points, pauses). `sentAt` is when the
   * request left (default `reservedAt`): the platform measured `available` after it, and the
   * limiter credits the refill since.
   */
  feedback(feedback: LimiterFeedback, sentAt?: number): Promise<void>;
  /** Frees the concurrency slot. Idempotent. */
  release(): void;
}

/**
 * Exported limiter state: in-memory budgets by key (shared budgets live in the store).
 *
 * @example
 * ```ts
 * const snapshot: LimiterSnapshot = limiter.toJSON();
 * const restored = new KeyedLimiter({ ...options, initialState: snapshot });
 * ```
 *
 * @category Rate limiting
 */
export type LimiterSnapshot = Record<string, BudgetState>;

interface Entry {
  budget: Budget;
  /** Aborted (and replaced) when feedback gives budget back, to wake the waiting request early. */
  wake: AbortController;
  spec: RateLimitSpec;
  gate: PQueue;
  slots: PQueue | undefined;
}

const NO_RELEASE = (): void => {};
const UNLIMITED: LimiterPermit = {
  key: undefined,
  cost: 0,
  headroom: 0,
  reservedAt: 0,
  waitedMs: 0,
  feedback: async () => {},
  release: () => {},
};

/**
 * Rate limits keyed by tenant + platform + bucket: one budget per key (token, leaky, cost
 * bucket or fixed window), bounded in number with an LRU, priorities and concurrency through
 * p-queue, cancellation with `AbortSignal`, state exportable and restorable, and optionally
 * kept in a `Store` so that several processes share one budget.
 *
 * @example
 * ```ts
 * const limiter = new KeyedLimiter({ plan: { default: { kind: 'token-bucket', ratePerSecond: 2, burst: 5 } }, clock, platform: 'bol' });
 * const permit = await limiter.acquire('getOffers', { priority: 1 });
 * permit.release();
 * ```
 *
 * @category Rate limiting
 */
export class KeyedLimiter {
  readonly #options: KeyedLimiterOptions;
  readonly #entries: LRUCache<string, Entry>;
  readonly #initial: LimiterSnapshot;

  /**
   * @param options - plan, clock, store and identity
   * @param initialState - budgets from {@link KeyedLimiter.toJSON}
   */
  constructor(options: KeyedLimiterOptions, initialState: LimiterSnapshot = {}) {
    validatePlan(options.plan);
    this.#options = options;
    this.#initial = { ...initialState };
    this.#entries = new LRUCache({ max: options.plan.maxKeys ?? 1000 });
  }

  /** The spec that applies to `operation`, if any. */
  specFor(operation: string): RateLimitSpec | undefined {
    return this.#options.plan.operations?.[operation] ?? this.#options.plan.default;
  }

  /** The budget key of `operation`, if it is limited. */
  keyFor(operation: string): string | undefined {
    const spec = this.specFor(operation);
    if (!spec) return undefined;
    const { plan, platform, tenantId } = this.#options;
    return `${plan.keyPrefix ?? 'mb:rl'}:${tenantId ?? 'default'}:${platform}:${spec.bucket ?? operation}`;
  }

  /** Waits for budget for one request of `operation`. */
  async acquire(operation: string, options: LimiterAcquireOptions = {}): Promise<LimiterPermit> {
    const entry = this.#entry(operation);
    if (!entry) return UNLIMITED;
    const cost = options.cost ?? (entry.spec.kind === 'cost-bucket' ? (entry.spec.defaultCost ?? 1) : 1);
    const { signal } = options;
    const headroom = entry.budget.headroomFor(cost);
    const reserve = cost + headroom;
    if (!entry.slots) {
      // Nobody waiting and budget at hand: skip the queue (and every allocation it needs).
      const { gate, budget } = entry;
      if (
        gate.size === 0 &&
        gate.pending === 0 &&
        budget.pausedFor(this.#options.clock.now()) === 0 &&
        !signal?.aborted
      ) {
        if (budget.takeLocal(reserve)?.granted) return this.#permit(entry, cost, headroom, 0, NO_RELEASE);
      }
      return this.#permit(entry, cost, headroom, await this.#queued(operation, entry, reserve, options), NO_RELEASE);
    }
    const slots = entry.slots;
    const queueOptions = { priority: options.priority ?? 0, ...(signal ? { signal } : {}) };
    return new Promise<LimiterPermit>((resolve, reject) => {
      slots
        .add(async () => {
          const waited = await this.#queued(operation, entry, reserve, options);
          await new Promise<void>((done) => {
            let released = false;
            resolve(
              this.#permit(entry, cost, headroom, waited, () => {
                if (released) return;
                released = true;
                done();
              }),
            );
          });
        }, queueOptions)
        .catch(reject);
    });
  }

  #queued(operation: string, entry: Entry, cost: number, options: LimiterAcquireOptions): Promise<number> {
    const { signal } = options;
    const queueOptions = { priority: options.priority ?? 0, ...(signal ? { signal } : {}) };
    return entry.gate.add(() => this.#waitBudget(operation, entry, cost, signal), queueOptions);
  }

  #permit(entry: Entry, cost: number, headroom: number, waitedMs: number, release: () => void): LimiterPermit {
    const reservedAt = this.#options.clock.now();
    let held = headroom;
    return {
      key: entry.budget.key,
      cost,
      headroom,
      reservedAt,
      waitedMs,
      feedback: async (feedback, sentAt = reservedAt) => {
        const refund = held;
        held = 0;
        await entry.budget.feedback(feedback, cost, { headroom: refund, sentAt });
        if (refund > 0 || (feedback.actualCost !== undefined && feedback.actualCost < cost)) {
          const wake = entry.wake;
          entry.wake = new AbortController();
          wake.abort();
        }
      },
      release,
    };
  }

  /** In-memory budgets by key, for {@link KeyedLimiter} `initialState`. */
  toJSON(): LimiterSnapshot {
    const out: LimiterSnapshot = { ...this.#initial };
    for (const [key, entry] of this.#entries.entries()) {
      const state = entry.budget.toJSON();
      if (state) out[key] = state;
    }
    return out;
  }

  #entry(operation: string): Entry | undefined {
    const key = this.keyFor(operation);
    if (!key) return undefined;
    const existing = this.#entries.get(key);
    if (existing) return existing;
    const spec = this.specFor(operation)!;
    const { plan, clock, store } = this.#options;
    const budget = new Budget(spec, key, clock, plan.shared ? store : undefined, plan.jitterMs ?? 0);
    const saved = this.#initial[key];
    if (saved && !plan.shared) {
      budget.restore(saved);
      delete this.#initial[key];
    }
    const max = plan.maxConcurrent;
    const entry: Entry = {
      budget,
      wake: new AbortController(),
      spec,
      gate: new PQueue({ concurrency: 1 }),
      slots: max === undefined || max === Number.POSITIVE_INFINITY ? undefined : new PQueue({ concurrency: max }),
    };
    this.#entries.set(key, entry);
    return entry;
  }

  async #waitBudget(operation: string, entry: Entry, cost: number, signal?: AbortSignal): Promise<number> {
    const { clock, plan, onWait } = this.#options;
    let waited = 0;
    for (;;) {
      signal?.throwIfAborted();
      const paused = entry.budget.pausedFor(clock.now());
      let wait = paused;
      if (paused === 0) {
        const take = await entry.budget.take(cost);
        if (take.granted) return waited;
        wait = take.retryAfterMs;
      }
      if (!Number.isFinite(wait)) {
        throw new ValidationError('rate limit request', [
          {
            path: ['cost'],
            message: `Cost ${cost} exceeds the capacity of bucket ${entry.budget.key}; split the request.`,
          },
        ]);
      }
      if (plan.maxWaitMs !== undefined && waited + wait > plan.maxWaitMs) {
        throw new RateLimitError(`No budget for ${operation} within ${plan.maxWaitMs} ms.`, {
          platform: this.#options.platform,
          operation,
          retryAfterMs: wait,
        });
      }
      onWait?.({ operation, key: entry.budget.key, waitMs: wait });
      const before = clock.now();
      const wake = entry.wake.signal;
      try {
        await clock.sleep(wait, signal ? AbortSignal.any([signal, wake]) : wake);
      } catch (error) {
        // Woken by a refund: look at the budget again. Any other reason is the caller's abort.
        if (!wake.aborted || signal?.aborted) throw signal?.aborted ? signal.reason : error;
      }
      waited += clock.now() - before;
    }
  }
}
