import type { Clock } from '../../../core/clock.js';
import type { Store } from '../../../stores/store.js';
import type { BolConditionName, BolFulfilmentMethod } from '../types.js';

/**
 * What the connector remembers about one offer to address it by SKU.
 */
export interface BolOfferRef {
  offerId: string;
  ean: string;
  reference?: string;
  fulfilment?: BolFulfilmentMethod;
  condition?: BolConditionName;
}

interface IndexValue {
  builtAt: number;
  entries: Record<string, BolOfferRef[]>;
}

/**
 * SKU → offer(s), kept in the store: bol.com writes address offers by offer id, and the only
 * way to list them all is the offers export. Built from each export (`listProducts`,
 * `refreshOfferIndex`), updated by creates and deletes. An EAN the seller offers in two
 * conditions maps to two offers; writes by such a SKU are refused as ambiguous.
 *
 * @example
 * ```ts
 * const index = new BolOfferIndex(store, clock, 'mb:bol:seller-1:offers');
 * const refs = await index.lookup(['0000007740404']);
 * ```
 */
export class BolOfferIndex {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #key: string;
  #cache: IndexValue | undefined;

  /**
   * @param store - where the index is kept
   * @param clock - time of builds
   * @param key - the index's store key
   */
  constructor(store: Store, clock: Clock, key: string) {
    this.#store = store;
    this.#clock = clock;
    this.#key = key;
  }

  async #load(fresh = false): Promise<IndexValue | undefined> {
    if (!this.#cache || fresh) this.#cache = (await this.#store.get<IndexValue>(this.#key)) ?? undefined;
    return this.#cache;
  }

  /** When the index was last built from an export (clock ms), or `undefined` if never. */
  async builtAt(): Promise<number | undefined> {
    return (await this.#load())?.builtAt;
  }

  /** The offers of each SKU found (SKUs without one are absent). Reads the store again on a miss. */
  async lookup(skus: readonly string[]): Promise<Map<string, BolOfferRef[]>> {
    let value = await this.#load();
    if (value && skus.some((sku) => !value!.entries[sku])) value = await this.#load(true);
    const out = new Map<string, BolOfferRef[]>();
    for (const sku of skus) {
      const refs = value?.entries[sku];
      if (refs && refs.length > 0) out.set(sku, refs);
    }
    return out;
  }

  /** Replaces the whole index (after an export). */
  async replace(entries: Map<string, BolOfferRef[]>): Promise<void> {
    const value: IndexValue = { builtAt: this.#clock.now(), entries: Object.fromEntries(entries) };
    await this.#store.set(this.#key, value);
    this.#cache = value;
  }

  /** Adds or replaces one offer under `sku` (after a create). */
  async put(sku: string, ref: BolOfferRef): Promise<void> {
    await this.#update((entries) => {
      entries[sku] = [...(entries[sku] ?? []).filter((known) => known.offerId !== ref.offerId), ref];
    });
  }

  /** Forgets an offer (after a delete). */
  async remove(offerId: string): Promise<void> {
    await this.#update((entries) => {
      for (const [sku, refs] of Object.entries(entries)) {
        const kept = refs.filter((ref) => ref.offerId !== offerId);
        if (kept.length === refs.length) continue;
        if (kept.length === 0) delete entries[sku];
        else entries[sku] = kept;
      }
    });
  }

  async #update(change: (entries: Record<string, BolOfferRef[]>) => void): Promise<void> {
    // Compare-and-set: a build or update in another process is never overwritten.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = (await this.#store.get<IndexValue>(this.#key)) ?? undefined;
      const next: IndexValue = { builtAt: current?.builtAt ?? 0, entries: structuredClone(current?.entries ?? {}) };
      change(next.entries);
      if (await this.#store.compareAndSet(this.#key, current, next)) {
        this.#cache = next;
        return;
      }
    }
    this.#cache = undefined;
  }
}
