import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { EBAY_ORDERS_WINDOW_MS } from '../../../src/connectors/ebay/index.js';
import { NotFoundError } from '../../../src/core/errors/not-found-error.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import type { Order } from '../../../src/model/order.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const DAY = 86_400_000;
const line = (sku: string, quantity = 1) => ({ sku, quantity, unitPrice: money(999, 'USD') });

async function collect(orders: AsyncIterable<Order>): Promise<Order[]> {
  const out: Order[] = [];
  for await (const order of orders) out.push(order);
  return out;
}

describe('eBay orders (Sell Fulfillment API)', () => {
  it('lists orders changed since a time, page by page, with exact money; eBay’s filter reaches back 90 days', async () => {
    const { ebay, simulator, clock } = setup(server);
    const now = clock.now();
    const old = simulator.addOrder({ lines: [line('A')], createdAt: new Date(now - 100 * DAY).toISOString() });
    const ids = Array.from({ length: 7 }, (_, i) =>
      simulator.addOrder({
        lines: [line('A', i + 1)],
        createdAt: new Date(now - i * DAY).toISOString(),
        shipping: money(450, 'USD'),
      }),
    );
    const all = await collect(ebay.listOrders({ pageSize: 3 }));
    expect(all.map((order) => order.id).sort()).toEqual([...ids].sort());
    expect(all.some((order) => order.id === old)).toBe(false);
    expect(simulator.stats().operations.getOrders?.calls).toBe(3);
    expect(all.find((order) => order.id === ids[2])).toMatchObject({
      totals: { subtotal: { amountMinor: 2997 }, shipping: { amountMinor: 450 }, total: { amountMinor: 3447 } },
      lineItems: [{ quantity: 3, unitPrice: { amountMinor: 999 } }],
    });
    const recent = await collect(ebay.listOrders({ since: new Date(now - 2.5 * DAY).toISOString() }));
    expect(recent.map((order) => order.id).sort()).toEqual(ids.slice(0, 3).sort());
    await expect(
      collect(ebay.listOrders({ since: new Date(now - EBAY_ORDERS_WINDOW_MS - 1000).toISOString() })),
    ).rejects.toThrow(/reaches back 90 days/);
    await expect(collect(ebay.listOrders({ since: 'yesterday' }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('narrows by status with eBay’s fulfillment filter and matches exactly after mapping', async () => {
    const { ebay, simulator, clock } = setup(server);
    const open = simulator.addOrder({ lines: [line('A')] });
    const shipped = simulator.addOrder({ lines: [line('B')] });
    const cancelled = simulator.addOrder({ lines: [line('C')] });
    await ebay.confirmShipment([
      { orderId: shipped, carrier: 'UPS', trackingNumber: '1Z999', shippedAt: new Date(clock.now()).toISOString() },
    ]);
    await ebay.cancelOrder([{ orderId: cancelled, reason: 'address_issue' }]);
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const filter = new URL(request.url).searchParams.get('filter');
      if (filter) seen.push(filter);
    });
    expect((await collect(ebay.listOrders({ status: ['unshipped'] }))).map((order) => order.id)).toEqual([open]);
    expect((await collect(ebay.listOrders({ status: ['shipped'] }))).map((order) => order.id)).toEqual([shipped]);
    expect((await collect(ebay.listOrders({ status: ['cancelled'] }))).map((order) => order.id)).toEqual([cancelled]);
    server.events.removeAllListeners();
    expect(seen.map((filter) => filter.split(',').slice(1).join(','))).toEqual([
      'orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}',
      'orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}',
      '',
    ]);
  });

  it('reads one order, or says it does not exist', async () => {
    const { ebay, simulator } = setup(server);
    const id = simulator.addOrder({
      lines: [line('A', 2)],
      buyer: { name: 'Ann Buyer', email: 'ann@example.com' },
      shipTo: { line1: '1 Main St', city: 'Springfield', countryCode: 'US', postalCode: '12345' },
    });
    expect(await ebay.getOrder(id)).toMatchObject({
      id,
      status: 'unshipped',
      buyer: { name: 'Ann Buyer', email: 'ann@example.com' },
      shippingAddress: { line1: '1 Main St', countryCode: 'US' },
    });
    await expect(ebay.getOrder('00-00000-00000')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('eBay shipments', () => {
  it('ships every open line with tracking, one package per shipment, and refuses quantities eBay cannot express', async () => {
    const { ebay, simulator, clock } = setup(server);
    const id = simulator.addOrder({ lines: [line('A', 2), line('B', 1)] });
    const lines = simulator.state.orders.get(id)!.order.lineItems!.map((entry) => entry.lineItemId!);
    const shippedAt = new Date(clock.now()).toISOString();
    const partial = await ebay.confirmShipment([
      {
        orderId: id,
        lineItems: [{ lineItemId: lines[0]!, quantity: 1 }],
        carrier: 'USPS',
        trackingNumber: 'T1',
        shippedAt,
      },
      {
        orderId: id,
        lineItems: [{ lineItemId: 'nope', quantity: 1 }],
        carrier: 'USPS',
        trackingNumber: 'T2',
        shippedAt,
      },
    ]);
    expect(partial.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'validation_failed',
      'validation_failed',
    ]);
    const first = await ebay.confirmShipment([
      {
        orderId: id,
        lineItems: [{ lineItemId: lines[0]!, quantity: 2 }],
        carrier: 'USPS',
        trackingNumber: 'T1',
        shippedAt,
      },
    ]);
    expect(first.items[0]).toMatchObject({ ok: true, value: { id: 'T1' } });
    expect((await ebay.getOrder(id)).status).toBe('partially_shipped');
    const rest = await ebay.confirmShipment([{ orderId: id, carrier: 'USPS', trackingNumber: 'T3', shippedAt }]);
    expect(rest.items[0]).toMatchObject({ ok: true, value: { lineItems: [{ lineItemId: lines[1], quantity: 1 }] } });
    expect((await ebay.getOrder(id)).status).toBe('shipped');
    const none = await ebay.confirmShipment([{ orderId: id, carrier: 'USPS', trackingNumber: 'T4', shippedAt }]);
    expect(!none.items[0]!.ok && none.items[0]!.error.code).toBe('conflict');
    expect(simulator.state.orders.get(id)!.fulfillments.map((f) => f.shipmentTrackingNumber)).toEqual(['T1', 'T3']);
  });

  it('never ships a package twice when an answer is lost: the ledger reads the fulfillments back', async () => {
    const { ebay, simulator, clock } = setup(server);
    const id = simulator.addOrder({ lines: [line('A')] });
    let lost = 0;
    server.use(
      http.post('https://api.ebay.com/sell/fulfillment/v1/order/:orderId/shipping_fulfillment', async ({ request }) => {
        await simulator.fetch(request);
        lost++;
        return HttpResponse.json({ errors: [{ errorId: 0, message: 'upstream timeout' }] }, { status: 504 });
      }),
    );
    const shipment = {
      orderId: id,
      carrier: 'USPS',
      trackingNumber: 'T9',
      shippedAt: new Date(clock.now()).toISOString(),
    };
    const result = await ebay.confirmShipment([shipment]);
    expect(result.items[0]).toMatchObject({ ok: true, value: { id: 'T9' } });
    expect(lost).toBe(1);
    expect(simulator.stats().operations.getShippingFulfillments?.calls).toBe(1);
    // The same shipment again is answered from the ledger, without a call.
    server.resetHandlers(...simulator.handlers);
    const calls = simulator.stats().operations.createShippingFulfillment?.calls;
    expect((await ebay.confirmShipment([shipment])).succeeded).toBe(1);
    expect(simulator.stats().operations.createShippingFulfillment?.calls).toBe(calls);
    expect(simulator.state.orders.get(id)!.fulfillments).toHaveLength(1);
  });
});

describe('eBay cancellations (Post-Order API)', () => {
  it('cancels whole orders with a reason the caller chose; refuses line cancels and the silent default up front', async () => {
    const { ebay, simulator } = setup(server);
    const id = simulator.addOrder({ lines: [line('A', 2)] });
    await expect(ebay.cancelOrder([{ orderId: id }])).rejects.toThrow(/Say why the order is cancelled/);
    await expect(
      ebay.cancelOrder([{ orderId: id, reason: 'buyer_request', lineItems: [{ lineItemId: 'x', quantity: 1 }] }]),
    ).rejects.toThrow(/whole orders only/);
    expect(simulator.stats().calls).toBe(0);
    const result = await ebay.cancelOrder([
      { orderId: id, reason: 'buyer_request' },
      { orderId: 'nope', reason: 'out_of_stock' },
    ]);
    expect(result.items[0]).toMatchObject({
      ok: true,
      value: { id, status: 'cancelled', lineItems: [{ quantityCancelled: 2 }] },
    });
    expect(!result.items[1]!.ok && result.items[1]!.error.code).toBe('not_found');
    const cancelRequests = simulator.state.orders.get(id)!.order.cancelStatus?.cancelRequests as {
      cancelReason?: string;
    }[];
    expect(cancelRequests[0]?.cancelReason).toBe('BUYER_ASKED_CANCEL');
    // Cancelling a cancelled order again answers the order as it is, without a call.
    expect((await ebay.cancelOrder([{ orderId: id, reason: 'buyer_request' }])).succeeded).toBe(1);
    expect(simulator.stats().operations.createCancellation?.calls).toBe(1);
  });

  it('refuses what eBay refuses per item: a shipped order', async () => {
    const { ebay, simulator, clock } = setup(server);
    const id = simulator.addOrder({ lines: [line('A')] });
    await ebay.confirmShipment([
      { orderId: id, carrier: 'USPS', trackingNumber: 'T1', shippedAt: new Date(clock.now()).toISOString() },
    ]);
    const result = await ebay.cancelOrder([{ orderId: id, reason: 'out_of_stock' }]);
    expect(!result.items[0]!.ok && result.items[0]!.error.message).toMatch(
      /not eligible for cancellation: ORDER_SHIPPED/,
    );
  });
});
