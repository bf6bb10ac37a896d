import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../src/core/errors/validation-error.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function shop() {
  const h = setup({
    server,
    simulator: {
      windows: { 'orders-read': { limit: 100, windowMs: 60_000 }, 'orders-list': { limit: 20, windowMs: 60_000 } },
    },
  });
  const mug = h.simulator.addOffer({ ean: '8712626055143', price: 12.99, stock: 50, reference: 'MUG-1' });
  const lamp = h.simulator.addOffer({ ean: '8712626055150', price: 39.95, stock: 50 });
  return { h, mug, lamp };
}

describe('bol.com orders', () => {
  it('pages open orders 50 at a time and reads each with its items in exact money', async () => {
    const { h, mug, lamp } = shop();
    for (let i = 0; i < 53; i++)
      h.simulator.addOrder({
        items: [
          { offerId: mug.offerId, quantity: 1 + (i % 3) },
          { offerId: lamp.offerId, quantity: 1 },
        ],
      });
    const orders = await h.run(() => all(h.bol.listOrders()));
    expect(orders).toHaveLength(53);
    expect(h.simulator.stats().groups['orders-list']?.requests).toBe(2);
    expect(orders[2]).toMatchObject({
      marketplace: 'bol',
      status: 'unshipped',
      currency: 'EUR',
      lineItems: [
        { sku: mug.ean, quantity: 3, unitPrice: { amountMinor: 1299 } },
        { sku: lamp.ean, unitPrice: { amountMinor: 3995 } },
      ],
      totals: { total: { amountMinor: 3 * 1299 + 3995 } },
    });
  });

  it('skips orders unchanged since `since` and can list shipped ones', async () => {
    const { h, mug } = shop();
    const old = h.simulator.addOrder({ items: [{ offerId: mug.offerId, quantity: 1 }] });
    await h.clock.advance(3_600_000);
    const since = new Date(h.clock.now()).toISOString();
    const fresh = h.simulator.addOrder({ items: [{ offerId: mug.offerId, quantity: 1 }] });
    expect((await h.run(() => all(h.bol.listOrders({ since })))).map((order) => order.id)).toEqual([fresh.orderId]);
    await h.run(() =>
      h.bol.confirmShipment([{ orderId: old.orderId, carrier: 'DHL', trackingNumber: 'JD0001', shippedAt: since }]),
    );
    expect((await h.run(() => all(h.bol.listOrders({ status: ['shipped'] })))).map((order) => order.id)).toEqual([
      old.orderId,
    ]);
  });

  it('ships open items with the transporter code and track-and-trace, refusing more than is open', async () => {
    const { h, mug, lamp } = shop();
    const order = h.simulator.addOrder({
      items: [
        { offerId: mug.offerId, quantity: 2 },
        { offerId: lamp.offerId, quantity: 1 },
      ],
    });
    const [mugItem, lampItem] = order.orderItems;
    const shippedAt = new Date(h.clock.now()).toISOString();
    const sent: unknown[] = [];
    h.bol.context.events.on('request', (event) => void (event.operation === 'createShipment' && sent.push(event)));
    const result = await h.run(() =>
      h.bol.confirmShipment([
        {
          orderId: order.orderId,
          lineItems: [{ lineItemId: mugItem!.orderItemId, quantity: 3 }],
          carrier: 'PostNL',
          trackingNumber: '3SBOL1',
          shippedAt,
        },
        {
          orderId: order.orderId,
          lineItems: [{ lineItemId: mugItem!.orderItemId, quantity: 1 }],
          carrier: 'PostNL',
          trackingNumber: '3SBOL2',
          shippedAt,
        },
      ]),
    );
    expect(result.items.map((item) => item.ok)).toEqual([false, true]);
    expect((result.items[0] as unknown as { error: ValidationError }).error.issues[0]!.message).toMatch(
      /2 unit\(s\) open; cannot ship 3/,
    );
    expect(sent).toHaveLength(1);
    const rest = await h.run(() =>
      h.bol.confirmShipment([{ orderId: order.orderId, carrier: 'DPD', trackingNumber: '0987', shippedAt }]),
    );
    expect(rest.failed).toBe(0);
    const stored = h.simulator.state.orders.get(order.orderId)!;
    expect(stored.orderItems.map((item) => item.quantityShipped)).toEqual([2, 1]);
    expect((await h.run(() => h.bol.getOrder(order.orderId))).status).toBe('shipped');
    expect(lampItem).toBeDefined();
  });

  it('reports a shipment bol.com refuses when it processes it (item already handled)', async () => {
    const { h, mug } = shop();
    const order = h.simulator.addOrder({ items: [{ offerId: mug.offerId, quantity: 1 }] });
    const shippedAt = new Date(h.clock.now()).toISOString();
    const line = [{ lineItemId: order.orderItems[0]!.orderItemId, quantity: 1 }];
    // Two shipments of the same unit in one batch: both pass the read of the order; bol.com refuses the second.
    const result = await h.run(() =>
      h.bol.confirmShipment([
        { orderId: order.orderId, lineItems: line, carrier: 'TNT', trackingNumber: 'A', shippedAt },
        { orderId: order.orderId, lineItems: line, carrier: 'TNT', trackingNumber: 'B', shippedAt },
      ]),
    );
    expect(result.items.map((item) => item.ok)).toEqual([true, false]);
    expect(!result.items[1]!.ok && result.items[1]!.error.message).toMatch(/0 unit\(s\) left to ship/);
  });

  it('cancels open items with a reason code, one request per item', async () => {
    const { h, mug, lamp } = shop();
    const order = h.simulator.addOrder({
      items: [
        { offerId: mug.offerId, quantity: 2 },
        { offerId: lamp.offerId, quantity: 1 },
      ],
    });
    const refused = await h.run(() =>
      h.bol.cancelOrder([
        { orderId: order.orderId, reason: 'because' },
        {
          orderId: order.orderId,
          lineItems: [{ lineItemId: order.orderItems[0]!.orderItemId, quantity: 1 }],
          reason: 'out_of_stock',
        },
      ]),
    );
    expect(refused.items.map((item) => item.ok)).toEqual([false, false]);
    expect(h.simulator.stats().groups['orders-write']).toBeUndefined();
    const result = await h.run(() => h.bol.cancelOrder([{ orderId: order.orderId, reason: 'buyer_request' }]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(h.simulator.stats().groups['orders-write']?.requests).toBe(2);
    expect(h.simulator.state.orders.get(order.orderId)!.orderItems.map((item) => item.quantityCancelled)).toEqual([
      2, 1,
    ]);
  });
});
