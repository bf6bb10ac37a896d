import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { InventoryQuery } from '../../../core/queries.js';
import type { InventoryLevel } from '../../../model/inventory.js';
import { getOfferRequest } from '../requests/offers.js';
import { getInventoryRequest } from '../requests/retailer.js';
import type { BolRuntime } from '../runtime.js';
import type { BolRetailerOffer } from '../types.js';
import { BOL_RETAILER_LOCATION, BOL_WAREHOUSE_LOCATION } from '../writes/stock.js';
import { resolveOffers } from './resolve-offers.js';

/**
 * Stock of the given SKUs. An FBR offer's level comes from `GET /offers/{offer-id}`: `onHand`
 * is the amount the retailer set, `available` bol.com's corrected stock (the amount less open
 * orders), `reserved` the difference. An FBB offer's level (location `FBB`) is its regular
 * stock in bol.com's warehouses (`GET /inventory?query={ean}`). bol.com has no stock versions:
 * `version` is the available quantity (as Shopify's compare value is), so a sale or a change of
 * the amount shows as a new version. SKUs without an offer are left out (and logged).
 *
 * @example
 * ```ts
 * const levels = await getBolInventory(runtime, { skus: ['0000007740404'] });
 * ```
 */
export async function getBolInventory(
  runtime: BolRuntime,
  query: InventoryQuery,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const levels: InventoryLevel[] = [];
  const refs = await resolveOffers(runtime, [...new Set(query.skus)], 'getInventory', signal);
  const now = new Date(runtime.context.clock.now()).toISOString();
  for (const [sku, ref] of refs) {
    if (!('offerId' in ref)) {
      runtime.context.logger.warn('bol.com stock not read', { sku, reason: ref.code });
      continue;
    }
    const location = ref.fulfilment === 'FBB' ? BOL_WAREHOUSE_LOCATION : BOL_RETAILER_LOCATION;
    if (query.locationId !== undefined && query.locationId !== location) continue;
    try {
      if (location === BOL_WAREHOUSE_LOCATION) {
        const { data } = await runtime.client.send<{ inventory?: { ean: string; regularStock: number }[] }>(
          getInventoryRequest({ query: ref.ean }),
          signal,
        );
        const regular = Math.max(0, data?.inventory?.find((entry) => entry.ean === ref.ean)?.regularStock ?? 0);
        levels.push({
          sku,
          locationId: location,
          available: regular,
          reserved: 0,
          onHand: regular,
          updatedAt: now,
          version: regular,
        });
        continue;
      }
      const { data } = await runtime.client.send<BolRetailerOffer | null>(getOfferRequest(ref.offerId), signal);
      // `stock` is required by the contract (its `amount` defaults to 0); without it nothing is known.
      if (typeof data?.stock !== 'object' || data.stock === null) {
        throw new MarketplaceApiError(
          `bol.com answered offer ${ref.offerId} without its stock; the stock of ${sku} is unknown.`,
          { platform: 'bol', operation: 'getInventory', retryable: false },
        );
      }
      const amount = Math.max(0, typeof data.stock.amount === 'number' ? data.stock.amount : 0);
      const available = Math.min(
        amount,
        Math.max(0, typeof data.stock.correctedStock === 'number' ? data.stock.correctedStock : amount),
      );
      levels.push({
        sku,
        locationId: location,
        available,
        reserved: amount - available,
        onHand: amount,
        updatedAt: now,
        version: available,
      });
    } catch (error) {
      if (isMarketbridgeError(error) && error.code === 'not_found') {
        runtime.context.logger.warn('bol.com offer gone', { sku, offerId: ref.offerId });
        continue;
      }
      throw error;
    }
  }
  return levels;
}
