/**
 * MercadoLibre publishes no machine-readable contract. These are the request and response
 * shapes the connector relies on, written down once as zod schemas, each with the
 * documentation page it comes from. Every request the connector sends in the tests is checked
 * against them (see `recordContract` in harness.ts), and the simulator's answers and the
 * documentation's own examples are checked against the response schemas.
 */
import { z } from 'zod';

const DOCS = 'https://developers.mercadolibre.com.ar/en_us';
const DOCS_ES = 'https://developers.mercadolibre.com.ar/es_ar';

const bearer = z.looseObject({
  authorization: z.string().regex(/^Bearer \S+$/, 'Authorization: Bearer <access token>'),
});
const digits = z.string().regex(/^[0-9]+$/);
const itemId = /[A-Z]{3}[0-9]+/.source;
const amount = z
  .number()
  .positive()
  .refine((value) => (String(value).split('.')[1] ?? '').length <= 2, 'At most two decimals (the site currency).');
const attribute = z.strictObject({ id: z.string().regex(/^[A-Z][A-Z0-9_]*$/), value_name: z.string().min(1) });
const combination = z.looseObject({ name: z.string().min(1), value_name: z.string().min(1) });
const quantity = z.number().int().min(0);

/** One documented request: method, path, and the shapes of its query, headers and body. */
export interface RequestContract {
  name: string;
  doc: string;
  method: string;
  path: RegExp;
  query?: z.ZodType;
  headers?: z.ZodType;
  /** JSON body (or, for the token endpoint, the form fields). */
  body?: z.ZodType;
  form?: boolean;
}

const variationWrite = z.strictObject({
  id: z.number().int().positive().optional(),
  price: amount.optional(),
  available_quantity: quantity.optional(),
  attribute_combinations: z.array(combination).optional(),
  attributes: z.array(attribute).optional(),
});

/** Every request the connector may send. */
export const REQUESTS: RequestContract[] = [
  {
    name: 'refresh the access token',
    doc: `${DOCS}/authentication-and-authorization`,
    method: 'POST',
    path: /^\/oauth\/token$/,
    form: true,
    headers: z.looseObject({
      'content-type': z.literal('application/x-www-form-urlencoded'),
      accept: z.literal('application/json'),
    }),
    body: z.strictObject({
      grant_type: z.literal('refresh_token'),
      client_id: digits,
      client_secret: z.string().min(1),
      refresh_token: z.string().min(1),
    }),
  },
  {
    name: 'exchange an authorization code',
    doc: `${DOCS}/authentication-and-authorization`,
    method: 'POST',
    path: /^\/oauth\/token$/,
    form: true,
    headers: z.looseObject({ 'content-type': z.literal('application/x-www-form-urlencoded') }),
    body: z.strictObject({
      grant_type: z.literal('authorization_code'),
      client_id: digits,
      client_secret: z.string().min(1),
      code: z.string().min(1),
      redirect_uri: z.string().url(),
      code_verifier: z.string().min(43),
    }),
  },
  {
    name: "seller's items, scan mode or by seller SKU",
    doc: `${DOCS}/items-and-searches`,
    method: 'GET',
    path: /^\/users\/[0-9]+\/items\/search$/,
    headers: bearer,
    query: z.union([
      z.strictObject({
        search_type: z.literal('scan'),
        limit: digits.refine((v) => Number(v) >= 1 && Number(v) <= 100, 'limit 1..100'),
        scroll_id: z.string().min(1).optional(),
        status: z.enum(['active', 'paused', 'closed']).optional(),
      }),
      // By seller SKU: offset paging like every items search (offset + limit up to 1,000).
      z.strictObject({
        seller_sku: z.string().min(1),
        limit: digits.refine((v) => Number(v) >= 1 && Number(v) <= 100, 'limit 1..100').optional(),
        offset: digits.optional(),
        status: z.enum(['active', 'paused', 'closed']).optional(),
      }),
    ]),
  },
  {
    name: 'multiget items',
    doc: `${DOCS}/items-and-searches`,
    method: 'GET',
    path: /^\/items$/,
    headers: bearer,
    query: z.strictObject({
      ids: z.string().regex(new RegExp(`^${itemId}(,${itemId}){0,19}$`), '1 to 20 item ids, comma separated'),
      attributes: z.string().optional(),
    }),
  },
  {
    name: 'get an item',
    doc: `${DOCS}/list-products`,
    method: 'GET',
    path: new RegExp(`^/items/${itemId}$`),
    headers: bearer,
    query: z.strictObject({}),
  },
  {
    name: 'list an item',
    doc: `${DOCS}/list-products`,
    method: 'POST',
    path: /^\/items$/,
    headers: bearer.extend({ 'content-type': z.literal('application/json') }),
    body: z.strictObject({
      title: z.string().min(1).max(60),
      category_id: z.string().regex(/^[A-Z]{3}[0-9]+$/),
      price: amount,
      currency_id: z.string().length(3),
      available_quantity: quantity.optional(),
      buying_mode: z.literal('buy_it_now'),
      listing_type_id: z.string().min(1),
      condition: z.enum(['new', 'used', 'refurbished']),
      pictures: z.array(z.strictObject({ source: z.string().url() })).optional(),
      attributes: z.array(attribute).optional(),
      variations: z
        .array(variationWrite.omit({ id: true }).extend({ attribute_combinations: z.array(combination).min(1) }))
        .optional(),
    }),
  },
  {
    name: 'modify an item',
    doc: `${DOCS}/products-sync-listings`,
    method: 'PUT',
    path: new RegExp(`^/items/${itemId}$`),
    headers: bearer.extend({ 'content-type': z.literal('application/json') }),
    body: z.union([
      z.strictObject({ available_quantity: quantity }),
      z.strictObject({ price: amount }),
      z.strictObject({ status: z.enum(['active', 'paused', 'closed']) }),
      z.strictObject({ deleted: z.literal('true') }),
      z.strictObject({ variations: z.array(variationWrite.extend({ id: z.number().int().positive() })).min(1) }),
      z.strictObject({
        title: z.string().min(1).max(60),
        price: amount.optional(),
        pictures: z.array(z.strictObject({ source: z.string().url() })).optional(),
        attributes: z.array(attribute).optional(),
        variations: z.array(variationWrite).optional(),
      }),
    ]),
  },
  {
    name: 'user product stock',
    doc: `${DOCS_ES}/stock-distribuido`,
    method: 'GET',
    path: /^\/user-products\/[A-Z]{3}U[0-9]+\/stock$/,
    headers: bearer,
    query: z.strictObject({}),
  },
  {
    name: 'write warehouse stock',
    doc: `${DOCS_ES}/stock-multi-origen`,
    method: 'PUT',
    path: /^\/user-products\/[A-Z]{3}U[0-9]+\/stock\/type\/seller_warehouse$/,
    headers: bearer.extend({ 'x-version': digits, 'content-type': z.literal('application/json') }),
    body: z.strictObject({
      locations: z.array(z.strictObject({ store_id: digits, network_node_id: z.string().optional(), quantity })).min(1),
    }),
  },
  {
    name: 'write selling-address stock',
    doc: `${DOCS_ES}/stock-distribuido`,
    method: 'PUT',
    path: /^\/user-products\/[A-Z]{3}U[0-9]+\/stock\/type\/selling_address$/,
    headers: bearer.extend({ 'x-version': digits, 'content-type': z.literal('application/json') }),
    body: z.strictObject({ quantity }),
  },
  {
    name: 'search orders',
    doc: `${DOCS}/manage-sales`,
    method: 'GET',
    path: /^\/orders\/search$/,
    headers: bearer,
    query: z.strictObject({
      seller: digits,
      sort: z.enum(['date_asc', 'date_desc']),
      offset: digits,
      limit: digits.refine((v) => Number(v) >= 1 && Number(v) <= 51, 'limit 1..51'),
      'order.date_last_updated.from': z
        .string()
        .regex(
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[-+]\d{2}:\d{2}$/,
          'ISO 8601 with offset, e.g. 2015-07-01T00:00:00.000-00:00',
        )
        .optional(),
      'order.status': z
        .string()
        .refine(
          (v) =>
            v
              .split(',')
              .every((s) =>
                [
                  'confirmed',
                  'payment_required',
                  'payment_in_process',
                  'partially_paid',
                  'paid',
                  'partially_refunded',
                  'pending_cancel',
                  'cancelled',
                  'invalid',
                ].includes(s),
              ),
          'order statuses, comma separated',
        )
        .optional(),
    }),
  },
  {
    name: 'get an order',
    doc: `${DOCS}/manage-sales`,
    method: 'GET',
    path: /^\/orders\/[0-9]+$/,
    headers: bearer,
    query: z.strictObject({}),
  },
  {
    name: 'feedback on a sale (cancel)',
    doc: `${DOCS}/feedback-on-sale`,
    method: 'POST',
    path: /^\/orders\/[0-9]+\/feedback$/,
    headers: bearer.extend({ 'content-type': z.literal('application/json') }),
    body: z.strictObject({
      fulfilled: z.literal(false),
      rating: z.enum(['negative', 'neutral']),
      message: z.string().min(1).max(160),
      reason: z.enum([
        'OUT_OF_STOCK',
        'SELLER_REGRETS',
        'BUYER_REGRETS',
        'BUYER_DID_NOT_ANSWER',
        'BUYER_NOT_ENOUGH_MONEY',
        'THEY_NOT_HONORED_POLICIES',
      ]),
      restock_item: z.boolean(),
    }),
  },
  {
    name: 'get a shipment',
    doc: `${DOCS}/manage-shipments`,
    method: 'GET',
    path: /^\/shipments\/[0-9]+$/,
    headers: bearer.extend({ 'x-format-new': z.literal('true') }),
    query: z.strictObject({}),
  },
  {
    name: 'inform the tracking number (ME1)',
    doc: `${DOCS}/me1-order-states`,
    method: 'PUT',
    path: /^\/shipments\/[0-9]+$/,
    headers: bearer.extend({ 'content-type': z.literal('application/json') }),
    body: z.strictObject({ tracking_number: z.string().min(1), service_id: z.number().int().optional() }),
  },
  {
    name: 'mark a shipment shipped (ME1)',
    doc: `${DOCS}/me1-order-states`,
    method: 'POST',
    path: /^\/shipments\/[0-9]+\/seller_notifications$/,
    headers: bearer.extend({ 'content-type': z.literal('application/json') }),
    body: z.strictObject({
      payload: z.strictObject({
        service_id: z.number().int().optional(),
        comment: z.string(),
        date: z.iso.datetime({ offset: true }),
      }),
      tracking_number: z.string().min(1),
      tracking_url: z.string().url().optional(),
      status: z.literal('shipped'),
      substatus: z.literal('null'),
    }),
  },
  {
    name: 'missed feeds',
    doc: `${DOCS}/products-receive-notifications`,
    method: 'GET',
    path: /^\/missed_feeds$/,
    headers: bearer,
    query: z.strictObject({
      app_id: digits,
      topic: z.string().min(1).optional(),
      offset: digits,
      limit: digits.refine((v) => Number(v) >= 1 && Number(v) <= 50, 'limit 1..50'),
    }),
  },
  {
    name: 'get a user',
    doc: `${DOCS}/multi-origin-stock`,
    method: 'GET',
    path: /^\/users\/[0-9]+$/,
    headers: bearer,
    query: z.strictObject({}),
  },
  {
    name: 'get a notified resource',
    doc: `${DOCS}/products-receive-notifications`,
    method: 'GET',
    path: /^\/questions\/[0-9]+$/,
    headers: bearer,
    query: z.strictObject({}),
  },
];

const cause = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  references: z.array(z.string()).optional(),
  type: z.string().optional(),
});

/** Response shapes the connector reads. */
export const RESPONSES = {
  /** {@link https://developers.mercadolibre.com.ar/en_us/authentication-and-authorization} */
  token: z.looseObject({
    access_token: z.string().min(1),
    token_type: z.string(),
    expires_in: z.literal(21_600),
    scope: z.string(),
    user_id: z.number().int(),
    refresh_token: z.string().min(1),
  }),
  /** The error envelope of every resource ({@link https://developers.mercadolibre.com.ar/es_ar/error-403}). */
  error: z.looseObject({
    message: z.string(),
    error: z.string(),
    status: z.number().int(),
    cause: z.array(z.union([z.string(), cause])),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/items-and-searches} */
  itemSearch: z.looseObject({
    paging: z.looseObject({ total: z.number().int(), limit: z.number().int() }),
    results: z.array(z.string()),
    scroll_id: z.string().nullish(),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/list-products} */
  item: z.looseObject({
    id: z.string().regex(/^[A-Z]{3}[0-9]+$/),
    site_id: z.string(),
    title: z.string(),
    seller_id: z.number().int(),
    category_id: z.string(),
    price: z.number(),
    currency_id: z.string().length(3),
    available_quantity: z.number().int(),
    buying_mode: z.string(),
    listing_type_id: z.string(),
    condition: z.string(),
    status: z.string(),
    pictures: z.array(z.looseObject({ url: z.string(), secure_url: z.string() })),
    attributes: z.array(z.looseObject({ id: z.string(), value_name: z.string().nullable() })),
    variations: z
      .array(
        z.looseObject({
          id: z.number().int(),
          price: z.number(),
          available_quantity: z.number().int(),
          attribute_combinations: z.array(z.looseObject({ name: z.string(), value_name: z.string().nullable() })),
        }),
      )
      .optional(),
  }),
  /** {@link https://developers.mercadolibre.com.ar/es_ar/stock-distribuido} */
  userProductStock: z.looseObject({
    id: z.string(),
    user_id: z.number().int(),
    locations: z.array(
      z.looseObject({
        type: z.string(),
        quantity: z.number().int(),
        store_id: z.string().optional(),
        network_node_id: z.string().optional(),
      }),
    ),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/manage-sales} */
  order: z.looseObject({
    id: z.number().int(),
    status: z.string(),
    date_created: z.string(),
    order_items: z
      .array(
        z.looseObject({
          item: z.looseObject({ id: z.string(), variation_id: z.number().nullable() }),
          quantity: z.number().int(),
          unit_price: z.number(),
          currency_id: z.string(),
        }),
      )
      .min(1),
    total_amount: z.number(),
    currency_id: z.string().length(3),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/manage-sales} */
  orderSearch: z.looseObject({
    results: z.array(z.unknown()),
    paging: z.looseObject({ total: z.number().int(), offset: z.number().int(), limit: z.number().int() }),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/manage-shipments} */
  shipment: z.looseObject({
    id: z.number().int(),
    status: z.string(),
    substatus: z.string().nullable(),
    tracking_number: z.string().nullable(),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/products-receive-notifications} */
  notification: z.looseObject({
    resource: z.string().startsWith('/'),
    user_id: z.number().int(),
    topic: z.string(),
    application_id: z.number().int(),
    attempts: z.number().int(),
    sent: z.string(),
    received: z.string(),
  }),
  /** {@link https://developers.mercadolibre.com.ar/en_us/products-receive-notifications} */
  missedFeeds: z.looseObject({
    messages: z.array(z.looseObject({ _id: z.string(), resource: z.string(), topic: z.string() })),
  }),
};

/** What one request looked like on the wire. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

/** Reads a request (a clone) into a {@link SeenRequest}, relative to the API origin. */
export async function seenRequest(request: Request): Promise<SeenRequest> {
  const url = new URL(request.url);
  const text = request.method === 'GET' ? '' : await request.clone().text();
  const type = request.headers.get('content-type') ?? '';
  let body: unknown;
  if (text)
    body = type.includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body,
  };
}

/** The contract a request matches, and its problems (empty when it conforms). */
export function checkRequest(seen: SeenRequest): { name?: string; problems: string[] } {
  const candidates = REQUESTS.filter((entry) => entry.method === seen.method && entry.path.test(seen.path));
  if (candidates.length === 0) return { problems: [`${seen.method} ${seen.path} is not a documented request`] };
  let best: { name: string; problems: string[] } | undefined;
  for (const entry of candidates) {
    const problems: string[] = [];
    const check = (what: string, schema: z.ZodType | undefined, value: unknown) => {
      if (!schema) return;
      const result = schema.safeParse(value);
      if (!result.success)
        for (const issue of result.error.issues) problems.push(`${what}.${issue.path.join('.')}: ${issue.message}`);
    };
    check('query', entry.query, seen.query);
    check('headers', entry.headers, seen.headers);
    if (entry.body) check('body', entry.body, seen.body);
    else if (seen.body !== undefined) problems.push('body: none expected');
    if (problems.length === 0) return { name: entry.name, problems };
    if (!best || problems.length < best.problems.length) best = { name: entry.name, problems };
  }
  return best!;
}

/** Examples from the documentation pages, used as canned answers. */
export const DOC_EXAMPLES = {
  /** {@link https://developers.mercadolibre.com.ar/en_us/products-receive-notifications} */
  notification: {
    resource: '/orders/2195160686',
    user_id: 468424240,
    topic: 'orders_v2',
    application_id: 5503910054141466,
    attempts: 1,
    sent: '2019-10-30T16:19:20.129Z',
    received: '2019-10-30T16:19:20.106Z',
  },
  /** {@link https://developers.mercadolibre.com.ar/en_us/manage-sales} (order resource). */
  order: {
    id: 2000003508419013,
    status: 'paid',
    status_detail: null,
    date_created: '2013-05-27T10:01:50.000-04:00',
    date_closed: '2013-05-27T10:04:07.000-04:00',
    order_items: [
      {
        item: { id: 'MLB12345678', title: 'Samsung Galaxy', variation_id: null, variation_attributes: [] },
        quantity: 1,
        unit_price: 499,
        currency_id: 'BRL',
      },
    ],
    total_amount: 499,
    currency_id: 'BRL',
    buyer: { id: 123456789, nickname: 'COMPRADORTESTE', first_name: 'Comprador de testes', last_name: 'da Silva' },
    seller: { id: 123456789 },
    payments: [{ id: 596707837, transaction_amount: 499, currency_id: 'BRL', status: 'approved' }],
  },
  /** {@link https://developers.mercadolibre.com.ar/en_us/list-products} (GET /items/MLA1136716168, the fields shown). */
  item: {
    id: 'MLA1136716168',
    site_id: 'MLA',
    title: 'Zapatillas Avid Fof - Test Item',
    seller_id: 1108966308,
    category_id: 'MLA109027',
    official_store_id: null,
    price: 15000,
    base_price: 15000,
    original_price: null,
    currency_id: 'ARS',
    initial_quantity: 2,
    available_quantity: 2,
    sold_quantity: 0,
    sale_terms: [],
    buying_mode: 'buy_it_now',
    listing_type_id: 'gold_pro',
    condition: 'new',
    status: 'active',
    permalink: 'https://articulo.mercadolibre.com.ar/MLA-1136716168-zapatillas-avid-fof-test-item-_JM',
    pictures: [
      {
        id: '963513-MLA49868862376_052022',
        url: 'http://http2.mlstatic.com/D_963513-MLA49868862376_052022-O.jpg',
        secure_url: 'https://http2.mlstatic.com/D_963513-MLA49868862376_052022-O.jpg',
        size: '500x411',
        max_size: '898x739',
        quality: '',
      },
    ],
    attributes: [],
  },
  /** {@link https://developers.mercadolibre.com.ar/es_ar/stock-multi-origen} */
  userProductStock: {
    locations: [
      { type: 'seller_warehouse', network_node_id: '123451', store_id: '9876543', quantity: 15 },
      { type: 'seller_warehouse', network_node_id: '571615', store_id: '9876553', quantity: 25 },
    ],
    user_id: 1234,
    id: 'MLMU123456789',
  },
  /** {@link https://developers.mercadolibre.com.ar/en_us/me1-order-states} */
  me1Shipment: {
    id: 28264263908,
    mode: 'me1',
    created_by: 'receiver',
    order_id: 2339711980,
    order_cost: 99.9,
    base_cost: 22.07,
    site_id: 'MLB',
    status: 'pending',
    substatus: null,
  },
};
