import type { Clock } from '../../../core/clock.js';
import type { MercadoLibreClient } from '../client.js';
import { mercadolibreSkuOf } from '../mapper/items.js';
import { MERCADOLIBRE_MULTIGET_MAX, MERCADOLIBRE_SCAN_MAX_LIMIT } from '../requests/items.js';
import type { MercadoLibreItem } from '../types/index.js';
import { chunksOf, mapWithConcurrency } from './concurrency.js';

/**
 * Where a SKU lives: its item, the variation (when the item has variations), the user
 * product, and the item as it was read.
 *
 * @category Operations
 */
export interface SkuEntry {
  sku: string;
  itemId: string;
  variationId?: number;
  userProductId?: string;
  item: MercadoLibreItem;
}

/**
 * Options of {@link SkuIndex}.
 *
 * @example
 * ```ts
 * const options: SkuIndexOptions = { client, sellerId: '468424240', clock, ttlMs: 600_000, concurrency: 4 };
 * ```
 *
 * @category Operations
 */
export interface SkuIndexOptions {
  client: MercadoLibreClient;
  sellerId: string;
  clock: Clock;
  /** How long a catalog-wide index is reused, ms. */
  ttlMs: number;
  concurrency: number;
  /** At most this many unknown SKUs are looked up one by one (`seller_sku` search); more scan the catalog. */
  searchThreshold?: number;
}

const FALLBACK = /^([A-Z]{3}[0-9]{1,20})(?:-([0-9]{1,20}))?$/;

/**
 * The item id a SKU in the fallback form of listings without a seller SKU names (`MLA1`,
 * `MLA1-174497701554` → `MLA1`), or `undefined` for any other SKU.
 *
 * @example
 * ```ts
 * fallbackItemId('MLA1-174497701554'); // 'MLA1'
 * fallbackItemId('MUG-1'); // undefined
 * ```
 */
export function fallbackItemId(sku: string): string | undefined {
  return FALLBACK.exec(sku)?.[1];
}

/**
 * The entries of one item: one per variation, or one for the item.
 *
 * @example
 * ```ts
 * entriesOf(item).map((entry) => entry.sku);
 * ```
 */
export function entriesOf(item: MercadoLibreItem): SkuEntry[] {
  if (item.variations?.length) {
    return item.variations.map((variation) => {
      const userProductId = variation.user_product_id ?? undefined;
      return {
        sku: mercadolibreSkuOf(item, variation) ?? `${item.id}-${variation.id}`,
        itemId: item.id,
        variationId: variation.id,
        item,
        ...(userProductId ? { userProductId } : {}),
      };
    });
  }
  const userProductId = item.user_product_id ?? undefined;
  return [
    { sku: mercadolibreSkuOf(item) ?? item.id, itemId: item.id, item, ...(userProductId ? { userProductId } : {}) },
  ];
}

/**
 * Resolves SKUs to items. MercadoLibre finds items by SKU only through a search per SKU
 * (`seller_sku`), so a few SKUs are searched one by one, while a large batch scans the
 * catalog once (scan search with `scroll_id`, then multiget 20 ids a call) and keeps the
 * index for `ttlMs`. SKUs in the fallback form of listings without one (`MLA1`,
 * `MLA1-174497701554`) are read directly. Every item read refreshes its entries.
 *
 * @example
 * ```ts
 * const found = await runtime.skus.resolve(['MUG-1', 'MUG-2'], signal);
 * found.get('MUG-1')?.itemId; // 'MLA1234567890'
 * ```
 *
 * @category Operations
 */
export class SkuIndex {
  readonly #options: SkuIndexOptions;
  readonly #entries = new Map<string, SkuEntry>();
  #builtAt: number | undefined;

  /** @param options - client, seller, clock and limits */
  constructor(options: SkuIndexOptions) {
    this.#options = options;
  }

  /** Records the entries of items read elsewhere (listings, writes). */
  remember(items: readonly MercadoLibreItem[]): void {
    for (const item of items) for (const entry of entriesOf(item)) this.#entries.set(entry.sku, entry);
  }

  /** Forgets the entries of one item (deleted, or changed outside marketbridge). */
  forget(itemId: string): void {
    for (const [sku, entry] of this.#entries) if (entry.itemId === itemId) this.#entries.delete(sku);
  }

  /** Forgets everything (the next large resolve scans the catalog again). */
  clear(): void {
    this.#entries.clear();
    this.#builtAt = undefined;
  }

  /** The entries of `skus` that exist; missing SKUs are absent from the map. */
  async resolve(skus: readonly string[], signal?: AbortSignal): Promise<Map<string, SkuEntry>> {
    const wanted = [...new Set(skus)];
    const fresh = this.#builtAt !== undefined && this.#options.clock.now() - this.#builtAt < this.#options.ttlMs;
    const direct = new Set<string>();
    for (const sku of wanted) {
      const match = FALLBACK.exec(sku);
      if (match && !this.#entries.has(sku)) direct.add(match[1]!);
    }
    if (direct.size > 0) this.remember(await this.read([...direct], signal));
    const unknown = wanted.filter((sku) => !this.#entries.has(sku));
    // A few unknown SKUs are searched even with a fresh index: they may be newer than it.
    if (unknown.length > 0 && unknown.length <= (this.#options.searchThreshold ?? 20))
      await this.#search(unknown, signal);
    else if (unknown.length > 0 && !fresh) await this.#scan(signal);
    const out = new Map<string, SkuEntry>();
    for (const sku of wanted) {
      const entry = this.#entries.get(sku);
      if (entry) out.set(sku, entry);
    }
    return out;
  }

  /** Reads items by id through multiget (20 a call); ids that no longer exist are left out. */
  async read(itemIds: readonly string[], signal?: AbortSignal): Promise<MercadoLibreItem[]> {
    const pages = await mapWithConcurrency(
      chunksOf([...new Set(itemIds)], MERCADOLIBRE_MULTIGET_MAX),
      this.#options.concurrency,
      (ids) => this.#options.client.multigetItems(ids, signal),
    );
    const items = pages
      .flat()
      .flatMap((entry) => (entry.code === 200 && entry.body && 'id' in entry.body ? [entry.body] : []));
    this.remember(items);
    return items;
  }

  /** Every item id of the seller, page by page through the scan search. */
  async *scanIds(
    options: { status?: string; pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<string[], void, undefined> {
    const limit = Math.min(Math.max(1, options.pageSize ?? MERCADOLIBRE_SCAN_MAX_LIMIT), MERCADOLIBRE_SCAN_MAX_LIMIT);
    let scrollId: string | undefined;
    let seen = 0;
    for (let pages = 1; ; pages++) {
      options.signal?.throwIfAborted();
      const page = await this.#options.client.searchItems(
        {
          sellerId: this.#options.sellerId,
          limit,
          ...(scrollId ? { scrollId } : {}),
          ...(options.status ? { status: options.status } : {}),
        },
        options.signal,
      );
      const results = Array.isArray(page.results) ? page.results : [];
      if (results.length === 0) return;
      yield results;
      seen += results.length;
      // The scroll id may stay the same from page to page: a short page, the total reached or
      // more pages than the total allows is the end.
      const total = page.paging?.total ?? 0;
      if (results.length < limit || seen >= total || pages > Math.ceil(total / limit) || !page.scroll_id) return;
      scrollId = page.scroll_id;
    }
  }

  async #search(skus: readonly string[], signal?: AbortSignal): Promise<void> {
    const found = await mapWithConcurrency(
      skus,
      this.#options.concurrency,
      async (sku) =>
        (await this.#options.client.searchItems({ sellerId: this.#options.sellerId, sellerSku: sku }, signal)).results,
    );
    const ids = found.flat();
    if (ids.length > 0) await this.read(ids, signal);
  }

  async #scan(signal?: AbortSignal): Promise<void> {
    const startedAt = this.#options.clock.now();
    const ids: string[] = [];
    for await (const page of this.scanIds(signal ? { signal } : {})) ids.push(...page);
    this.#entries.clear();
    await this.read(ids, signal);
    this.#builtAt = startedAt;
  }
}
