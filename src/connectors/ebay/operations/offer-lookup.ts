import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { eachConcurrently } from '../batches.js';
import { primaryOffer } from '../mapper/product.js';
import type { EbayOfferRef } from '../offer-index.js';
import { getOffersRequest } from '../requests/offers.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayOffer, EbayPage } from '../types.js';

/**
 * The offers of one SKU on the runtime's marketplace (empty when it has none), remembered in
 * the offer index.
 *
 * @example
 * ```ts
 * const offers = await fetchOffers(runtime, 'MUG-1');
 * ```
 */
export async function fetchOffers(rt: EbayRuntime, sku: string, signal?: AbortSignal): Promise<EbayOffer[]> {
  let page: (EbayPage & { offers?: EbayOffer[] }) | undefined;
  try {
    page = await rt.client.send<EbayPage & { offers?: EbayOffer[] }>(
      getOffersRequest({ sku, marketplaceId: rt.marketplace.id }),
      signal,
    );
  } catch (error) {
    // eBay answers "no offer" with 404.
    if (isMarketbridgeError(error) && error.code === 'not_found') return [];
    throw error;
  }
  const offers = (page?.offers ?? []).filter(
    (offer) => (offer.marketplaceId ?? rt.marketplace.id) === rt.marketplace.id,
  );
  await rt.offers.rememberOffers(offers);
  return offers;
}

/**
 * An offer found for a SKU, and whether it came from the offer index (it may then be stale).
 */
export type ResolvedOffer = EbayOfferRef & { remembered: boolean };

/**
 * The offer of each SKU: from the offer index, or looked up with getOffers (one call per SKU
 * not yet known). A SKU without an offer on the marketplace maps to a {@link NotFoundError}.
 *
 * @example
 * ```ts
 * const refs = await resolveOffers(runtime, ['MUG-1', 'MUG-2']);
 * ```
 */
export async function resolveOffers(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, ResolvedOffer | MarketbridgeError>> {
  const known = await rt.offers.getMany(skus);
  const out = new Map<string, ResolvedOffer | MarketbridgeError>(
    [...known].map(([sku, ref]) => [sku, { ...ref, remembered: true }]),
  );
  const unknown = skus.filter((sku) => !known.has(sku));
  await eachConcurrently(unknown, rt.config.concurrency, async (sku) => {
    try {
      const offer = primaryOffer(await fetchOffers(rt, sku, signal), rt.marketplace.id);
      out.set(
        sku,
        offer?.offerId
          ? {
              offerId: offer.offerId,
              ...(offer.listing?.listingId ? { listingId: offer.listing.listingId } : {}),
              ...(offer.status ? { status: offer.status } : {}),
              remembered: false,
            }
          : new NotFoundError(
              `${sku} has no offer on ${rt.marketplace.id}; create one with upsertProducts before setting its price.`,
              { platform: 'ebay', operation: 'getOffers' },
            ),
      );
    } catch (error) {
      if (!isMarketbridgeError(error)) throw error;
      out.set(sku, error);
    }
  });
  return out;
}
