import type { Clock } from '../core/clock.js';
import type { Money } from '../model/money.js';
import type { Store } from '../stores/store.js';

/**
 * Whose history a record belongs to: one tenant on one marketplace.
 *
 * @category Validator
 */
export interface HistoryScope {
  tenantId: string;
  marketplace?: string;
}

/**
 * One executed price change, as kept for window limits.
 *
 * @category Validator
 */
export interface PriceChangeRecord {
  /** When it was executed (epoch ms). */
  at: number;
  from: Money;
  to: Money;
}

const DAY_MS = 86_400_000;

/**
 * How long the history remembers that a listing was deleted, so that deleting it again is
 * reported as `already_deleted` rather than as an unknown id: 30 days.
 *
 * @example
 * ```ts
 * const days = DELETED_LISTING_MEMORY_MS / 86_400_000; // 30
 * ```
 *
 * @category Validator
 */
export const DELETED_LISTING_MEMORY_MS = 30 * DAY_MS;

/**
 * One executed delete, as kept for the delete window: when, and how many listings.
 *
 * @category Validator
 */
export interface DeletionRecord {
  /** When it was executed (epoch ms). */
  at: number;
  /** How many listings it deleted. */
  count: number;
}

/**
 * The change history the time-window constraints read: price changes per SKU within a window,
 * listings deleted within a window (and, for 30 days, which ones), and revisions per listing
 * per UTC day. It lives in the injected {@link Store}, so several
 * processes sharing a store share one history, and entries expire with the window.
 *
 * @example
 * ```ts
 * const history = new ChangeHistory(store, clock);
 * await history.recordPrice({ tenantId: 't' }, 'A-1', from, to, 86_400_000);
 * const reference = await history.priceReference({ tenantId: 't' }, 'A-1', 86_400_000);
 * ```
 *
 * @category Validator
 */
export class ChangeHistory {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #prefix: string;

  /**
   * @param store - where the history is kept
   * @param clock - the time source
   * @param prefix - key prefix (default `safety`)
   */
  constructor(store: Store, clock: Clock, prefix = 'safety') {
    this.#store = store;
    this.#clock = clock;
    this.#prefix = prefix;
  }

  /** The executed price changes of `sku` within the last `windowMs`, oldest first. */
  async priceChanges(scope: HistoryScope, sku: string, windowMs: number): Promise<PriceChangeRecord[]> {
    const since = this.#clock.now() - windowMs;
    const entries = (await this.#store.get<PriceChangeRecord[]>(this.#key(scope, 'price', sku))) ?? [];
    return entries.filter((entry) => entry.at > since);
  }

  /** The price `sku` had at the start of the window: the `from` of its oldest change in it. */
  async priceReference(scope: HistoryScope, sku: string, windowMs: number): Promise<Money | undefined> {
    return (await this.priceChanges(scope, sku, windowMs))[0]?.from;
  }

  /** Records an executed price change, keeping only what the window needs. */
  async recordPrice(scope: HistoryScope, sku: string, from: Money, to: Money, windowMs: number): Promise<void> {
    const key = this.#key(scope, 'price', sku);
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.#store.get<PriceChangeRecord[]>(key);
      const since = this.#clock.now() - windowMs;
      const next = [...(current ?? []).filter((entry) => entry.at > since), { at: this.#clock.now(), from, to }];
      if (await this.#store.compareAndSet(key, current, next, { ttlMs: windowMs })) return;
    }
  }

  /** How many listings were deleted within the last `windowMs`. */
  async deletions(scope: HistoryScope, windowMs: number): Promise<number> {
    const since = this.#clock.now() - windowMs;
    const entries = (await this.#store.get<DeletionRecord[]>(this.#key(scope, 'deletes', 'window'))) ?? [];
    return entries.filter((entry) => entry.at > since).reduce((sum, entry) => sum + entry.count, 0);
  }

  /**
   * Records executed deletes: their count for the window (kept `windowMs`) and each id for
   * {@link DELETED_LISTING_MEMORY_MS}, so a second delete of it can be named as such.
   */
  async recordDeletions(scope: HistoryScope, ids: readonly string[], windowMs: number): Promise<void> {
    if (ids.length === 0) return;
    const key = this.#key(scope, 'deletes', 'window');
    const at = this.#clock.now();
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.#store.get<DeletionRecord[]>(key);
      const next = [...(current ?? []).filter((entry) => entry.at > at - windowMs), { at, count: ids.length }];
      if (await this.#store.compareAndSet(key, current, next, { ttlMs: windowMs })) break;
    }
    for (const id of ids)
      await this.#store.set(this.#key(scope, 'deleted', id), at, {
        ttlMs: Math.max(windowMs, DELETED_LISTING_MEMORY_MS),
      });
  }

  /** When `id` was deleted through this history (epoch ms), if within {@link DELETED_LISTING_MEMORY_MS}. */
  async deletedAt(scope: HistoryScope, id: string): Promise<number | undefined> {
    return (await this.#store.get<number>(this.#key(scope, 'deleted', id))) ?? undefined;
  }

  /** Revisions of `listing` recorded today (UTC). */
  async revisions(scope: HistoryScope, listing: string): Promise<number> {
    return (await this.#store.get<number>(this.#revisionKey(scope, listing))) ?? 0;
  }

  /** Counts one revision of `listing` today (UTC). */
  async recordRevision(scope: HistoryScope, listing: string): Promise<number> {
    return this.#store.increment(this.#revisionKey(scope, listing), 1, { ttlMs: 2 * DAY_MS });
  }

  #revisionKey(scope: HistoryScope, listing: string): string {
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10);
    return this.#key(scope, 'revisions', `${day}:${listing}`);
  }

  #key(scope: HistoryScope, kind: string, id: string): string {
    return `${this.#prefix}:${scope.tenantId}:${scope.marketplace ?? '-'}:${kind}:${id}`;
  }
}
