import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { isEbayCondition } from '../mapper/condition.js';
import type { EbayInventoryItem, EbayInventoryLocation } from '../types.js';
import { ebayError, emptyAnswer, errorAnswer, jsonAnswer, readJson } from './answers.js';
import type { EbaySimRuntime } from './runtime.js';

const invalid = (field: string, more = '') =>
  ebayError(25709, `Invalid value for ${field}. ${more}`.trim(), { parameters: [{ name: 'fieldName', value: field }] });
const notFound = (sku: string) =>
  ebayError(25702, `${sku} could not be found or is not available in the system.`, {
    parameters: [{ name: 'skuValue', value: sku }],
  });

/**
 * The problems of an inventory item body, as eBay's error entries.
 *
 * @example
 * ```ts
 * inventoryItemProblems({ availability: { shipToLocationAvailability: { quantity: -1 } } }); // [25709 quantity]
 * ```
 */
export function inventoryItemProblems(body: EbayInventoryItem | undefined) {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return [ebayError(25709, 'Invalid value for the request payload. It must be a JSON object.')];
  const problems = [];
  if (body.condition !== undefined && !isEbayCondition(body.condition)) problems.push(invalid('condition'));
  if (
    body.product?.title !== undefined &&
    (typeof body.product.title !== 'string' || [...body.product.title].length > 80)
  )
    problems.push(invalid('product.title', 'A title has at most 80 characters.'));
  const availability = body.availability?.shipToLocationAvailability;
  const quantities = [
    availability?.quantity,
    ...(availability?.availabilityDistributions ?? []).map((entry) => entry.quantity),
  ];
  if (quantities.some((quantity) => quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 0)))
    problems.push(invalid('quantity', 'Quantities are whole numbers of 0 or more.'));
  return problems;
}

/** Inventory items, bulk reads and merchant locations of the Sell Inventory API. */
export function inventoryHandlers(rt: EbaySimRuntime): HttpHandler[] {
  const base = `${rt.base}/sell/inventory/v1`;
  const itemJson = (sku: string) => {
    const stored = rt.state.items.get(sku)!;
    return { ...stored.item, sku, locale: stored.locale };
  };
  const liveOfferOf = (sku: string) => rt.state.offers.liveOf(sku);
  return [
    http.get(`${base}/inventory_item`, ({ request }) => {
      const refused = rt.gate.check('getInventoryItems', request);
      if (refused) return refused;
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const page = Number(url.searchParams.get('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(page) || page < 0)
        return errorAnswer(400, ebayError(25706, 'You have provided invalid pagination values.'));
      const skus = [...rt.state.items.keys()].sort();
      const slice = skus.slice(page * limit, page * limit + limit);
      const link = (offset: number) => `${base}/inventory_item?limit=${limit}&offset=${offset}`;
      return jsonAnswer({
        href: link(page),
        limit,
        size: slice.length,
        total: skus.length,
        inventoryItems: slice.map(itemJson),
        ...((page + 1) * limit < skus.length ? { next: link(page + 1) } : {}),
        ...(page > 0 ? { prev: link(page - 1) } : {}),
      });
    }),
    http.get(`${base}/inventory_item/:sku`, ({ request, params }) => {
      const refused = rt.gate.check('getInventoryItem', request);
      if (refused) return refused;
      const sku = String(params.sku);
      if (!rt.state.items.has(sku))
        return errorAnswer(
          404,
          ebayError(25710, "We didn't find the resource/entity you are requesting. Please verify the request"),
        );
      return jsonAnswer(itemJson(sku));
    }),
    http.put(`${base}/inventory_item/:sku`, async ({ request, params }) => {
      const refused = rt.gate.check('createOrReplaceInventoryItem', request);
      if (refused) return refused;
      const sku = String(params.sku);
      const language = request.headers.get('content-language');
      if (!language) return errorAnswer(400, invalid('header Content-Language'));
      if (sku.length > 50) return errorAnswer(400, invalid('sku', 'A SKU has at most 50 characters.'));
      const body = await readJson<EbayInventoryItem>(request);
      const problems = inventoryItemProblems(body);
      if (problems.length > 0) return errorAnswer(400, ...problems);
      const live = liveOfferOf(sku);
      if (live && !rt.revise(live.listingId!))
        return errorAnswer(
          400,
          ebayError(
            25002,
            `A user error has occurred. The listing ${live.listingId} reached its limit of ${rt.revisionsPerListingPerDay} revisions today.`,
          ),
        );
      const created = !rt.state.items.has(sku);
      rt.state.items.set(sku, { sku, item: body!, locale: language.replace('-', '_') });
      return created ? jsonAnswer({}, 201) : emptyAnswer(204);
    }),
    http.delete(`${base}/inventory_item/:sku`, ({ request, params }) => {
      const refused = rt.gate.check('deleteInventoryItem', request);
      if (refused) return refused;
      const sku = String(params.sku);
      if (!rt.state.items.delete(sku)) return errorAnswer(404, notFound(sku));
      for (const offer of rt.state.offers.ofSku(sku)) rt.state.offers.delete(offer.offerId);
      return emptyAnswer(204);
    }),
    http.post(`${base}/bulk_get_inventory_item`, async ({ request }) => {
      const refused = rt.gate.check('bulkGetInventoryItem', request);
      if (refused) return refused;
      const body = await readJson<{ requests?: { sku?: string }[] }>(request);
      const requests = body?.requests;
      if (!Array.isArray(requests) || requests.length < 1 || requests.length > 25)
        return errorAnswer(400, invalid('requests', 'Give 1 to 25 SKUs.'));
      const responses = requests.map(({ sku = '' }) =>
        rt.state.items.has(sku)
          ? { statusCode: 200, sku, inventoryItem: itemJson(sku), warnings: [] }
          : { statusCode: 404, sku, errors: [notFound(sku)], warnings: [] },
      );
      return jsonAnswer({ responses }, responses.every((response) => response.statusCode === 200) ? 200 : 207);
    }),
    http.get(`${base}/location`, ({ request }) => {
      const refused = rt.gate.check('getInventoryLocations', request);
      if (refused) return refused;
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const all = [...rt.state.locations.values()];
      return jsonAnswer({
        href: `${base}/location?limit=${limit}&offset=${offset}`,
        limit,
        offset,
        total: all.length,
        locations: all.slice(offset, offset + limit),
      });
    }),
    http.get(`${base}/location/:key`, ({ request, params }) => {
      const refused = rt.gate.check('getInventoryLocation', request);
      if (refused) return refused;
      const location = rt.state.locations.get(String(params.key));
      return location ? jsonAnswer(location) : errorAnswer(404, ebayError(25804, 'Input error. Location not found.'));
    }),
    http.post(`${base}/location/:key`, async ({ request, params }) => {
      const refused = rt.gate.check('createInventoryLocation', request);
      if (refused) return refused;
      const key = String(params.key);
      if (rt.state.locations.has(key)) return errorAnswer(409, ebayError(25803, `Location ${key} already exists.`));
      const body = await readJson<Omit<EbayInventoryLocation, 'merchantLocationKey'>>(request);
      rt.state.locations.set(key, {
        ...body,
        merchantLocationKey: key,
        merchantLocationStatus: body?.merchantLocationStatus ?? 'ENABLED',
      });
      return emptyAnswer(204);
    }),
  ];
}
