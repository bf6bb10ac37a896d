import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { OfferMatch } from '../../../model/offer.js';
import { factsOfRetailerOffer, offerToProduct } from '../mapper/offer.js';
import type { BolOfferRef } from '../offers-export/offer-index.js';
import { getOfferRequest } from '../requests/offers.js';
import type { BolRuntime } from '../runtime.js';
import type { BolRetailerOffer } from '../types.js';
import { refreshOfferIndex } from './offer-export.js';

/**
 * The offers the index knows for each SKU (every offer of a SKU, not only unambiguous ones).
 * A SKU missing from a cold index (never built) or from one older than `offerIndexTtlMs`
 * rebuilds it first, once, through the offers export; a younger index is trusted, a miss
 * meaning bol.com has no such offer.
 */
async function indexedOffers(
  runtime: BolRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, BolOfferRef[]>> {
  if (runtime.config.identifier === 'offerId') return new Map(skus.map((sku) => [sku, [{ offerId: sku, ean: '' }]]));
  const found = await runtime.offers.lookup(skus);
  if (found.size === skus.length) return found;
  const builtAt = await runtime.offers.builtAt();
  if (builtAt !== undefined && runtime.context.clock.now() - builtAt <= runtime.config.offerIndexTtlMs) return found;
  await refreshOfferIndex(runtime, signal);
  return runtime.offers.lookup(skus);
}

/** One offer read fresh, or `undefined` when bol.com no longer has it (the index entry is dropped). */
async function readOffer(
  runtime: BolRuntime,
  offerId: string,
  signal?: AbortSignal,
): Promise<{ data: BolRetailerOffer | undefined } | undefined> {
  try {
    const { data } = await runtime.client.send<BolRetailerOffer>(getOfferRequest(offerId), signal);
    return { data };
  } catch (error) {
    if (!isMarketbridgeError(error, 'not_found')) throw error;
    await runtime.offers.remove(offerId);
    return undefined;
  }
}

/**
 * Offers by SKU on bol.com. The Retailer API cannot find an offer by EAN or reference, so the
 * offer index (SKU → offer ids, built from the offers export) names the offers and each one is
 * then read fresh with `GET /retailer/offers/{offer-id}` (`concurrency` at a time, paced by
 * bol.com's rate windows). With `identifier: 'offerId'` the SKU is the offer id and no index
 * is needed.
 *
 * The index: when every SKU is in it, no export is made. When one is missing and the index
 * is cold (never built for this connection and store) or older than `offerIndexTtlMs`, one
 * offers export rebuilds it first. bol.com's export is asynchronous (`POST /offers/export`,
 * then its process status is polled until the report is ready, then the CSV is downloaded),
 * so that first call takes as long as bol.com takes to prepare the report, from seconds to
 * minutes; an export already in progress in the store is resumed rather than requested again.
 * Call `refreshOfferIndex()` ahead (at start-up) to keep that wait off an agent's action.
 *
 * An EAN offered in several conditions matches once per offer (each offer is a product). An
 * offer the index names that bol.com no longer has (404), or whose SKU changed since the
 * export, is absent, and the stale entry is dropped. The answer follows the order of `skus`.
 * A failed call rejects with its typed error; an answer the connector cannot read with a
 * `MarketplaceApiError` that is not retryable.
 *
 * @example
 * ```ts
 * await refreshOfferIndex(runtime); // at start-up: no export during an action
 * const [match] = await offersBySku(runtime, ['8712626055143']);
 * ```
 */
export async function offersBySku(
  runtime: BolRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<OfferMatch[]> {
  const wanted = [...new Set(skus)];
  if (wanted.length === 0) return [];
  const indexed = await indexedOffers(runtime, wanted, signal);
  const targets = wanted.flatMap((sku) => (indexed.get(sku) ?? []).map((ref) => ({ sku, offerId: ref.offerId })));
  const answers = new Array<{ data: BolRetailerOffer | undefined } | undefined>(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      answers[index] = await readOffer(runtime, targets[index]!.offerId, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(runtime.config.concurrency, targets.length) }, worker));
  const matches: OfferMatch[] = [];
  for (const [index, { sku, offerId }] of targets.entries()) {
    const answer = answers[index];
    if (answer === undefined) continue;
    const { data } = answer;
    const unreadable = (reason: string) =>
      new MarketplaceApiError(`bol.com answered offer ${offerId} in a shape the connector cannot read: ${reason}`, {
        platform: 'bol',
        operation: 'getOffersBySku',
        retryable: false,
      });
    if (typeof data?.offerId !== 'string' || typeof data.ean !== 'string')
      throw unreadable('it has no offerId or ean.');
    const product = offerToProduct(factsOfRetailerOffer(data), runtime.config.identifier);
    if (product.isErr()) throw unreadable(product.error.message);
    const offer = product.value.offers[0]!;
    if (offer.sku !== sku) {
      // The offer's reference (or EAN) changed since the export: it is not this SKU's anymore.
      await runtime.offers.remove(offerId);
      continue;
    }
    matches.push({ sku, productId: product.value.id, offer });
  }
  return matches;
}
