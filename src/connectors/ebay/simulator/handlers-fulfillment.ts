import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { EbayOrder } from '../types.js';
import { ebayError, errorAnswer, jsonAnswer, readJson } from './answers.js';
import type { EbaySimRuntime } from './runtime.js';

const WINDOW_MS = 90 * 86_400_000;
const fulfillmentError = (errorId: number, message: string) =>
  ebayError(errorId, message, { domain: 'API_FULFILLMENT' });

interface Filter {
  creation?: [number, number];
  modified?: [number, number];
  statuses?: Set<string>;
}

/**
 * Parses a getOrders `filter` (`creationdate:[from..to]`, `lastmodifieddate:[from..]`,
 * `orderfulfillmentstatus:{A|B}`, comma separated); `undefined` when it does not parse.
 *
 * @example
 * ```ts
 * parseOrderFilter('lastmodifieddate:[2026-01-01T00:00:00.000Z..]')?.modified; // [1767225600000, Infinity]
 * ```
 */
export function parseOrderFilter(text: string | null): Filter | undefined {
  const filter: Filter = {};
  if (!text) return filter;
  for (const part of text.split(/,(?=\s*[a-z]+:)/)) {
    const range = /^\s*(creationdate|lastmodifieddate):\[(.+?)\.\.(.*?)\]\s*$/.exec(part);
    if (range) {
      const from = Date.parse(range[2]!);
      const to = range[3] ? Date.parse(range[3]) : Number.POSITIVE_INFINITY;
      if (!Number.isFinite(from) || Number.isNaN(to)) return undefined;
      if (range[1] === 'creationdate') filter.creation = [from, to];
      else filter.modified = [from, to];
      continue;
    }
    const status = /^\s*orderfulfillmentstatus:\{([A-Z_|]+)\}\s*$/.exec(part);
    if (!status) return undefined;
    const values = status[1]!.split('|');
    const combination = [...values].sort().join('|');
    if (combination !== 'IN_PROGRESS|NOT_STARTED' && combination !== 'FULFILLED|IN_PROGRESS') return undefined;
    filter.statuses = new Set(values);
  }
  return filter;
}

/** Orders and shipping fulfillments of the Sell Fulfillment API. */
export function fulfillmentHandlers(rt: EbaySimRuntime): HttpHandler[] {
  const base = `${rt.base}/sell/fulfillment/v1/order`;
  const within = (value: string | undefined, range: [number, number] | undefined) =>
    range === undefined || (value !== undefined && Date.parse(value) >= range[0] && Date.parse(value) <= range[1]);
  const touch = (order: EbayOrder) => {
    order.lastModifiedDate = new Date(rt.clock.now()).toISOString();
  };
  return [
    http.get(base, ({ request }) => {
      const refused = rt.gate.check('getOrders', request);
      if (refused) return refused;
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0)
        return errorAnswer(
          400,
          fulfillmentError(30700, 'Invalid pagination values: limit is 1 to 1000, offset 0 or more.'),
        );
      const ids = url.searchParams.get('orderIds');
      let orders = [...rt.state.orders.values()].map((entry) => entry.order);
      if (ids) {
        const wanted = ids.split(',');
        if (wanted.length > 50) return errorAnswer(400, fulfillmentError(30750, 'At most 50 orderIds.'));
        orders = orders.filter((order) => wanted.includes(order.orderId!));
      } else {
        const filter = parseOrderFilter(url.searchParams.get('filter'));
        if (!filter)
          return errorAnswer(400, fulfillmentError(30800, `Invalid filter: ${url.searchParams.get('filter')}.`));
        const oldest = rt.clock.now() - WINDOW_MS;
        // The filter reaches back 90 days; creationdate wins when both dates are given.
        orders = orders.filter(
          (order) =>
            Date.parse(order.creationDate ?? '') >= oldest &&
            (filter.creation
              ? within(order.creationDate, filter.creation)
              : within(order.lastModifiedDate, filter.modified)) &&
            (!filter.statuses || filter.statuses.has(order.orderFulfillmentStatus ?? '')),
        );
      }
      orders.sort(
        (a, b) =>
          Date.parse(b.creationDate ?? '') - Date.parse(a.creationDate ?? '') ||
          (a.orderId ?? '').localeCompare(b.orderId ?? ''),
      );
      const page = orders
        .slice(offset, offset + limit)
        .map((order) => ({ ...order, cancelStatus: { ...order.cancelStatus, cancelRequests: [] } }));
      const link = (at: number) => {
        const next = new URL(url);
        next.searchParams.set('limit', String(limit));
        next.searchParams.set('offset', String(at));
        return next.toString();
      };
      return jsonAnswer({
        href: link(offset),
        limit,
        offset,
        total: orders.length,
        orders: page,
        warnings: [],
        ...(offset + limit < orders.length ? { next: link(offset + limit) } : {}),
        ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
      });
    }),
    http.get(`${base}/:orderId`, ({ request, params }) => {
      const refused = rt.gate.check('getOrder', request);
      if (refused) return refused;
      const entry = rt.state.orders.get(String(params.orderId));
      return entry
        ? jsonAnswer(entry.order)
        : errorAnswer(404, fulfillmentError(32100, `Invalid order ID: ${String(params.orderId)}.`));
    }),
    http.get(`${base}/:orderId/shipping_fulfillment`, ({ request, params }) => {
      const refused = rt.gate.check('getShippingFulfillments', request);
      if (refused) return refused;
      const entry = rt.state.orders.get(String(params.orderId));
      if (!entry) return errorAnswer(404, fulfillmentError(32100, `Invalid order ID: ${String(params.orderId)}.`));
      return jsonAnswer({ fulfillments: entry.fulfillments, total: entry.fulfillments.length, warnings: [] });
    }),
    http.post(`${base}/:orderId/shipping_fulfillment`, async ({ request, params }) => {
      const refused = rt.gate.check('createShippingFulfillment', request);
      if (refused) return refused;
      const entry = rt.state.orders.get(String(params.orderId));
      if (!entry) return errorAnswer(404, fulfillmentError(32100, `Invalid order ID: ${String(params.orderId)}.`));
      const body = await readJson<{
        lineItems?: { lineItemId?: string }[];
        shippedDate?: string;
        shippingCarrierCode?: string;
        trackingNumber?: string;
      }>(request);
      const { order } = entry;
      if (order.cancelStatus?.cancelState === 'CANCELED')
        return errorAnswer(400, fulfillmentError(32400, 'The order is cancelled; it cannot be shipped.'));
      const wanted = body?.lineItems ?? [];
      if (wanted.length === 0) return errorAnswer(400, fulfillmentError(32210, 'lineItems is required.'));
      if (!body?.trackingNumber || !body.shippingCarrierCode)
        return errorAnswer(400, fulfillmentError(32600, 'trackingNumber and shippingCarrierCode are required.'));
      for (const line of wanted) {
        const found = order.lineItems?.find((candidate) => candidate.lineItemId === line.lineItemId);
        if (!found) return errorAnswer(400, fulfillmentError(32200, `Invalid line item ID: ${line.lineItemId}.`));
        if (found.lineItemFulfillmentStatus === 'FULFILLED')
          return errorAnswer(400, fulfillmentError(32210, `Line item ${line.lineItemId} is already fulfilled.`));
      }
      const fulfillmentId = body.trackingNumber;
      for (const line of order.lineItems ?? [])
        if (wanted.some((w) => w.lineItemId === line.lineItemId)) line.lineItemFulfillmentStatus = 'FULFILLED';
      const all = (order.lineItems ?? []).every((line) => line.lineItemFulfillmentStatus === 'FULFILLED');
      order.orderFulfillmentStatus = all ? 'FULFILLED' : 'IN_PROGRESS';
      touch(order);
      entry.fulfillments.push({
        fulfillmentId,
        lineItems: wanted.map((line) => ({ lineItemId: line.lineItemId! })),
        shipmentTrackingNumber: body.trackingNumber,
        shippingCarrierCode: body.shippingCarrierCode,
        shippedDate: body.shippedDate ?? new Date(rt.clock.now()).toISOString(),
      });
      order.fulfillmentHrefs = [
        ...(order.fulfillmentHrefs ?? []),
        `${base}/${encodeURIComponent(order.orderId!)}/shipping_fulfillment/${fulfillmentId}`,
      ];
      return jsonAnswer({}, 201, {
        location: `${base}/${encodeURIComponent(order.orderId!)}/shipping_fulfillment/${fulfillmentId}`,
      });
    }),
  ];
}
