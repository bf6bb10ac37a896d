import type { Clock } from '../../core/clock.js';
import { SafetyViolationError } from '../../core/errors/safety-violation-error.js';
import type { Store } from '../../stores/store.js';

const WINDOW_MS = 86_400_000;
const MAX_SWAPS = 50;

/**
 * A listing's revision budget right now.
 *
 * @example
 * ```ts
 * const budget: EbayRevisionBudget = await ebay.revisionBudget('MUG-1');
 * if (budget.remaining === 0) console.log('next revision possible at', new Date(budget.nextAt!));
 * ```
 *
 * @category Operations
 */
export interface EbayRevisionBudget {
  /** The listing (its SKU). */
  listing: string;
  /** Revisions allowed in any 24 hours (`Infinity` when the guard is off). */
  limit: number;
  /** Revisions sent in the last 24 hours. */
  used: number;
  /** How many more may be sent now. */
  remaining: number;
  /** When one more becomes possible (epoch ms), when none is left. */
  nextAt?: number;
}

/**
 * Counts the revisions the connector sends for each listing and refuses the one that would pass
 * eBay's limit (250 a day, the `revisions_per_listing_per_day` policy of the safety layer)
 * before it is sent. It counts over any 24 hours rather than eBay's calendar day, so no calendar
 * day (whatever its time zone) ever sees more than the limit. A revision is reserved in the
 * store before its call goes out and given back if the call fails, so concurrent processes
 * sharing the store never pass the limit together.
 *
 * @example
 * ```ts
 * const guard = new EbayRevisionGuard(store, clock, 'seller-1', 250);
 * const reserved = await guard.reserve('MUG-1');
 * if (reserved instanceof SafetyViolationError) console.log(reserved.message); // not sent
 * else await send().catch(async (error) => { await guard.release('MUG-1', reserved); throw error; });
 * ```
 *
 * @category Operations
 */
export class EbayRevisionGuard {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #prefix: string;
  /** Revisions allowed per listing in any 24 hours; `false` when the guard is off. */
  readonly limit: number | false;

  /**
   * @param store - where the counts live (shared by every process of the seller)
   * @param clock - time source
   * @param tenantId - whose listings
   * @param limit - revisions per listing per day, or `false` for none
   * @param prefix - key prefix (default `mb:ebay:revisions`)
   */
  constructor(store: Store, clock: Clock, tenantId: string, limit: number | false, prefix = 'mb:ebay:revisions') {
    this.#store = store;
    this.#clock = clock;
    this.limit = limit;
    this.#prefix = `${prefix}:${encodeURIComponent(tenantId)}:`;
  }

  /** The budget of `listing` now. */
  async budget(listing: string): Promise<EbayRevisionBudget> {
    const recent = await this.#recent(listing);
    if (this.limit === false)
      return { listing, limit: Number.POSITIVE_INFINITY, used: recent.length, remaining: Number.POSITIVE_INFINITY };
    const remaining = Math.max(0, this.limit - recent.length);
    const budget: EbayRevisionBudget = { listing, limit: this.limit, used: recent.length, remaining };
    if (remaining === 0) budget.nextAt = (recent[recent.length - this.limit] ?? this.#clock.now()) + WINDOW_MS;
    return budget;
  }

  /**
   * Reserves one revision of `listing`: resolves the reservation's time, or the typed error to
   * report for the item when the limit is reached (nothing is reserved then).
   */
  async reserve(listing: string, operation = 'revise'): Promise<number | SafetyViolationError> {
    const now = this.#clock.now();
    if (this.limit === false) return now;
    const key = this.#key(listing);
    for (let attempt = 0; attempt < MAX_SWAPS; attempt++) {
      const stored = await this.#store.get<number[]>(key);
      const recent = (stored ?? []).filter((at) => at > now - WINDOW_MS);
      if (recent.length >= this.limit) {
        const nextAt = (recent[recent.length - this.limit] ?? now) + WINDOW_MS;
        return new SafetyViolationError(
          `eBay allows ${this.limit} revisions of a listing per day and ${listing} had ${recent.length} in the last 24 hours; it was not sent. The next revision is possible at ${new Date(nextAt).toISOString()}.`,
          { platform: 'ebay', operation },
        );
      }
      if (await this.#store.compareAndSet(key, stored, [...recent, now], { ttlMs: WINDOW_MS })) return now;
    }
    return new SafetyViolationError(
      `Could not count the revisions of ${listing}: too many concurrent writers; try again.`,
      { platform: 'ebay', operation, retryable: true },
    );
  }

  /** Gives back a reservation whose call failed (nothing was revised). */
  async release(listing: string, at: number): Promise<void> {
    if (this.limit === false) return;
    const key = this.#key(listing);
    for (let attempt = 0; attempt < MAX_SWAPS; attempt++) {
      const stored = await this.#store.get<number[]>(key);
      if (!stored) return;
      const index = stored.indexOf(at);
      if (index < 0) return;
      const next = stored.filter((_, i) => i !== index);
      if (await this.#store.compareAndSet(key, stored, next.length > 0 ? next : undefined, { ttlMs: WINDOW_MS }))
        return;
    }
  }

  async #recent(listing: string): Promise<number[]> {
    const now = this.#clock.now();
    return ((await this.#store.get<number[]>(this.#key(listing))) ?? []).filter((at) => at > now - WINDOW_MS);
  }

  #key(listing: string): string {
    return `${this.#prefix}${encodeURIComponent(listing)}`;
  }
}
