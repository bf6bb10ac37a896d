/**
 * An attribute of an item or variation (`SELLER_SKU`, `BRAND`, `GTIN`, ...).
 *
 * @example
 * ```ts
 * const sku: MercadoLibreAttribute = { id: 'SELLER_SKU', value_name: 'MUG-1' };
 * ```
 */
export interface MercadoLibreAttribute {
  id: string;
  name?: string;
  value_id?: string | null;
  value_name?: string | null;
}

/**
 * One variation of an item: what the buyer picks (colour, size) with its own stock and SKU.
 * Variations of one item share its price.
 *
 * @example
 * ```ts
 * const red: MercadoLibreVariation = { id: 174497701554, price: 1500, available_quantity: 3, attribute_combinations: [{ id: 'COLOR', name: 'Color', value_name: 'Rojo' }] };
 * ```
 */
export interface MercadoLibreVariation {
  id: number;
  price: number;
  available_quantity: number;
  sold_quantity?: number;
  attribute_combinations: { id?: string; name?: string; value_id?: string | null; value_name?: string | null }[];
  attributes?: MercadoLibreAttribute[];
  seller_custom_field?: string | null;
  picture_ids?: string[];
  user_product_id?: string | null;
}

/**
 * An item (listing) as `GET /items/{id}` returns it (the fields marketbridge reads).
 *
 * @example
 * ```ts
 * const item: MercadoLibreItem = await client.getItem('MLA1234567890');
 * ```
 */
export interface MercadoLibreItem {
  id: string;
  site_id: string;
  title: string;
  seller_id: number;
  category_id: string;
  price: number;
  currency_id: string;
  available_quantity: number;
  sold_quantity?: number;
  buying_mode?: string;
  listing_type_id: string;
  condition: string;
  status: string;
  sub_status?: string[];
  permalink?: string;
  pictures?: { id?: string; url?: string; secure_url?: string }[];
  attributes?: MercadoLibreAttribute[];
  variations?: MercadoLibreVariation[];
  seller_custom_field?: string | null;
  user_product_id?: string | null;
  date_created?: string;
  last_updated?: string;
  tags?: string[];
}

/**
 * The error envelope MercadoLibre answers with: a message, an error code, the HTTP status and
 * the causes (per field for validation errors).
 *
 * @example
 * ```ts
 * const body: MercadoLibreErrorBody = { message: 'Validation error', error: 'validation_error', status: 400, cause: [{ code: 'item.price.invalid', message: 'price must be positive', references: ['item.price'] }] };
 * ```
 */
export interface MercadoLibreErrorBody {
  message: string;
  error: string;
  status: number;
  cause: (string | MercadoLibreErrorCause)[];
}

/**
 * One cause of a MercadoLibre error: a code, a message and the fields it refers to.
 *
 * @example
 * ```ts
 * const cause: MercadoLibreErrorCause = { code: 'item.attributes.missing_required', message: 'BRAND is required', references: ['item.attributes'], type: 'error' };
 * ```
 */
export interface MercadoLibreErrorCause {
  code?: string;
  message?: string;
  references?: string[];
  type?: string;
  department?: string;
  cause_id?: number;
}

/**
 * One page of the seller's item search (`/users/{id}/items/search`), with `scroll_id` in scan mode.
 *
 * @example
 * ```ts
 * const page: MercadoLibreItemSearch = { paging: { total: 3000, limit: 100 }, results: ['MLA1'], scroll_id: 'YXBp...' };
 * ```
 */
export interface MercadoLibreItemSearch {
  paging: { total: number; limit: number; offset?: number };
  results: string[];
  scroll_id?: string | null;
}

/**
 * One entry of a multiget (`/items?ids=...`): the status of that id and its item or error.
 *
 * @example
 * ```ts
 * const entry: MercadoLibreMultigetEntry = { code: 404, body: { message: 'Item not found', error: 'not_found', status: 404, cause: [] } };
 * ```
 */
export interface MercadoLibreMultigetEntry {
  code: number;
  body: MercadoLibreItem | MercadoLibreErrorBody;
}

/**
 * One line of an order.
 *
 * @example
 * ```ts
 * const line: MercadoLibreOrderItem = { item: { id: 'MLA1', title: 'Mug', variation_id: null, seller_sku: 'MUG-1' }, quantity: 1, unit_price: 1500, currency_id: 'ARS' };
 * ```
 */
export interface MercadoLibreOrderItem {
  item: { id: string; title?: string; variation_id?: number | null; seller_sku?: string | null; seller_custom_field?: string | null };
  quantity: number;
  unit_price: number;
  full_unit_price?: number;
  currency_id: string;
}

/**
 * An order (`/orders/{id}`, and each result of `/orders/search`).
 *
 * @example
 * ```ts
 * const order: MercadoLibreOrder = await client.getOrder('2000003508419013');
 * ```
 */
export interface MercadoLibreOrder {
  id: number;
  status: string;
  status_detail?: string | null;
  date_created: string;
  date_closed?: string | null;
  last_updated: string;
  order_items: MercadoLibreOrderItem[];
  total_amount: number;
  paid_amount?: number | null;
  currency_id: string;
  buyer?: { id: number; nickname?: string; first_name?: string; last_name?: string };
  seller?: { id: number };
  shipping?: { id: number | null } | null;
  shipping_cost?: number | null;
  taxes?: { amount: number | null } | null;
  tags?: string[];
  pack_id?: number | null;
}

/**
 * One page of `/orders/search`.
 *
 * @example
 * ```ts
 * const page: MercadoLibreOrderSearch = { results: [], paging: { total: 0, offset: 0, limit: 50 } };
 * ```
 */
export interface MercadoLibreOrderSearch {
  results: MercadoLibreOrder[];
  paging: { total: number; offset: number; limit: number };
}

/**
 * A Mercado Envíos shipment (`/shipments/{id}` with `x-format-new: true`).
 *
 * @example
 * ```ts
 * const shipment: MercadoLibreShipment = { id: 28264263908, status: 'ready_to_ship', substatus: null, logistic: { mode: 'me1' } };
 * ```
 */
export interface MercadoLibreShipment {
  id: number;
  status: string;
  substatus?: string | null;
  tracking_number?: string | null;
  tracking_method?: string | null;
  service_id?: number | null;
  /** The new format's logistic block: `me1` (the seller ships), `me2` (Mercado Envíos), `custom`. */
  logistic?: { mode?: string; type?: string; direction?: string } | null;
  /** The mode in the old format. */
  mode?: string;
  order_id?: number | null;
  date_created?: string;
  last_updated?: string;
}

/**
 * One stock location of a user product.
 *
 * @example
 * ```ts
 * const warehouse: MercadoLibreStockLocation = { type: 'seller_warehouse', store_id: '9876543', network_node_id: 'MXP123451', quantity: 15 };
 * ```
 */
export interface MercadoLibreStockLocation {
  type: 'selling_address' | 'meli_facility' | 'seller_warehouse' | (string & {});
  quantity: number;
  store_id?: string;
  network_node_id?: string;
}

/**
 * The stock of a user product (`/user-products/{id}/stock`); the answer's `x-version` header
 * is its version, sent back on every write.
 *
 * @example
 * ```ts
 * const stock: MercadoLibreUserProductStock = { id: 'MLMU123456789', user_id: 1234, locations: [{ type: 'selling_address', quantity: 5 }] };
 * ```
 */
export interface MercadoLibreUserProductStock {
  id: string;
  user_id: number;
  locations: MercadoLibreStockLocation[];
}

/**
 * A notification as kept by `/missed_feeds`: the notification plus the delivery attempt.
 *
 * @example
 * ```ts
 * const missed: MercadoLibreMissedFeed = { _id: 'a1', resource: '/orders/1', user_id: 1, topic: 'orders_v2', application_id: 2, attempts: 8, sent: '2026-01-01T00:00:00.000Z' };
 * ```
 */
export interface MercadoLibreMissedFeed {
  _id: string;
  resource: string;
  user_id: number | string;
  topic: string;
  application_id: number | string;
  attempts?: number;
  sent?: string;
  received?: string;
  request?: unknown;
  response?: unknown;
}

/**
 * One page of `/missed_feeds`.
 *
 * @example
 * ```ts
 * const page: MercadoLibreMissedFeeds = { messages: [], total: 0 };
 * ```
 */
export interface MercadoLibreMissedFeeds {
  messages: MercadoLibreMissedFeed[];
  total?: number;
  offset?: number;
  limit?: number;
}

/**
 * A user (`/users/{id}`, `/users/me`): tags such as `warehouse_management` say which stock
 * model the seller uses.
 *
 * @example
 * ```ts
 * const user: MercadoLibreUser = { id: 468424240, nickname: 'SELLER', site_id: 'MLA', tags: ['normal'] };
 * ```
 */
export interface MercadoLibreUser {
  id: number;
  nickname?: string;
  site_id?: string;
  tags?: string[];
}
