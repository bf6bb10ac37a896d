import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { applyPatches } from './apply-patch.js';
import { includedDataOf } from './listing-json.js';
import { putListing } from './put-listing.js';
import type { SimulatorRuntime } from './runtime.js';

/** Listings Items API 2021-08-01. */
export function listingHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const item = `${rt.base}/listings/2021-08-01/items/:sellerId/:sku`;
  const seller = (params: Record<string, unknown>) => params.sellerId === rt.sellerId;
  return [
    http.get(item, ({ request, params }) => {
      const denied = rt.gate('getListingsItem', request);
      if (denied) return denied;
      const listing = rt.state.listings.get(String(params.sku));
      if (!seller(params) || !listing)
        return rt.error(404, 'NOT_FOUND', `SKU '${String(params.sku)}' not found in marketplace ${rt.marketplaceId}`);
      return rt.json('getListingsItem', rt.listingJson(listing, includedDataOf(new URL(request.url))));
    }),
    http.patch(item, async ({ request, params }) => {
      const denied = rt.gate('patchListingsItem', request);
      if (denied) return denied;
      const url = new URL(request.url);
      if (!url.searchParams.get('marketplaceIds')) return rt.error(400, 'InvalidInput', 'Missing marketplaceIds.');
      const body = (await request.json().catch(() => undefined)) as
        | { productType?: string; patches?: unknown }
        | undefined;
      const sku = String(params.sku);
      const listing = rt.state.listings.get(sku);
      const preview = url.searchParams.get('mode') === 'VALIDATION_PREVIEW';
      const submissionId = rt.nextId('sub');
      if (!body?.productType) return rt.error(400, 'InvalidInput', 'productType is required.');
      if (!seller(params) || !listing) {
        return rt.json('patchListingsItem', {
          sku,
          status: 'INVALID',
          submissionId,
          issues: [
            {
              code: '4000003',
              message: `SKU '${sku}' has no listing to patch; create it with putListingsItem.`,
              severity: 'ERROR',
            },
          ],
        });
      }
      const result = applyPatches(listing, body.patches, rt);
      if (!result.listing)
        return rt.json('patchListingsItem', { sku, status: 'INVALID', submissionId, issues: result.issues });
      if (!preview) rt.state.listings.set(sku, { ...result.listing, updatedAt: rt.clock.now() });
      return rt.json('patchListingsItem', {
        sku,
        status: preview ? 'VALID' : 'ACCEPTED',
        submissionId,
        issues: [],
        ...(preview ? { identifiers: [{ marketplaceId: rt.marketplaceId, asin: listing.asin }] } : {}),
      });
    }),
    http.put(item, async ({ request, params }) => {
      const denied = rt.gate('putListingsItem', request);
      if (denied) return denied;
      const preview = new URL(request.url).searchParams.get('mode') === 'VALIDATION_PREVIEW';
      const body = (await request.json().catch(() => undefined)) as
        | { productType?: unknown; requirements?: unknown; attributes?: unknown }
        | undefined;
      const sku = String(params.sku);
      const submissionId = rt.nextId('sub');
      if (!seller(params))
        return rt.error(
          403,
          'Unauthorized',
          `The seller ${String(params.sellerId)} is not the one that authorised this application.`,
        );
      const result = putListing(rt, sku, body);
      if (!result.listing)
        return rt.json('putListingsItem', { sku, status: 'INVALID', submissionId, issues: result.issues });
      const listing = result.listing;
      if (!preview) {
        rt.state.listings.set(sku, listing);
        if (!rt.state.catalog.has(listing.asin))
          rt.state.catalog.set(listing.asin, {
            asin: listing.asin,
            title: listing.title,
            productType: listing.productType,
          });
      }
      return rt.json('putListingsItem', {
        sku,
        status: preview ? 'VALID' : 'ACCEPTED',
        submissionId,
        issues: [],
        ...(preview ? { identifiers: [{ marketplaceId: rt.marketplaceId, asin: listing.asin }] } : {}),
      });
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
      const identifiers = url.searchParams.get('identifiers')?.split(',');
      const identifiersType = url.searchParams.get('identifiersType');
      if (identifiers && !identifiersType)
        return rt.error(400, 'InvalidInput', 'identifiersType is required when identifiers is provided.');
      if (identifiers && identifiers.length > 20)
        return rt.error(400, 'InvalidInput', 'identifiers takes at most 20 values.');
      if (identifiersType && identifiersType !== 'SKU' && identifiersType !== 'ASIN')
        return rt.error(400, 'InvalidInput', `This simulator searches by SKU or ASIN, not ${identifiersType}.`);
      const pageSize = Math.min(20, Number(url.searchParams.get('pageSize') ?? 10));
      const offset = Number(url.searchParams.get('pageToken') ?? 0);
      const wanted = identifiers ? new Set(identifiers) : undefined;
      const all = [...rt.state.listings.values()]
        .filter((listing) => !wanted || wanted.has(identifiersType === 'ASIN' ? listing.asin : listing.sku))
        .sort((a, b) => a.sku.localeCompare(b.sku));
      const page = all.slice(offset, offset + pageSize);
      const included = includedDataOf(url);
      return rt.json('searchListingsItems', {
        numberOfResults: all.length,
        items: page.map((listing) => rt.listingJson(listing, included)),
        ...(offset + pageSize < all.length ? { pagination: { nextToken: String(offset + pageSize) } } : {}),
      });
    }),
  ];
}
