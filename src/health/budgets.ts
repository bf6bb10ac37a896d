import type { LimiterSnapshot } from '../http/rate-limit/keyed-limiter.js';

/**
 * How much of one rate-limit budget is in use.
 *
 * @category Health
 */
export interface BudgetUsage {
  /** The limiter's key: tenant, platform and bucket. */
  key: string;
  /** Requests (or points) that could be spent now. */
  available: number;
  /** The bucket's size or the window's limit. */
  capacity: number;
  /** Share of the budget in use, 0 (idle) to 1 (exhausted). */
  utilisation: number;
  /** Until when the platform told us to pause (epoch ms), if it did. */
  pausedUntil?: number;
}

/**
 * The usage of every budget in a limiter snapshot (`KeyedLimiter.toJSON()`), refilled to `now`.
 *
 * @example
 * ```ts
 * const usage = budgetUsage(limiter.toJSON(), Date.now());
 * const hottest = usage.sort((a, b) => b.utilisation - a.utilisation)[0];
 * ```
 *
 * @category Health
 */
export function budgetUsage(snapshot: LimiterSnapshot, now: number): BudgetUsage[] {
  return Object.entries(snapshot).map(([key, state]) => {
    let available: number;
    let capacity: number;
    if (state.kind === 'bucket') {
      capacity = state.capacity;
      available = Math.min(capacity, state.tokens + (Math.max(0, now - state.at) / 1_000) * state.refillPerSecond);
    } else {
      capacity = state.limit;
      available =
        Math.floor(now / state.windowMs) === state.window ? Math.max(0, state.limit - state.count) : state.limit;
    }
    const paused = state.pausedUntil !== undefined && state.pausedUntil > now;
    const utilisation = paused ? 1 : capacity > 0 ? Math.min(1, Math.max(0, 1 - available / capacity)) : 0;
    return {
      key,
      available: paused ? 0 : Math.max(0, available),
      capacity,
      utilisation: Math.round(utilisation * 1_000) / 1_000,
      ...(paused ? { pausedUntil: state.pausedUntil! } : {}),
    };
  });
}
