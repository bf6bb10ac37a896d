import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** Orders v0: paging with NextToken, items, buyer info and address behind a Restricted Data Token, shipment confirmation. */
export function orderHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const base = `${rt.base}/orders/v0/orders`;
  const find = (id: unknown) => rt.state.orders.get(String(id));
  const notFound = (id: unknown) => rt.error(404, 'InvalidInput', `Order ${String(id)} not found.`);
  return [
    http.get(base, ({ request }) => {
      const denied = rt.gate('getOrders', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const next = url.searchParams.get('NextToken');
      let filter: {
        after: string;
        field: 'PurchaseDate' | 'LastUpdateDate';
        statuses: string[];
        size: number;
        offset: number;
      };
      if (next) {
        try {
          filter = JSON.parse(atob(next)) as typeof filter;
        } catch {
          return rt.error(400, 'InvalidInput', 'Invalid NextToken.');
        }
      } else {
        if (!url.searchParams.get('MarketplaceIds'))
          return rt.error(400, 'InvalidInput', 'MarketplaceIds is required.');
        const created = url.searchParams.get('CreatedAfter');
        const updated = url.searchParams.get('LastUpdatedAfter');
        if (!created && !updated)
          return rt.error(400, 'InvalidInput', 'Either CreatedAfter or LastUpdatedAfter must be given.');
        filter = {
          after: (created ?? updated)!,
          field: created ? 'PurchaseDate' : 'LastUpdateDate',
          statuses: url.searchParams.get('OrderStatuses')?.split(',') ?? [],
          size: Math.min(100, Number(url.searchParams.get('MaxResultsPerPage') ?? 100)),
          offset: 0,
        };
      }
      const matching = [...rt.state.orders.values()]
        .map((entry) => entry.order)
        .filter(
          (order) =>
            Date.parse(String(order[filter.field])) >= Date.parse(filter.after) &&
            (filter.statuses.length === 0 || filter.statuses.includes(order.OrderStatus)),
        )
        .sort((a, b) => String(a[filter.field]).localeCompare(String(b[filter.field])));
      const page = matching.slice(filter.offset, filter.offset + filter.size);
      const more = filter.offset + filter.size < matching.length;
      return rt.json('getOrders', {
        payload: {
          Orders: page,
          ...(more ? { NextToken: btoa(JSON.stringify({ ...filter, offset: filter.offset + filter.size })) } : {}),
          CreatedBefore: new Date(rt.clock.now()).toISOString(),
        },
      });
    }),
    http.get(`${base}/:orderId`, ({ request, params }) => {
      const denied = rt.gate('getOrder', request);
      if (denied) return denied;
      const entry = find(params.orderId);
      return entry ? rt.json('getOrder', { payload: entry.order }) : notFound(params.orderId);
    }),
    http.get(`${base}/:orderId/orderItems`, ({ request, params }) => {
      const denied = rt.gate('getOrderItems', request);
      if (denied) return denied;
      const entry = find(params.orderId);
      if (!entry) return notFound(params.orderId);
      // Two items a page, so that NextToken paging of items is exercised too.
      const offset = Number(new URL(request.url).searchParams.get('NextToken') ?? 0);
      const page = entry.items.slice(offset, offset + 2);
      return rt.json('getOrderItems', {
        payload: {
          AmazonOrderId: entry.order.AmazonOrderId,
          OrderItems: page,
          ...(offset + 2 < entry.items.length ? { NextToken: String(offset + 2) } : {}),
        },
      });
    }),
    http.get(`${base}/:orderId/buyerInfo`, ({ request, params }) => {
      const denied = rt.gate('getOrderBuyerInfo', request, { restricted: true });
      if (denied) return denied;
      const entry = find(params.orderId);
      return entry
        ? rt.json('getOrderBuyerInfo', { payload: { AmazonOrderId: entry.order.AmazonOrderId, ...entry.buyer } })
        : notFound(params.orderId);
    }),
    http.get(`${base}/:orderId/address`, ({ request, params }) => {
      const denied = rt.gate('getOrderAddress', request, { restricted: true });
      if (denied) return denied;
      const entry = find(params.orderId);
      return entry
        ? rt.json('getOrderAddress', {
            payload: {
              AmazonOrderId: entry.order.AmazonOrderId,
              ...(entry.address ? { ShippingAddress: entry.address } : {}),
            },
          })
        : notFound(params.orderId);
    }),
    http.post(`${base}/:orderId/shipmentConfirmation`, async ({ request, params }) => {
      const denied = rt.gate('confirmShipment', request);
      if (denied) return denied;
      const entry = find(params.orderId);
      if (!entry) return notFound(params.orderId);
      const body = (await request.json().catch(() => ({}))) as {
        packageDetail?: {
          orderItems?: { orderItemId: string; quantity: number }[];
          trackingNumber?: string;
          carrierCode?: string;
        };
        marketplaceId?: string;
      };
      if (
        !body.marketplaceId ||
        !body.packageDetail?.trackingNumber ||
        !body.packageDetail.carrierCode ||
        !body.packageDetail.orderItems?.length
      ) {
        return rt.error(
          400,
          'InvalidInput',
          'marketplaceId and packageDetail (carrierCode, trackingNumber, orderItems) are required.',
        );
      }
      for (const line of body.packageDetail.orderItems) {
        const item = entry.items.find((candidate) => candidate.OrderItemId === line.orderItemId);
        if (!item)
          return rt.error(
            400,
            'InvalidInput',
            `Order item ${line.orderItemId} is not in order ${entry.order.AmazonOrderId}.`,
          );
        item.QuantityShipped = Number(item.QuantityShipped ?? 0) + line.quantity;
      }
      entry.shipments.push(body.packageDetail);
      const shippedAll = entry.items.every((item) => Number(item.QuantityShipped ?? 0) >= item.QuantityOrdered);
      entry.order = {
        ...entry.order,
        OrderStatus: shippedAll ? 'Shipped' : 'PartiallyShipped',
        LastUpdateDate: new Date(rt.clock.now()).toISOString(),
      };
      return new HttpResponse(null, { status: 204, headers: { 'x-amzn-RateLimit-Limit': '2' } });
    }),
  ];
}
