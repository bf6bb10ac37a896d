import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** Catalog Items 2022-04-01: search by identifiers or keywords, and one item by ASIN. */
export function catalogHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const catalogItem = (item: { asin: string; title: string; productType: string; brand?: string }) => ({
    asin: item.asin,
    summaries: [{ marketplaceId: rt.marketplaceId, itemName: item.title, brand: item.brand ?? 'Simulated' }],
    productTypes: [{ marketplaceId: rt.marketplaceId, productType: item.productType }],
    identifiers: [
      { marketplaceId: rt.marketplaceId, identifiers: [{ identifierType: 'ASIN', identifier: item.asin }] },
    ],
  });
  const skuOf = (asin: string) => [...rt.state.listings.values()].find((listing) => listing.asin === asin)?.sku;
  return [
    http.get(`${rt.base}/catalog/2022-04-01/items`, ({ request }) => {
      const denied = rt.gate('searchCatalogItems', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const identifiers = url.searchParams.get('identifiers')?.split(',');
      const keywords = url.searchParams.get('keywords')?.toLowerCase().split(',');
      if (!identifiers && !keywords) return rt.error(400, 'InvalidInput', 'Give identifiers or keywords.');
      const bySku = url.searchParams.get('identifiersType') === 'SKU';
      const items = [...rt.state.catalog.values()].filter((item) =>
        identifiers
          ? identifiers.includes(bySku ? (skuOf(item.asin) ?? '') : item.asin)
          : keywords!.some((word) => item.title.toLowerCase().includes(word)),
      );
      return rt.json('searchCatalogItems', {
        numberOfResults: items.length,
        items: items.slice(0, 20).map(catalogItem),
      });
    }),
    http.get(`${rt.base}/catalog/2022-04-01/items/:asin`, ({ request, params }) => {
      const denied = rt.gate('getCatalogItem', request);
      if (denied) return denied;
      const item = rt.state.catalog.get(String(params.asin));
      return item
        ? rt.json('getCatalogItem', catalogItem(item))
        : rt.error(404, 'NOT_FOUND', `ASIN ${String(params.asin)} not found.`);
    }),
  ];
}
