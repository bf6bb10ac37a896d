import type { MercadoLibreAttribute, MercadoLibreItem, MercadoLibreVariation } from '../types/index.js';
import { nextNumber, settleItem, stamp, validAmount, type SimRequest } from './context.js';
import { json, mlError, validationError } from './responses.js';

const SCROLL_MS = 5 * 60_000;
const OFFSET_LIMIT = 1000;

const skuOf = (source: { attributes?: MercadoLibreAttribute[]; seller_custom_field?: string | null }) =>
  source.attributes?.find((attribute) => attribute.id === 'SELLER_SKU')?.value_name ??
  source.seller_custom_field ??
  undefined;

const visible = (item: MercadoLibreItem, sellerId: number, status: string | null) =>
  item.seller_id === sellerId && !item.sub_status?.includes('deleted') && (status === null || item.status === status);

/** `GET /users/{id}/items/search`: scan mode with `scroll_id`, offset paging (to 1,000), `seller_sku`, `status`. */
export function searchItems(sim: SimRequest): Response {
  const sellerId = Number(sim.params[0]);
  if (sellerId !== sim.seller.id) return mlError(403, 'forbidden', 'The access token does not belong to this user.');
  const query = sim.url.searchParams;
  const status = query.get('status');
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return mlError(400, 'bad_request', 'limit must be between 1 and 100');
  const sku = query.get('seller_sku');
  const mine = () => [...sim.state.items.values()].filter((item) => visible(item, sellerId, status));
  if (sku !== null) {
    const offset = Number(query.get('offset') ?? 0);
    if (!Number.isInteger(offset) || offset < 0) return mlError(400, 'bad_request', 'offset must be a whole number');
    if (offset + limit > OFFSET_LIMIT)
      return mlError(400, 'bad_request', 'offset + limit cannot exceed 1000; use search_type=scan');
    const ids = mine()
      .filter((item) => skuOf(item) === sku || item.variations?.some((variation) => skuOf(variation) === sku))
      .map((item) => item.id);
    return json({
      seller_id: String(sellerId),
      query: null,
      paging: { limit, offset, total: ids.length },
      results: ids.slice(offset, offset + limit),
    });
  }
  if (query.get('search_type') === 'scan') {
    if (query.has('offset'))
      return mlError(400, 'bad_request', 'offset is not allowed with search_type=scan; use scroll_id');
    const scrollId = query.get('scroll_id');
    let scroll = scrollId ? sim.state.scrolls.get(scrollId) : undefined;
    if (scrollId && (!scroll || scroll.expiresAt <= sim.clock.now() || scroll.sellerId !== sellerId))
      return mlError(400, 'bad_request', 'scroll_id is invalid or expired; start a new scan');
    let id = scrollId ?? '';
    if (!scroll) {
      id = `c2Nhbi${nextNumber(sim.state).toString(36)}`;
      scroll = { ids: mine().map((item) => item.id), position: 0, expiresAt: 0, sellerId };
      sim.state.scrolls.set(id, scroll);
    }
    const results = scroll.ids.slice(scroll.position, scroll.position + limit);
    scroll.position += results.length;
    scroll.expiresAt = sim.clock.now() + SCROLL_MS;
    return json({
      seller_id: String(sellerId),
      query: null,
      paging: { limit, total: scroll.ids.length },
      results,
      scroll_id: id,
    });
  }
  const offset = Number(query.get('offset') ?? 0);
  if (offset + limit > OFFSET_LIMIT)
    return mlError(400, 'bad_request', 'offset + limit cannot exceed 1000; use search_type=scan');
  const ids = mine().map((item) => item.id);
  return json({
    seller_id: String(sellerId),
    query: null,
    paging: { limit, offset, total: ids.length },
    results: ids.slice(offset, offset + limit),
  });
}

/** `GET /items?ids=...` (at most 20). */
export function multigetItems(sim: SimRequest): Response {
  const ids = (sim.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || ids.length > 20) return mlError(400, 'bad_request', 'ids must list 1 to 20 item ids');
  return json(
    ids.map((id) => {
      const item = sim.state.items.get(id);
      return item
        ? { code: 200, body: item }
        : { code: 404, body: { message: `Item with id ${id} not found`, error: 'not_found', status: 404, cause: [] } };
    }),
  );
}

/** `GET /items/{id}`. */
export function getItem(sim: SimRequest): Response {
  const item = sim.state.items.get(sim.params[0]!);
  return item ? json(item) : mlError(404, 'not_found', `Item with id ${sim.params[0]} not found`);
}

const REQUIRED = [
  'title',
  'category_id',
  'price',
  'currency_id',
  'buying_mode',
  'listing_type_id',
  'condition',
] as const;

/** `POST /items`. */
export function createItem(sim: SimRequest): Response {
  const body = (sim.body ?? {}) as Record<string, unknown>;
  const causes: { code: string; message: string; references: string[] }[] = [];
  for (const field of REQUIRED)
    if (body[field] === undefined || body[field] === '')
      causes.push({
        code: `item.${field}.required`,
        message: `The field ${field} is required.`,
        references: [`item.${field}`],
      });
  const currency = String(body.currency_id ?? '');
  if (body.price !== undefined && !validAmount(body.price, currency))
    causes.push({ code: 'item.price.invalid', message: `Invalid price for ${currency}.`, references: ['item.price'] });
  const variations = Array.isArray(body.variations) ? (body.variations as Record<string, unknown>[]) : undefined;
  if (!variations && !(Number.isInteger(body.available_quantity) && (body.available_quantity as number) >= 0)) {
    causes.push({
      code: 'item.available_quantity.invalid',
      message: 'available_quantity must be a whole number ≥ 0.',
      references: ['item.available_quantity'],
    });
  }
  if (sim.seller.tags.includes('warehouse_management') && body.available_quantity !== undefined) {
    causes.push({
      code: 'item.available_quantity.invalid',
      message: 'the fields [available_quantity] are invalid for requested call',
      references: ['item.available_quantity'],
    });
  }
  const prices = new Set((variations ?? []).map((variation) => variation.price));
  if (prices.size > 1)
    causes.push({
      code: 'item.variations.price.invalid',
      message: 'All variations must have the same price.',
      references: ['item.variations'],
    });
  if (causes.length > 0) return validationError(causes);
  const sequence = nextNumber(sim.state);
  const id = `${sim.seller.siteId}${1_000_000_000 + sequence}`;
  const item: MercadoLibreItem = {
    id,
    site_id: sim.seller.siteId,
    title: String(body.title),
    seller_id: sim.seller.id,
    category_id: String(body.category_id),
    price: body.price as number,
    currency_id: currency,
    available_quantity: variations ? 0 : (body.available_quantity as number),
    sold_quantity: 0,
    buying_mode: String(body.buying_mode),
    listing_type_id: String(body.listing_type_id),
    condition: String(body.condition),
    status: 'active',
    sub_status: [],
    permalink: `https://articulo.mercadolibre.com.ar/${id.slice(0, 3)}-${id.slice(3)}-sim`,
    pictures: Array.isArray(body.pictures)
      ? (body.pictures as { source?: string }[]).map((picture, index) => ({
          id: `${sequence}-${index}`,
          url: picture.source ?? '',
          secure_url: picture.source ?? '',
        }))
      : [],
    attributes: Array.isArray(body.attributes) ? (body.attributes as MercadoLibreAttribute[]) : [],
    user_product_id: variations ? null : `${sim.seller.siteId}U${1_000_000 + sequence}`,
    date_created: stamp(sim.clock),
    last_updated: stamp(sim.clock),
    tags: [],
  };
  if (variations) {
    item.variations = variations.map((variation) => ({
      id: 100_000_000_000 + nextNumber(sim.state),
      price: body.price as number,
      available_quantity: Number(variation.available_quantity ?? 0),
      sold_quantity: 0,
      attribute_combinations: (variation.attribute_combinations ??
        []) as MercadoLibreVariation['attribute_combinations'],
      attributes: (variation.attributes ?? []) as MercadoLibreAttribute[],
      user_product_id: `${sim.seller.siteId}U${1_000_000 + nextNumber(sim.state)}`,
    }));
  }
  settleItem(item, sim.clock);
  sim.state.items.set(id, item);
  sim.changed('items', `/items/${id}`);
  return json(item, 201);
}
