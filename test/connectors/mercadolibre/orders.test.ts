import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('orders', () => {
  it('pages through every order updated since a time, cancelled ones included, oldest first', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 1999.9, quantity: 1000, sku: 'MUG-1' });
    const placed = [];
    for (let i = 0; i < 120; i++) {
      placed.push(
        simulator.catalog.placeOrder({ itemId: item.id, quantity: 2, status: i % 10 === 0 ? 'cancelled' : 'paid' }),
      );
      await clock.advance(60_000);
    }
    const since = new Date(Date.parse(placed[20]!.date_created)).toISOString();
    const orders = await clock.drive(() => drain(ml.listOrders({ since })));
    expect(orders.map((order) => order.id)).toEqual(placed.slice(20).map((order) => String(order.id)));
    expect(orders.filter((order) => order.status === 'cancelled')).toHaveLength(10);
    expect(orders[0]).toMatchObject({
      marketplace: 'mercadolibre',
      currency: 'ARS',
      lineItems: [{ sku: 'MUG-1', quantity: 2, unitPrice: money(199990, 'ARS') }],
      totals: { subtotal: money(399980, 'ARS'), total: money(399980, 'ARS') },
      buyer: { name: 'Test Buyer' },
    });
    expect(simulator.stats().resources.orders!.calls).toBe(2); // 100 orders, 50 a page
  });

  it('filters by canonical status: MercadoLibre statuses on the search, tags decide shipped and delivered', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 100, sku: 'MUG-1' });
    const open = simulator.catalog.placeOrder({ itemId: item.id });
    const delivered = simulator.catalog.placeOrder({ itemId: item.id });
    delivered.tags = ['paid', 'delivered'];
    const unpaid = simulator.catalog.placeOrder({ itemId: item.id, status: 'payment_in_process' });
    const ids = async (status: Parameters<typeof ml.listOrders>[0]) =>
      (await clock.drive(() => drain(ml.listOrders(status)))).map((order) => order.id);
    expect(await ids({ status: ['unshipped'] })).toEqual([String(open.id)]);
    expect(await ids({ status: ['delivered'] })).toEqual([String(delivered.id)]);
    expect(await ids({ status: ['pending'] })).toEqual([String(unpaid.id)]);
  });

  it('reads one order; an unknown one is NotFoundError', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [{ sku: 'T-S', quantity: 3, options: { Talle: 'S' } }],
    });
    const order = simulator.catalog.placeOrder({ itemId: item.id, variationId: item.variations![0]!.id });
    expect(await clock.drive(() => ml.getOrder(String(order.id)))).toMatchObject({
      id: String(order.id),
      status: 'unshipped',
      lineItems: [{ sku: 'T-S', id: `${item.id}-${item.variations![0]!.id}` }],
    });
    const error = await clock.drive(() => ml.getOrder('999').catch((e: unknown) => e));
    expect(isMarketbridgeError(error, 'not_found')).toBe(true);
  });
});

describe('cancellations', () => {
  it('cancels a sale that MercadoLibre lets the seller cancel, puts the stock back, and succeeds again when repeated', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, quantity: 2, shipping: 'me1' });
    expect(simulator.state.items.get(item.id)!.available_quantity).toBe(3);
    const result = await clock.drive(() => ml.cancelOrder([{ orderId: String(order.id), reason: 'buyer_request' }]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(simulator.state.feedback.get(order.id)).toMatchObject({
      fulfilled: false,
      reason: 'BUYER_REGRETS',
      restock_item: true,
    });
    expect(simulator.state.items.get(item.id)!.available_quantity).toBe(5);
    expect((await clock.drive(() => ml.cancelOrder([{ orderId: String(order.id) }]))).succeeded).toBe(1);
  });

  it('refuses per item what MercadoLibre does not allow: Mercado Envíos 2 orders, shipped orders; whole-order only', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const me2 = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me2' });
    const shipped = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    shipped.tags = ['paid', 'shipped'];
    const result = await clock.drive(() =>
      ml.cancelOrder([{ orderId: String(me2.id), reason: 'out_of_stock' }, { orderId: String(shipped.id) }]),
    );
    expect(result.items.map((entry) => (entry.ok ? 'ok' : entry.error.code))).toEqual(['conflict', 'conflict']);
    expect(simulator.state.feedback.size).toBe(0);
    const partial = await clock.drive(() =>
      ml
        .cancelOrder([{ orderId: String(me2.id), lineItems: [{ lineItemId: 'x', quantity: 1 }] }])
        .catch((e: unknown) => e),
    );
    expect(isMarketbridgeError(partial, 'validation_failed')).toBe(true);
  });

  it('a cancellation whose answer was lost is read back from the order, never sent twice', async () => {
    const { simulator, clock, make } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'none' });
    let posts = 0;
    const lossy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      if (request.method === 'POST' && request.url.endsWith('/feedback') && posts++ === 0)
        throw new TypeError('fetch failed: connection reset');
      return response;
    };
    const ml = make({}, { fetch: lossy });
    const result = await clock.drive(() => ml.cancelOrder([{ orderId: String(order.id), reason: 'out_of_stock' }]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(posts).toBe(1);
    expect(simulator.state.items.get(item.id)!.available_quantity).toBe(4); // out of stock: not restocked
  });
});

describe('shipments (Mercado Envíos 1: the seller ships)', () => {
  it('informs the tracking number with the carrier service id, marks the shipment shipped, and the order shows it', async () => {
    const { ml, simulator, clock } = setup(server, {}, { carrierServiceIds: { 'Correo Argentino': 154 } });
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    const shipment = {
      orderId: String(order.id),
      carrier: 'Correo Argentino',
      trackingNumber: 'OP123456789AR',
      shippedAt: '2026-01-01T12:00:00.000Z',
    };
    const result = await clock.drive(() => ml.confirmShipment([shipment]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { ...shipment, id: String(order.shipping!.id) } });
    expect(simulator.state.shipments.get(order.shipping!.id!)).toMatchObject({
      status: 'shipped',
      tracking_number: 'OP123456789AR',
      service_id: 154,
    });
    expect((await clock.drive(() => ml.getOrder(String(order.id)))).status).toBe('shipped');
    // Confirming again with the same tracking succeeds without writing.
    const before = simulator.stats().resources.shipments!.calls;
    expect((await clock.drive(() => ml.confirmShipment([shipment]))).succeeded).toBe(1);
    expect(simulator.stats().resources.shipments!.calls - before).toBe(1); // the read, no write
  });

  it('refuses per item shipments MercadoLibre ships (ME2), orders without a shipment, and other tracking on a shipped one', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const me2 = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me2' });
    const none = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'none' });
    const me1 = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    const at = '2026-01-01T12:00:00.000Z';
    await clock.drive(() =>
      ml.confirmShipment([{ orderId: String(me1.id), carrier: 'X', trackingNumber: 'T-1', shippedAt: at }]),
    );
    const result = await clock.drive(() =>
      ml.confirmShipment([
        { orderId: String(me2.id), carrier: 'X', trackingNumber: 'T-2', shippedAt: at },
        { orderId: String(none.id), carrier: 'X', trackingNumber: 'T-3', shippedAt: at },
        { orderId: String(me1.id), carrier: 'X', trackingNumber: 'OTHER', shippedAt: at },
      ]),
    );
    expect(result.items.map((entry) => (entry.ok ? 'ok' : entry.error.code))).toEqual([
      'conflict',
      'conflict',
      'conflict',
    ]);
  });

  it('a "shipped" notice whose answer was lost is settled by reading the shipment, never sent twice', async () => {
    const { simulator, clock, make } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    let notices = 0;
    const lossy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      if (request.url.endsWith('/seller_notifications') && notices++ === 0)
        throw new TypeError('fetch failed: connection reset');
      return response;
    };
    const ml = make({}, { fetch: lossy });
    const result = await clock.drive(() =>
      ml.confirmShipment([
        { orderId: String(order.id), carrier: 'X', trackingNumber: 'T-9', shippedAt: '2026-01-01T12:00:00.000Z' },
      ]),
    );
    expect(result.succeeded).toBe(1);
    expect(notices).toBe(1);
    expect(simulator.state.shipments.get(order.shipping!.id!)!.status).toBe('shipped');
  });
});
