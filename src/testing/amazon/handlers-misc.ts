import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimulatorRuntime } from './runtime.js';

/** FBA inventory, finances, catalog items, tokens and notifications. */
export function miscHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const catalogItem = (item: { asin: string; title: string; productType: string; brand?: string }) => ({
    asin: item.asin,
    summaries: [{ marketplaceId: rt.marketplaceId, itemName: item.title, brand: item.brand ?? 'Simulated' }],
    productTypes: [{ marketplaceId: rt.marketplaceId, productType: item.productType }],
    identifiers: [{ marketplaceId: rt.marketplaceId, identifiers: [{ identifierType: 'ASIN', identifier: item.asin }] }],
  });
  const skuOf = (asin: string) => [...rt.state.listings.values()].find((listing) => listing.asin === asin)?.sku;
  return [
    http.get(`${rt.base}/fba/inventory/v1/summaries`, ({ request }) => {
      const denied = rt.gate('getInventorySummaries', request);
      if (denied) return denied;
      const url = new URL(request.url);
      if (url.searchParams.get('granularityType') !== 'Marketplace' || !url.searchParams.get('granularityId') || !url.searchParams.get('marketplaceIds')) {
        return rt.error(400, 'InvalidInput', 'granularityType=Marketplace, granularityId and marketplaceIds are required.');
      }
      const skus = url.searchParams.get('sellerSkus')?.split(',') ?? [];
      if (skus.length > 50) return rt.error(400, 'InvalidInput', 'sellerSkus takes at most 50 SKUs.');
      const listings = [...rt.state.listings.values()].filter((listing) => listing.fba && (skus.length === 0 || skus.includes(listing.sku)));
      return rt.json('getInventorySummaries', {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: rt.marketplaceId },
          inventorySummaries: listings.map((listing) => ({
            asin: listing.asin,
            fnSku: `X${listing.asin.slice(1)}`,
            sellerSku: listing.sku,
            condition: 'NewItem',
            inventoryDetails: { fulfillableQuantity: listing.fba!.fulfillable, reservedQuantity: { totalReservedQuantity: listing.fba!.reserved } },
            lastUpdatedTime: new Date(listing.updatedAt).toISOString(),
            productName: listing.title,
            totalQuantity: listing.fba!.fulfillable + listing.fba!.reserved,
          })),
        },
      });
    }),
    http.get(`${rt.base}/finances/v0/financialEvents`, ({ request }) => {
      const denied = rt.gate('listFinancialEvents', request);
      if (denied) return denied;
      return rt.json('listFinancialEvents', { payload: { FinancialEvents: rt.state.financialEvents } });
    }),
    http.get(`${rt.base}/finances/v0/orders/:orderId/financialEvents`, ({ request, params }) => {
      const denied = rt.gate('listFinancialEventsByOrderId', request);
      if (denied) return denied;
      const pick = (list: unknown) => (Array.isArray(list) ? list.filter((event) => (event as { AmazonOrderId?: string }).AmazonOrderId === params.orderId) : []);
      return rt.json('listFinancialEventsByOrderId', { payload: { FinancialEvents: Object.fromEntries(Object.entries(rt.state.financialEvents).map(([key, list]) => [key, pick(list)])) } });
    }),
    http.get(`${rt.base}/catalog/2022-04-01/items`, ({ request }) => {
      const denied = rt.gate('searchCatalogItems', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const identifiers = url.searchParams.get('identifiers')?.split(',');
      const keywords = url.searchParams.get('keywords')?.toLowerCase().split(',');
      if (!identifiers && !keywords) return rt.error(400, 'InvalidInput', 'Give identifiers or keywords.');
      const bySku = url.searchParams.get('identifiersType') === 'SKU';
      const items = [...rt.state.catalog.values()].filter((item) =>
        identifiers ? identifiers.includes(bySku ? (skuOf(item.asin) ?? '') : item.asin) : keywords!.some((word) => item.title.toLowerCase().includes(word)),
      );
      return rt.json('searchCatalogItems', { numberOfResults: items.length, items: items.slice(0, 20).map(catalogItem) });
    }),
    http.get(`${rt.base}/catalog/2022-04-01/items/:asin`, ({ request, params }) => {
      const denied = rt.gate('getCatalogItem', request);
      if (denied) return denied;
      const item = rt.state.catalog.get(String(params.asin));
      return item ? rt.json('getCatalogItem', catalogItem(item)) : rt.error(404, 'NOT_FOUND', `ASIN ${String(params.asin)} not found.`);
    }),
    http.post(`${rt.base}/tokens/2021-03-01/restrictedDataToken`, async ({ request }) => {
      const denied = rt.gate('createRestrictedDataToken', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { restrictedResources?: unknown[] };
      if (!body.restrictedResources?.length) return rt.error(400, 'InvalidInput', 'restrictedResources is required.');
      const token = `Atz.sprdt|${rt.nextId('rdt')}`;
      rt.tokens.derive(token, request.headers.get('x-amz-access-token') ?? '');
      return rt.json('createRestrictedDataToken', { restrictedDataToken: token, expiresIn: 3600 });
    }),
    http.post(`${rt.base}/notifications/v1/destinations`, async ({ request }) => {
      const denied = rt.gate('createDestination', request, { grantless: true });
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { name?: string; resourceSpecification?: unknown };
      if (!body.name || !body.resourceSpecification) return rt.error(400, 'InvalidInput', 'name and resourceSpecification are required.');
      const destination = { destinationId: rt.nextId('dest'), name: body.name, resource: body.resourceSpecification };
      rt.state.destinations.set(destination.destinationId, destination);
      return rt.json('createDestination', { payload: destination });
    }),
    http.get(`${rt.base}/notifications/v1/destinations`, ({ request }) => {
      const denied = rt.gate('getDestinations', request, { grantless: true });
      if (denied) return denied;
      return rt.json('getDestinations', { payload: [...rt.state.destinations.values()] });
    }),
    http.delete(`${rt.base}/notifications/v1/destinations/:id`, ({ request, params }) => {
      const denied = rt.gate('deleteDestination', request, { grantless: true });
      if (denied) return denied;
      if (!rt.state.destinations.delete(String(params.id))) return rt.error(404, 'NotFound', 'Destination not found.');
      return rt.json('deleteDestination', {});
    }),
    http.post(`${rt.base}/notifications/v1/subscriptions/:type`, async ({ request, params }) => {
      const denied = rt.gate('createSubscription', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { destinationId?: string; payloadVersion?: string };
      if (!body.destinationId || !rt.state.destinations.has(body.destinationId)) return rt.error(400, 'InvalidInput', 'Unknown destinationId.');
      if (rt.state.subscriptions.has(String(params.type))) return rt.error(409, 'Conflict', 'A subscription for this notification type exists.');
      const subscription = { subscriptionId: rt.nextId('sub'), payloadVersion: body.payloadVersion ?? '1.0', destinationId: body.destinationId };
      rt.state.subscriptions.set(String(params.type), subscription);
      return rt.json('createSubscription', { payload: subscription });
    }),
    http.get(`${rt.base}/notifications/v1/subscriptions/:type`, ({ request, params }) => {
      const denied = rt.gate('getSubscription', request);
      if (denied) return denied;
      const subscription = rt.state.subscriptions.get(String(params.type));
      return subscription ? rt.json('getSubscription', { payload: subscription }) : rt.error(404, 'NotFound', 'No subscription for this notification type.');
    }),
    http.delete(`${rt.base}/notifications/v1/subscriptions/:type/:id`, ({ request, params }) => {
      const denied = rt.gate('deleteSubscriptionById', request, { grantless: true });
      if (denied) return denied;
      const subscription = rt.state.subscriptions.get(String(params.type));
      if (!subscription || subscription.subscriptionId !== params.id) return rt.error(404, 'NotFound', 'Subscription not found.');
      rt.state.subscriptions.delete(String(params.type));
      return rt.json('deleteSubscriptionById', {});
    }),
    http.post(`${rt.base}/notifications/v1/subscriptions/:type/testNotification`, async ({ request, params }) => {
      const denied = rt.gate('sendTestNotification', request, { grantless: true });
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { destinationId?: string };
      if (body.destinationId && !rt.state.destinations.has(body.destinationId)) return rt.error(404, 'NotFound', 'Unknown destinationId.');
      rt.state.testNotifications.push({ notificationType: String(params.type), ...(body.destinationId ? { destinationId: body.destinationId } : {}) });
      return rt.json('sendTestNotification', {});
    }),
    http.all(`${rt.base}/*`, ({ request }) => HttpResponse.json({ errors: [{ code: 'NotFound', message: `The simulator does not know ${request.method} ${new URL(request.url).pathname}.` }] }, { status: 404 })),
  ];
}
