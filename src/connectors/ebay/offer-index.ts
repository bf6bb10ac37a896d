import type { Store } from '../../stores/store.js';
import type { EbayOffer } from './types.js';

/**
 * What the connector remembers about a SKU's offer: the ids eBay's writes need and whether it
 * is live.
 *
 * @category Operations
 */
export interface EbayOfferRef {
  offerId: string;
  listingId?: string;
  status?: string;
}

/**
 * SKU → offer id (and listing id) for one marketplace, kept in the context's store. Price
 * updates through `bulkUpdatePriceQuantity` need the offer id of every SKU; remembering what
 * listProducts, getProduct, upsertProducts and earlier lookups learned saves one getOffers call
 * per SKU. Entries that turn out stale (eBay no longer knows the offer) are looked up again.
 *
 * @example
 * ```ts
 * const index = new EbayOfferIndex(store, 'seller-1', 'EBAY_US');
 * await index.rememberOffers([offer]);
 * (await index.get('MUG-1'))?.offerId;
 * ```
 *
 * @category Operations
 */
export class EbayOfferIndex {
  readonly #store: Store;
  readonly #prefix: string;
  readonly #marketplaceId: string;

  /**
   * @param store - where the index lives
   * @param tenantId - whose offers
   * @param marketplaceId - which marketplace's offers
   * @param prefix - key prefix (default `mb:ebay:offer`)
   */
  constructor(store: Store, tenantId: string, marketplaceId: string, prefix = 'mb:ebay:offer') {
    this.#store = store;
    this.#marketplaceId = marketplaceId;
    this.#prefix = `${prefix}:${encodeURIComponent(tenantId)}:${marketplaceId}:`;
  }

  /** The remembered offer of `sku`. */
  async get(sku: string): Promise<EbayOfferRef | undefined> {
    return this.#store.get<EbayOfferRef>(this.#key(sku));
  }

  /** The remembered offers of many SKUs (those known). */
  async getMany(skus: readonly string[]): Promise<Map<string, EbayOfferRef>> {
    const found = new Map<string, EbayOfferRef>();
    await Promise.all(
      skus.map(async (sku) => {
        const ref = await this.get(sku);
        if (ref) found.set(sku, ref);
      }),
    );
    return found;
  }

  /** Remembers the offer of `sku`. */
  async remember(sku: string, ref: EbayOfferRef): Promise<void> {
    await this.#store.set(this.#key(sku), ref);
  }

  /** Remembers offers as eBay returned them: the fixed-price ones of this marketplace with a SKU and an id. */
  async rememberOffers(offers: readonly EbayOffer[]): Promise<void> {
    await Promise.all(
      offers.map((offer) =>
        offer.sku &&
        offer.offerId &&
        (offer.marketplaceId ?? this.#marketplaceId) === this.#marketplaceId &&
        (offer.format ?? 'FIXED_PRICE') === 'FIXED_PRICE'
          ? this.remember(offer.sku, {
              offerId: offer.offerId,
              ...(offer.listing?.listingId ? { listingId: offer.listing.listingId } : {}),
              ...(offer.status ? { status: offer.status } : {}),
            })
          : undefined,
      ),
    );
  }

  /** Forgets `sku` (its offer was deleted, or eBay does not know the remembered id). */
  async forget(sku: string): Promise<void> {
    await this.#store.delete(this.#key(sku));
  }

  #key(sku: string): string {
    return `${this.#prefix}${encodeURIComponent(sku)}`;
  }
}
