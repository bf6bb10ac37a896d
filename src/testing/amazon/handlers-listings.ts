import { http, type HttpHandler } from 'msw';
import { applyPatches } from './apply-patch.js';
import type { SimulatorRuntime } from './simulator.js';

/** Listings Items API 2021-08-01. */
export function listingHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const item = `${rt.base}/listings/2021-08-01/items/:sellerId/:sku`;
  const seller = (params: Record<string, unknown>) => params.sellerId === rt.sellerId;
  return [
    http.get(item, ({ request, params }) => {
      const denied = rt.gate('getListingsItem', request);
      if (denied) return denied;
      const listing = rt.state.listings.get(String(params.sku));
      if (!seller(params) || !listing) return rt.error(404, 'NOT_FOUND', `SKU '${String(params.sku)}' not found in marketplace ${rt.marketplaceId}`);
      return rt.json('getListingsItem', rt.listingJson(listing));
    }),
    http.patch(item, async ({ request, params }) => {
      const denied = rt.gate('patchListingsItem', request);
      if (denied) return denied;
      const url = new URL(request.url);
      if (!url.searchParams.get('marketplaceIds')) return rt.error(400, 'InvalidInput', 'Missing marketplaceIds.');
      const body = (await request.json().catch(() => undefined)) as { productType?: string; patches?: unknown } | undefined;
      const sku = String(params.sku);
      const listing = rt.state.listings.get(sku);
      const preview = url.searchParams.get('mode') === 'VALIDATION_PREVIEW';
      const submissionId = rt.nextId('sub');
      if (!body?.productType) return rt.error(400, 'InvalidInput', 'productType is required.');
      if (!seller(params) || !listing) {
        return rt.json('patchListingsItem', { sku, status: 'INVALID', submissionId, issues: [{ code: '4000003', message: `SKU '${sku}' has no listing to patch; create it with putListingsItem.`, severity: 'ERROR' }] });
      }
      const result = applyPatches(listing, body.patches, rt.currency);
      if (!result.listing) return rt.json('patchListingsItem', { sku, status: 'INVALID', submissionId, issues: result.issues });
      if (!preview) rt.state.listings.set(sku, { ...result.listing, updatedAt: rt.clock.now() });
      return rt.json('patchListingsItem', { sku, status: preview ? 'VALID' : 'ACCEPTED', submissionId, issues: [], ...(preview ? { identifiers: [{ marketplaceId: rt.marketplaceId, asin: listing.asin }] } : {}) });
    }),
    http.put(item, async ({ request, params }) => {
      const denied = rt.gate('putListingsItem', request);
      if (denied) return denied;
      const preview = new URL(request.url).searchParams.get('mode') === 'VALIDATION_PREVIEW';
      const body = (await request.json().catch(() => undefined)) as { productType?: string; attributes?: Record<string, unknown> } | undefined;
      const sku = String(params.sku);
      const submissionId = rt.nextId('sub');
      if (!body?.productType || !body.attributes || Object.keys(body.attributes).length === 0) {
        return rt.json('putListingsItem', { sku, status: 'INVALID', submissionId, issues: [{ code: '90000900', message: 'productType and attributes are required.', severity: 'ERROR' }] });
      }
      const existing = rt.state.listings.get(sku);
      const name = (body.attributes.item_name as { value?: string }[] | undefined)?.[0]?.value ?? existing?.title ?? sku;
      const base = existing ?? { sku, asin: `B${String(rt.state.listings.size + 1).padStart(9, '0')}`, productType: body.productType, title: name, price: { amountMinor: 0, currency: rt.currency }, quantity: 0, attributes: {}, updatedAt: rt.clock.now() };
      const result = applyPatches({ ...base, attributes: {} }, Object.entries(body.attributes).map(([key, value]) => ({ op: 'replace', path: `/attributes/${key}`, value })), rt.currency);
      if (!result.listing) return rt.json('putListingsItem', { sku, status: 'INVALID', submissionId, issues: result.issues });
      if (!preview) rt.state.listings.set(sku, { ...result.listing, productType: body.productType, title: name, updatedAt: rt.clock.now() });
      return rt.json('putListingsItem', { sku, status: preview ? 'VALID' : 'ACCEPTED', submissionId, issues: [] });
    }),
    http.delete(item, ({ request, params }) => {
      const denied = rt.gate('deleteListingsItem', request);
      if (denied) return denied;
      const sku = String(params.sku);
      if (!rt.state.listings.delete(sku)) return rt.error(404, 'NOT_FOUND', `SKU '${sku}' not found.`);
      return rt.json('deleteListingsItem', { sku, status: 'ACCEPTED', submissionId: rt.nextId('sub'), issues: [] });
    }),
    http.get(`${rt.base}/listings/2021-08-01/items/:sellerId`, ({ request }) => {
      const denied = rt.gate('searchListingsItems', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const pageSize = Math.min(20, Number(url.searchParams.get('pageSize') ?? 10));
      const offset = Number(url.searchParams.get('pageToken') ?? 0);
      const all = [...rt.state.listings.values()].sort((a, b) => a.sku.localeCompare(b.sku));
      const page = all.slice(offset, offset + pageSize);
      return rt.json('searchListingsItems', {
        numberOfResults: all.length,
        items: page.map((listing) => rt.listingJson(listing)),
        ...(offset + pageSize < all.length ? { pagination: { nextToken: String(offset + pageSize) } } : {}),
      });
    }),
  ];
}
