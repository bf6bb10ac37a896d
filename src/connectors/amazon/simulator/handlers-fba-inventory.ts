import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** FBA Inventory v1: inventory summaries per marketplace. */
export function fbaInventoryHandlers(rt: SimulatorRuntime): HttpHandler[] {
  return [
    http.get(`${rt.base}/fba/inventory/v1/summaries`, ({ request }) => {
      const denied = rt.gate('getInventorySummaries', request);
      if (denied) return denied;
      const url = new URL(request.url);
      if (
        url.searchParams.get('granularityType') !== 'Marketplace' ||
        !url.searchParams.get('granularityId') ||
        !url.searchParams.get('marketplaceIds')
      ) {
        return rt.error(
          400,
          'InvalidInput',
          'granularityType=Marketplace, granularityId and marketplaceIds are required.',
        );
      }
      const skus = url.searchParams.get('sellerSkus')?.split(',') ?? [];
      if (skus.length > 50) return rt.error(400, 'InvalidInput', 'sellerSkus takes at most 50 SKUs.');
      const listings = [...rt.state.listings.values()].filter(
        (listing) => listing.fba && (skus.length === 0 || skus.includes(listing.sku)),
      );
      return rt.json('getInventorySummaries', {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: rt.marketplaceId },
          inventorySummaries: listings.map((listing) => ({
            asin: listing.asin,
            fnSku: `X${listing.asin.slice(1)}`,
            sellerSku: listing.sku,
            condition: 'NewItem',
            inventoryDetails: {
              fulfillableQuantity: listing.fba!.fulfillable,
              reservedQuantity: { totalReservedQuantity: listing.fba!.reserved },
            },
            lastUpdatedTime: new Date(listing.updatedAt).toISOString(),
            productName: listing.title,
            totalQuantity: listing.fba!.fulfillable + listing.fba!.reserved,
          })),
        },
      });
    }),
  ];
}
