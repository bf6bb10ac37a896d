// The Retailer API v10 contract's rules on request bodies, as bol.com enforces them before it
// accepts a write (answering 400 with one violation per field). Written from the OpenAPI
// document's constraints, independently of the connector's own checks.

/** One violation: the field (dot and bracket path) and why. */
export type Violation = { name: string; reason: string };

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

const CONDITIONS = ['NEW', 'AS_NEW', 'GOOD', 'REASONABLE', 'MODERATE'];
const DELIVERY = [
  '24uurs-23',
  '24uurs-22',
  '24uurs-21',
  '24uurs-20',
  '24uurs-19',
  '24uurs-18',
  '24uurs-17',
  '24uurs-16',
  '24uurs-15',
  '24uurs-14',
  '24uurs-13',
  '24uurs-12',
  '1-2d',
  '2-3d',
  '3-5d',
  '4-8d',
  '1-8d',
  'MijnLeverbelofte',
  'VVB',
];
const REASONS = [
  'OUT_OF_STOCK',
  'REQUESTED_BY_CUSTOMER',
  'BAD_CONDITION',
  'HIGHER_SHIPCOST',
  'INCORRECT_PRICE',
  'NOT_AVAIL_IN_TIME',
  'NO_BOL_GUARANTEE',
  'ORDERED_TWICE',
  'RETAIN_ITEM',
  'TECH_ISSUE',
  'UNFINDABLE_ITEM',
  'OTHER',
];
const RESOURCES = [
  'PROCESS_STATUS',
  'SHIPMENT',
  'PRICE_STAR_BOUNDARY',
  'COMPETING_OFFER',
  'OFFER_FOR_SALE',
  'OFFER_NOT_FOR_SALE',
  'ORDER',
];

/** `amount` 0–999 and `managedByRetailer`. */
export function stockViolations(body: unknown, prefix = ''): Violation[] {
  if (!isObject(body)) return [{ name: prefix || 'body', reason: 'Request body is required.' }];
  const out: Violation[] = [];
  if (!isInt(body.amount)) out.push({ name: `${prefix}amount`, reason: 'Must be a whole number.' });
  else if (body.amount < 0) out.push({ name: `${prefix}amount`, reason: 'Must be greater than or equal to 0.' });
  else if (body.amount > 999) out.push({ name: `${prefix}amount`, reason: 'Must be less than or equal to 999.' });
  if (typeof body.managedByRetailer !== 'boolean')
    out.push({ name: `${prefix}managedByRetailer`, reason: 'Must not be null.' });
  return out;
}

/** 1–4 bundle prices, quantity 1 present, quantities 1–24 increasing, unit prices 1–9999 with two decimals, decreasing. */
export function pricingViolations(pricing: unknown, prefix = 'pricing'): Violation[] {
  if (!isObject(pricing) || !Array.isArray(pricing.bundlePrices))
    return [{ name: `${prefix}.bundlePrices`, reason: 'Must not be null.' }];
  const prices = pricing.bundlePrices as unknown[];
  const out: Violation[] = [];
  if (prices.length < 1 || prices.length > 4)
    out.push({ name: `${prefix}.bundlePrices`, reason: 'Size must be between 1 and 4.' });
  let previous: { quantity: number; price: number } | undefined;
  prices.forEach((entry, index) => {
    const name = `${prefix}.bundlePrices[${index}]`;
    if (!isObject(entry)) {
      out.push({ name, reason: 'Must be an object.' });
      return;
    }
    const { quantity, unitPrice } = entry;
    if (!isInt(quantity) || quantity < 1 || quantity > 24)
      out.push({ name: `${name}.quantity`, reason: 'Must be between 1 and 24.' });
    if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice) || unitPrice < 1 || unitPrice > 9999)
      out.push({ name: `${name}.unitPrice`, reason: 'Must be between 1 and 9999.' });
    else if (!/^\d+(\.\d{1,2})?$/.test(String(unitPrice)))
      out.push({ name: `${name}.unitPrice`, reason: 'Must have at most 2 decimals.' });
    if (isInt(quantity) && typeof unitPrice === 'number') {
      if (previous && quantity <= previous.quantity)
        out.push({ name: `${name}.quantity`, reason: 'Quantities must be in increasing order.' });
      if (previous && unitPrice >= previous.price)
        out.push({ name: `${name}.unitPrice`, reason: 'Prices must be in decreasing order.' });
      previous = { quantity, price: unitPrice };
    }
  });
  if (!prices.some((entry) => isObject(entry) && entry.quantity === 1))
    out.push({ name: `${prefix}.bundlePrices`, reason: 'A price for quantity 1 is required.' });
  return out;
}

function fulfilmentViolations(fulfilment: unknown): Violation[] {
  if (!isObject(fulfilment)) return [{ name: 'fulfilment', reason: 'Must not be null.' }];
  const out: Violation[] = [];
  if (fulfilment.method !== 'FBR' && fulfilment.method !== 'FBB')
    out.push({
      name: 'fulfilment.method',
      reason: `Request contains invalid value(s): '${String(fulfilment.method)}', allowed values: FBR, FBB.`,
    });
  if (fulfilment.deliveryCode !== undefined && !DELIVERY.includes(String(fulfilment.deliveryCode)))
    out.push({
      name: 'fulfilment.deliveryCode',
      reason: `Request contains invalid value(s): '${String(fulfilment.deliveryCode)}'.`,
    });
  return out;
}

function referenceViolations(body: Body): Violation[] {
  const out: Violation[] = [];
  if (body.reference !== undefined && (typeof body.reference !== 'string' || body.reference.length > 100))
    out.push({ name: 'reference', reason: 'Size must be between 0 and 100.' });
  if (
    body.unknownProductTitle !== undefined &&
    (typeof body.unknownProductTitle !== 'string' || body.unknownProductTitle.length > 500)
  )
    out.push({ name: 'unknownProductTitle', reason: 'Size must be between 0 and 500.' });
  if (body.onHoldByRetailer !== undefined && typeof body.onHoldByRetailer !== 'boolean')
    out.push({ name: 'onHoldByRetailer', reason: 'Must be a boolean.' });
  return out;
}

/** `POST /offers`. */
export function createOfferViolations(body: unknown): Violation[] {
  if (!isObject(body)) return [{ name: 'body', reason: 'Request body is required.' }];
  const out: Violation[] = [];
  if (typeof body.ean !== 'string' || !/^\d{8,14}$|^\d{9}[\dX]$/.test(body.ean))
    out.push({ name: 'ean', reason: 'Must be a valid EAN.' });
  const condition = body.condition;
  if (!isObject(condition) || !CONDITIONS.includes(String(condition.name)))
    out.push({ name: 'condition.name', reason: `Allowed values: ${CONDITIONS.join(', ')}.` });
  else if (condition.comment !== undefined && (condition.name === 'NEW' || String(condition.comment).length > 2000))
    out.push({
      name: 'condition.comment',
      reason: 'Only allowed for second-hand conditions, at most 2000 characters.',
    });
  out.push(
    ...pricingViolations(body.pricing),
    ...stockViolations(body.stock, 'stock.'),
    ...fulfilmentViolations(body.fulfilment),
    ...referenceViolations(body),
  );
  return out;
}

/** `PUT /offers/{id}`. */
export function updateOfferViolations(body: unknown): Violation[] {
  if (!isObject(body)) return [{ name: 'body', reason: 'Request body is required.' }];
  return [...fulfilmentViolations(body.fulfilment), ...referenceViolations(body)];
}

/** `PUT /orders/cancellation`: exactly one order item with a reason code. */
export function cancellationViolations(body: unknown): Violation[] {
  if (!isObject(body) || !Array.isArray(body.orderItems)) return [{ name: 'orderItems', reason: 'Must not be null.' }];
  const out: Violation[] = [];
  if (body.orderItems.length !== 1) out.push({ name: 'orderItems', reason: 'Size must be between 1 and 1.' });
  (body.orderItems as unknown[]).forEach((item, index) => {
    if (!isObject(item) || typeof item.orderItemId !== 'string' || item.orderItemId === '')
      out.push({ name: `orderItems[${index}].orderItemId`, reason: 'Must not be blank.' });
    if (!isObject(item) || !REASONS.includes(String(item.reasonCode)))
      out.push({ name: `orderItems[${index}].reasonCode`, reason: `Allowed values: ${REASONS.join(', ')}.` });
  });
  return out;
}

/** `POST /shipments`: 1–100 order items, transport with a transporter code. */
export function shipmentViolations(body: unknown): Violation[] {
  if (!isObject(body) || !Array.isArray(body.orderItems)) return [{ name: 'orderItems', reason: 'Must not be null.' }];
  const out: Violation[] = [];
  if (body.orderItems.length < 1 || body.orderItems.length > 100)
    out.push({ name: 'orderItems', reason: 'Size must be between 1 and 100.' });
  (body.orderItems as unknown[]).forEach((item, index) => {
    if (!isObject(item) || typeof item.orderItemId !== 'string' || item.orderItemId === '')
      out.push({ name: `orderItems[${index}].orderItemId`, reason: 'Must not be blank.' });
    else if (item.quantity !== undefined && (!isInt(item.quantity) || item.quantity < 1))
      out.push({ name: `orderItems[${index}].quantity`, reason: 'Must be a positive whole number.' });
  });
  if (
    body.transport !== undefined &&
    (!isObject(body.transport) ||
      typeof body.transport.transporterCode !== 'string' ||
      body.transport.transporterCode === '')
  )
    out.push({ name: 'transport.transporterCode', reason: 'Must not be null.' });
  if (
    body.shipmentReference !== undefined &&
    (typeof body.shipmentReference !== 'string' || body.shipmentReference.length > 90)
  )
    out.push({ name: 'shipmentReference', reason: 'Size must be between 0 and 90.' });
  return out;
}

/** `POST /subscriptions` and `PUT /subscriptions/{id}`. */
export function subscriptionViolations(body: unknown): Violation[] {
  if (!isObject(body)) return [{ name: 'body', reason: 'Request body is required.' }];
  const out: Violation[] = [];
  if (
    !Array.isArray(body.resources) ||
    body.resources.length === 0 ||
    body.resources.some((resource) => !RESOURCES.includes(String(resource)))
  )
    out.push({ name: 'resources', reason: `Allowed values: ${RESOURCES.join(', ')}.` });
  if (!['WEBHOOK', 'GCP_PUBSUB', 'AWS_SQS'].includes(String(body.subscriptionType)))
    out.push({ name: 'subscriptionType', reason: 'Allowed values: WEBHOOK, GCP_PUBSUB, AWS_SQS.' });
  if (typeof body.url !== 'string' || body.url === '') out.push({ name: 'url', reason: 'Must not be blank.' });
  else if (body.subscriptionType === 'WEBHOOK' && !body.url.startsWith('https://'))
    out.push({ name: 'url', reason: 'Webhook URLs must use https.' });
  if (body.subscriptionType === 'AWS_SQS' && typeof body.identity !== 'string')
    out.push({ name: 'identity', reason: 'Required for AWS_SQS.' });
  return out;
}

/** `POST /shared/process-status`: 1–1000 ids. */
export function bulkStatusViolations(body: unknown): Violation[] {
  if (!isObject(body) || !Array.isArray(body.processStatusQueries))
    return [{ name: 'processStatusQueries', reason: 'Must not be null.' }];
  const queries = body.processStatusQueries as unknown[];
  const out: Violation[] = [];
  if (queries.length < 1 || queries.length > 1000)
    out.push({ name: 'processStatusQueries', reason: 'Size must be between 1 and 1000.' });
  queries.forEach((query, index) => {
    if (!isObject(query) || typeof query.processStatusId !== 'string')
      out.push({ name: `processStatusQueries[${index}].processStatusId`, reason: 'Must not be null.' });
  });
  return out;
}
