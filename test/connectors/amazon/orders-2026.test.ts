import { describe, expect, it } from 'vitest';
import { AmazonMarketplace } from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import type { Order } from '../../../src/model/order.js';
import type { SpApiClient } from '../../../src/connectors/amazon/client.js';
import { AmazonOrders20260101 } from '../../../src/connectors/amazon/orders/2026-01-01/orders-2026-01-01.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { setup, useMsw, US } from './harness.js';
import { operations, validateRequest, validateResponse } from './swagger.js';
import {
  fromOrders2026Order,
  toOrders2026Statuses,
  type Orders2026Order,
} from '../../../src/connectors/amazon/orders/2026-01-01/mapper.js';

const server = useMsw();

function sandbox(operationId: string) {
  const operation = operations.find((op) => op.model === 'orders_2026-01-01' && op.operationId === operationId)!;
  return {
    operation,
    examples: operation.responses['200']!['x-amzn-api-sandbox']!.static!.map((example) => example.response),
  };
}

function order(id: string, minute: number, status = 'Unshipped') {
  const at = new Date(Date.UTC(2025, 11, 1, 0, minute)).toISOString();
  return {
    order: {
      AmazonOrderId: id,
      PurchaseDate: at,
      LastUpdateDate: at,
      OrderStatus: status,
      MarketplaceId: US,
      OrderTotal: { CurrencyCode: 'USD', Amount: '12.49' },
    },
    items: [
      {
        OrderItemId: `${id}-1`,
        ASIN: 'B000000001',
        SellerSKU: 'MUG-1',
        QuantityOrdered: 1,
        QuantityShipped: status === 'Shipped' ? 1 : 0,
        ItemPrice: { CurrencyCode: 'USD', Amount: '10.00' },
        ShippingPrice: { CurrencyCode: 'USD', Amount: '1.50' },
        ItemTax: { CurrencyCode: 'USD', Amount: '0.99' },
      },
    ],
    buyer: { BuyerEmail: 'b@marketplace.amazon.com', BuyerName: 'Jane Buyer' },
    address: {
      Name: 'Jane Buyer',
      AddressLine1: '1 Main St',
      City: 'Seattle',
      StateOrRegion: 'WA',
      PostalCode: '98101',
      CountryCode: 'US',
    },
  };
}

async function collect(iterable: AsyncIterable<Order>): Promise<Order[]> {
  const out: Order[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('Orders 2026-01-01 mapping, from the sandbox examples of the model', () => {
  it('the examples are valid answers of the model', () => {
    for (const name of ['searchOrders', 'getOrder']) {
      const { operation, examples } = sandbox(name);
      for (const example of examples) expect(validateResponse(operation, 200, example)).toEqual([]);
    }
  });

  it('maps the searchOrders examples: items, unit prices, totals in minor units, buyer and address', () => {
    const orders = sandbox('searchOrders').examples.flatMap((page) =>
      (page as { orders: Orders2026Order[] }).orders.map((item) => fromOrders2026Order(item)._unsafeUnwrap()),
    );
    const [jp, uk, br] = orders;
    expect(jp).toMatchObject({
      id: '250-1234567-8901234',
      status: 'shipped',
      currency: 'JPY',
      createdAt: '2024-12-25T02:30:00.000Z',
      buyer: { name: 'John Smith', email: 'buyer-email@marketplace.amazon.co.jp' },
    });
    expect(
      jp!.lineItems.map((line) => [line.sku, line.quantity, line.unitPrice.amountMinor, line.quantityShipped]),
    ).toEqual([
      ['ECHO-DOT-4-JP-CHARCOAL', 1, 5980, 1],
      ['FIRE-TV-4K-MAX-JP', 2, 6980, 2],
    ]);
    expect(jp!.totals).toEqual({
      subtotal: money(19940, 'JPY'),
      shipping: money(0, 'JPY'),
      tax: money(0, 'JPY'),
      total: money(19940, 'JPY'),
    });
    expect(jp!.shippingAddress).toEqual({
      name: 'John Smith',
      line1: '123 Business Park',
      line2: 'Suite 456',
      city: 'Tokyo',
      postalCode: '150-0002',
      countryCode: 'JP',
    });
    expect(uk).toMatchObject({
      id: '202-7654321-1098765',
      currency: 'GBP',
      totals: { subtotal: money(3499, 'GBP'), total: money(3499, 'GBP') },
    });
    expect(uk!.shippingAddress).toEqual({
      name: 'Sarah Thompson',
      line1: '45 Oak Avenue',
      line2: 'Flat 2A',
      city: 'London',
      region: 'England',
      postalCode: 'SW1A 1AA',
      countryCode: 'GB',
      phone: '+44 20 7946 0958',
    });
    expect(br).toMatchObject({
      id: '171-2345678-9012345',
      status: 'unshipped',
      currency: 'BRL',
      totals: { total: money(159990, 'BRL') },
      shippingAddress: { company: 'Oliveira Tecnologia Ltda', city: 'São Paulo' },
    });
    expect(br!.lineItems[0]).toMatchObject({
      unitPrice: money(159990, 'BRL'),
      quantityShipped: 0,
      quantityCancelled: 0,
    });
  });

  it('maps the getOrder examples, including tax from the proceeds breakdown and an order without buyer data', () => {
    const [first, second, third] = sandbox('getOrder').examples.map((answer) =>
      fromOrders2026Order((answer as { order: Orders2026Order }).order)._unsafeUnwrap(),
    );
    expect(first).toMatchObject({
      id: '171-9876543-2109876',
      status: 'unshipped',
      totals: { subtotal: money(29990, 'BRL'), total: money(29990, 'BRL') },
      buyer: { name: 'Maria Silva Santos' },
    });
    expect(first!.shippingAddress).toMatchObject({
      line1: 'Rua das Flores, 123',
      line2: 'Apartamento 45',
      region: 'SP',
    });
    expect(second).toMatchObject({
      id: '028-1234567-8901234',
      status: 'shipped',
      currency: 'TRY',
      totals: { subtotal: money(12500, 'TRY'), total: money(12500, 'TRY') },
    });
    expect(second!.lineItems[0]).toMatchObject({
      sku: 'FIRE-HD10-TR-BLK',
      quantity: 2,
      unitPrice: money(6250, 'TRY'),
      quantityShipped: 2,
    });
    expect(third).toMatchObject({
      id: '114-9876543-1234567',
      status: 'unshipped',
      totals: {
        subtotal: money(3999, 'USD'),
        shipping: money(0, 'USD'),
        tax: money(1000, 'USD'),
        total: money(4999, 'USD'),
      },
    });
    expect(third!.buyer).toBeUndefined();
    expect(third!.shippingAddress).toMatchObject({
      company: 'Test Store',
      line1: '100 Main Street',
      line2: 'Suite 200',
      region: 'WA',
    });
  });

  it('computes missing totals and unit prices in integer minor units and refuses unreadable orders', () => {
    const base: Orders2026Order = {
      orderId: 'X',
      createdTime: '2026-01-01T00:00:00Z',
      lastUpdatedTime: '2026-01-01T00:00:00Z',
      salesChannel: { channelName: 'AMAZON' },
      fulfillment: { fulfillmentStatus: 'CANCELLED' },
      orderItems: [
        {
          orderItemId: 'a',
          quantityOrdered: 3,
          product: { sellerSku: 'S' },
          fulfillment: { quantityFulfilled: 1 },
          proceeds: {
            breakdowns: [
              { type: 'ITEM', subtotal: { amount: '10.00', currencyCode: 'EUR' } },
              { type: 'DISCOUNT', subtotal: { amount: '-1.00', currencyCode: 'EUR' } },
              { type: 'TAX', subtotal: { amount: '1.90', currencyCode: 'EUR' } },
            ],
          },
        },
      ],
    };
    const mapped = fromOrders2026Order(base)._unsafeUnwrap();
    expect(mapped.lineItems[0]).toMatchObject({
      unitPrice: money(333, 'EUR'),
      quantityShipped: 1,
      quantityCancelled: 2,
    });
    expect(mapped.totals).toEqual({
      subtotal: money(1000, 'EUR'),
      shipping: money(0, 'EUR'),
      tax: money(190, 'EUR'),
      total: money(1090, 'EUR'),
    });
    expect(fromOrders2026Order({ ...base, fulfillment: undefined })._unsafeUnwrapErr().reason).toBe('invalid_payload');
    expect(fromOrders2026Order({ ...base, fulfillment: { fulfillmentStatus: 'LOST' } })._unsafeUnwrapErr().reason).toBe(
      'invalid_payload',
    );
    expect(fromOrders2026Order({ ...base, orderItems: [] })._unsafeUnwrapErr().reason).toBe('invalid_payload');
    expect(
      fromOrders2026Order({
        ...base,
        proceeds: { grandTotal: { amount: '1.005', currencyCode: 'EUR' } },
      })._unsafeUnwrapErr().reason,
    ).toBe('invalid_money');
    expect(toOrders2026Statuses(['cancelled', 'pending'])).toEqual([
      'PENDING_AVAILABILITY',
      'PENDING',
      'CANCELLED',
      'UNFULFILLABLE',
    ]);
  });

  it('without grandTotal, the total counts every proceeds category (gift wrap, COD fee, delivery tip, other)', () => {
    const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
    const order: Orders2026Order = {
      orderId: 'T',
      createdTime: '2026-01-01T00:00:00Z',
      lastUpdatedTime: '2026-01-01T00:00:00Z',
      salesChannel: { channelName: 'AMAZON' },
      fulfillment: { fulfillmentStatus: 'UNSHIPPED' },
      proceeds: {
        breakdowns: [
          { type: 'ITEM', subtotal: eur('20.00') },
          { type: 'SHIPPING', subtotal: eur('4.00') },
          { type: 'GIFT_WRAP', subtotal: eur('2.50') },
          { type: 'COD_FEE', subtotal: eur('1.00') },
          { type: 'TAX', subtotal: eur('3.00') },
          { type: 'DISCOUNT', subtotal: eur('-2.00') },
          { type: 'DELIVERY_TIP', subtotal: eur('1.50') },
          { type: 'OTHER', subtotal: eur('0.25') },
        ],
      },
      orderItems: [
        { orderItemId: 'a', quantityOrdered: 2, product: { sellerSku: 'S', price: { unitPrice: eur('10.00') } } },
      ],
    };
    expect(fromOrders2026Order(order)._unsafeUnwrap().totals).toEqual({
      subtotal: money(2000, 'EUR'),
      shipping: money(400, 'EUR'),
      tax: money(300, 'EUR'),
      total: money(3025, 'EUR'),
    });
    // No breakdowns at all: the unit prices make the subtotal and the total.
    expect(fromOrders2026Order({ ...order, proceeds: undefined })._unsafeUnwrap().totals.total).toEqual(
      money(2000, 'EUR'),
    );
  });

  it('a malformed date-time is an invalid_payload failure, not a thrown RangeError', () => {
    const order: Orders2026Order = {
      orderId: 'D',
      createdTime: 'yesterday',
      lastUpdatedTime: '2026-01-01T00:00:00Z',
      salesChannel: { channelName: 'AMAZON' },
      fulfillment: { fulfillmentStatus: 'SHIPPED' },
      orderItems: [{ orderItemId: 'a', quantityOrdered: 1, product: { sellerSku: 'S' } }],
    };
    expect(fromOrders2026Order(order)._unsafeUnwrapErr()).toMatchObject({
      reason: 'invalid_payload',
      message: expect.stringContaining('createdTime of D'),
    });
    expect(
      fromOrders2026Order({
        ...order,
        createdTime: '2026-01-01T00:00:00+09:00',
        lastUpdatedTime: '',
      })._unsafeUnwrapErr().reason,
    ).toBe('invalid_payload');
    expect(fromOrders2026Order({ ...order, createdTime: '2026-01-01T00:00:00+09:00' })._unsafeUnwrap().createdAt).toBe(
      '2025-12-31T15:00:00.000Z',
    );
  });

  it('an order without any amount takes the currency of its marketplace, not USD', () => {
    const pending: Orders2026Order = {
      orderId: 'P',
      createdTime: '2026-01-01T00:00:00Z',
      lastUpdatedTime: '2026-01-01T00:00:00Z',
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'A1VC38T7YXB528' },
      fulfillment: { fulfillmentStatus: 'PENDING' },
      orderItems: [{ orderItemId: 'a', quantityOrdered: 1, product: { sellerSku: 'S' } }],
    };
    expect(fromOrders2026Order(pending)._unsafeUnwrap()).toMatchObject({
      status: 'pending',
      currency: 'JPY',
      totals: { total: money(0, 'JPY') },
      lineItems: [{ unitPrice: money(0, 'JPY') }],
    });
    expect(
      fromOrders2026Order({ ...pending, salesChannel: { channelName: 'NON_AMAZON' } })._unsafeUnwrap().currency,
    ).toBe('USD');
  });
});

describe('Orders 2026-01-01 through the simulator', () => {
  it('lists across pages, repeating the filters with every paginationToken; every request conforms to the model', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 25; i++)
      simulator.addOrder(order(`111-${String(i).padStart(7, '0')}-0000001`, i, i % 5 === 0 ? 'Shipped' : 'Unshipped'));
    const sent: URL[] = [];
    const problems: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/orders/')) return;
      sent.push(url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      problems.push(...validateRequest({ method: request.method, url: request.url, headers }).problems);
    });
    const orders = await clock.drive(() => collect(amazon.listOrders({ since: '2025-11-01T00:00:00Z', pageSize: 7 })));
    const shipped = await clock.drive(() =>
      collect(amazon.listOrders({ since: '2025-11-01T00:00:00Z', status: ['shipped'] })),
    );
    const one = await clock.drive(() => amazon.getOrder('111-0000003-0000001'));
    expect(
      await clock.drive(() => collect(amazon.listOrders({ since: '2025-11-01T00:00:00Z', status: ['delivered'] }))),
    ).toEqual([]);
    // Orders v0 as well: 'delivered' has no Amazon status, and an empty OrderStatuses filter would list every order.
    const v0 = setup(server, {}, { ordersApi: 'v0' });
    v0.simulator.addOrder(order('111-0000099-0000001', 1));
    expect(
      await v0.clock.drive(() =>
        collect(v0.amazon.listOrders({ since: '2025-11-01T00:00:00Z', status: ['delivered'] })),
      ),
    ).toEqual([]);
    expect(
      await v0.clock.drive(() =>
        collect(v0.amazon.listOrders({ since: '2025-11-01T00:00:00Z', status: ['unshipped'] })),
      ),
    ).toHaveLength(1);
    // InvoiceUnconfirmed (v0: every item shipped, invoice not confirmed) reads as shipped through both versions.
    v0.simulator.addOrder(order('111-0000098-0000001', 2, 'InvoiceUnconfirmed'));
    const invoiceV0 = await v0.clock.drive(() => v0.amazon.getOrder('111-0000098-0000001'));
    const invoice2026 = await v0.clock.drive(() =>
      new AmazonMarketplace(
        { ...v0.amazon.config, ordersApi: '2026-01-01' },
        { clock: v0.clock, store: v0.store },
      ).getOrder('111-0000098-0000001'),
    );
    expect([invoiceV0.status, invoice2026.status]).toEqual(['shipped', 'shipped']);
    expect(
      (
        await v0.clock.drive(() =>
          collect(v0.amazon.listOrders({ since: '2025-11-01T00:00:00Z', status: ['shipped'] })),
        )
      ).map((item) => item.id),
    ).toEqual(['111-0000098-0000001']);
    server.events.removeAllListeners();
    expect(problems).toEqual([]);
    expect(orders.map((item) => item.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `111-${String(i).padStart(7, '0')}-0000001`),
    );
    expect(orders[1]).toMatchObject({
      status: 'unshipped',
      totals: {
        subtotal: money(1000, 'USD'),
        shipping: money(150, 'USD'),
        tax: money(99, 'USD'),
        total: money(1249, 'USD'),
      },
    });
    expect(orders[1]!.buyer).toBeUndefined();
    expect(shipped.map((item) => item.status)).toEqual(Array.from({ length: 5 }, () => 'shipped'));
    expect(one).toMatchObject({
      id: '111-0000003-0000001',
      lineItems: [{ sku: 'MUG-1', unitPrice: money(1000, 'USD') }],
    });
    const pages = sent.filter((url) => url.pathname === '/orders/2026-01-01/orders');
    expect(pages).toHaveLength(4 + 1);
    for (const url of pages.slice(1, 4)) {
      expect(url.searchParams.get('paginationToken')).toBeTruthy();
      expect(url.searchParams.get('lastUpdatedAfter')).toBe('2025-11-01T00:00:00Z');
      expect(url.searchParams.get('maxResultsPerPage')).toBe('7');
      expect(url.searchParams.get('includedData')).toBe('FULFILLMENT,PROCEEDS');
    }
    expect(pages[4]!.searchParams.get('fulfillmentStatuses')).toBe('SHIPPED');
    expect(simulator.stats().operations.searchOrders!.throttled).toBe(0);
  });

  it('the simulator aggregates the order-level proceeds by category and gives buyerEmail only for merchant-fulfilled orders', async () => {
    const { amazon, simulator, clock } = setup(server);
    const usd = (Amount: string) => ({ CurrencyCode: 'USD', Amount });
    const fba = order('555-0000001-0000001', 1);
    simulator.addOrder({
      ...fba,
      order: { ...fba.order, FulfillmentChannel: 'AFN' },
      items: [
        fba.items[0]!,
        {
          OrderItemId: 'x-2',
          ASIN: 'B000000002',
          SellerSKU: 'CUP-1',
          QuantityOrdered: 2,
          ItemPrice: usd('6.00'),
          ItemTax: usd('0.50'),
          PromotionDiscount: usd('1.00'),
        },
      ],
    });
    simulator.addOrder(order('555-0000002-0000001', 2));
    const operation = operations.find((op) => op.model === 'orders_2026-01-01' && op.operationId === 'searchOrders')!;
    const answer = await clock.drive(() =>
      (amazon.orders as AmazonOrders20260101).searchOrders<{ orders: Orders2026Order[] }>({
        lastUpdatedAfter: '2025-11-01T00:00:00Z',
        includedData: ['BUYER', 'PROCEEDS', 'FULFILLMENT'],
      }),
    );
    expect(validateResponse(operation, 200, answer)).toEqual([]);
    const [afn, mfn] = answer.orders;
    expect(afn!.proceeds!.breakdowns).toEqual([
      { type: 'ITEM', subtotal: { amount: '16.00', currencyCode: 'USD' } },
      { type: 'SHIPPING', subtotal: { amount: '1.50', currencyCode: 'USD' } },
      { type: 'TAX', subtotal: { amount: '1.49', currencyCode: 'USD' } },
      { type: 'DISCOUNT', subtotal: { amount: '-1.00', currencyCode: 'USD' } },
    ]);
    expect(afn!.buyer).toEqual({ buyerName: 'Jane Buyer' });
    expect(mfn!.buyer).toEqual({ buyerName: 'Jane Buyer', buyerEmail: 'b@marketplace.amazon.com' });
    expect(fromOrders2026Order(afn!)._unsafeUnwrap().totals).toMatchObject({
      subtotal: money(1600, 'USD'),
      shipping: money(150, 'USD'),
      tax: money(149, 'USD'),
    });
  });

  it('units left to ship come from quantityUnfulfilled, which leaves out cancelled units', async () => {
    const orderItems = [
      {
        orderItemId: 'a',
        quantityOrdered: 3,
        product: {},
        fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 0 },
      },
      {
        orderItemId: 'b',
        quantityOrdered: 2,
        product: {},
        fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 2 },
      },
      { orderItemId: 'c', quantityOrdered: 4, product: {}, fulfillment: { quantityFulfilled: 1 } },
    ];
    const client = { marketplaceId: US, send: async () => ({ order: { orderItems } }) } as unknown as SpApiClient;
    expect(
      await new AmazonOrders20260101({ client, clock: new FakeClock(), includeBuyerData: false }).unshippedLines('X'),
    ).toEqual([
      { lineItemId: 'b', quantity: 2 },
      { lineItemId: 'c', quantity: 3 },
    ]);
  });

  it('the simulator refuses a paginationToken with other filters, an expired one, and two windows', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 3; i++) simulator.addOrder(order(`222-000000${i}-0000001`, i));
    const first = await clock.drive(() =>
      (amazon.orders as AmazonOrders20260101).searchOrders<{ pagination?: { nextToken: string } }>({
        lastUpdatedAfter: '2025-11-01T00:00:00Z',
        maxResultsPerPage: 1,
      }),
    );
    const token = first.pagination!.nextToken;
    const changed = await clock
      .drive(() =>
        (amazon.orders as AmazonOrders20260101).searchOrders({
          lastUpdatedAfter: '2025-11-02T00:00:00Z',
          paginationToken: token,
        }),
      )
      .catch((error: unknown) => error);
    expect(changed).toMatchObject({ status: 400 });
    const resized = await clock.drive(() =>
      (amazon.orders as AmazonOrders20260101).searchOrders<{ orders: unknown[] }>({
        lastUpdatedAfter: '2025-11-01T00:00:00Z',
        maxResultsPerPage: 5,
        includedData: ['BUYER'],
        paginationToken: token,
      }),
    );
    expect(resized.orders).toHaveLength(2);
    await clock.advance(25 * 3_600_000);
    const expired = await clock
      .drive(() =>
        (amazon.orders as AmazonOrders20260101).searchOrders({
          lastUpdatedAfter: '2025-11-01T00:00:00Z',
          maxResultsPerPage: 1,
          paginationToken: token,
        }),
      )
      .catch((error: unknown) => error);
    expect(expired).toMatchObject({ status: 400 });
    const both = await clock
      .drive(() =>
        amazon.client.send({
          operation: 'searchOrders',
          method: 'GET',
          path: '/orders/2026-01-01/orders',
          query: { createdAfter: '2025-11-01T00:00:00Z', lastUpdatedAfter: '2025-11-01T00:00:00Z' },
        }),
      )
      .catch((error: unknown) => error);
    expect(both).toMatchObject({ status: 400 });
  });

  it('paces searchOrders by its usage plan (0.0056/s, burst 20): no throttled answers', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 24; i++) simulator.addOrder(order(`333-${String(i).padStart(7, '0')}-0000001`, i));
    const started = clock.now();
    const orders = await clock.drive(() => collect(amazon.listOrders({ since: '2025-11-01T00:00:00Z', pageSize: 1 })));
    expect(orders).toHaveLength(24);
    expect(simulator.stats().operations.searchOrders).toMatchObject({ calls: 24, throttled: 0 });
    // 20 pages from the burst, then one page per 1/0.0056 s.
    expect(clock.now() - started).toBeGreaterThanOrEqual(4 * Math.floor(1000 / 0.0056));
  });
});

describe('calls for 100 orders: Orders 2026-01-01 against v0', () => {
  it.each([false, true])('includeBuyerData %s', async (includeBuyerData) => {
    const counts: Record<string, { calls: number; fakeSeconds: number; orders: number }> = {};
    const getOrderCalls: Record<string, number> = {};
    for (const ordersApi of ['v0', '2026-01-01'] as const) {
      const { amazon, simulator, clock, make } = setup(server, {}, { ordersApi, includeBuyerData });
      for (let i = 0; i < 100; i++) simulator.addOrder(order(`444-${String(i).padStart(7, '0')}-0000001`, i));
      const started = clock.now();
      const orders = await clock.drive(() => collect(amazon.listOrders({ since: '2025-11-01T00:00:00Z' })));
      const operations = simulator.stats().operations;
      expect(Object.values(operations).every((entry) => entry.throttled === 0)).toBe(true);
      const calls = () => Object.values(simulator.stats().operations).reduce((sum, entry) => sum + entry.calls, 0);
      const listed = calls();
      counts[ordersApi] = { calls: listed, fakeSeconds: (clock.now() - started) / 1000, orders: orders.length };
      expect(orders.every((item) => (item.buyer?.name === 'Jane Buyer') === includeBuyerData)).toBe(true);
      simulator.resetLimits();
      // A fresh instance: no Restricted Data Tokens cached from the listing.
      const fresh = make();
      const single = await clock.drive(() => fresh.getOrder('444-0000050-0000001'));
      expect(single).toEqual(orders[50]);
      getOrderCalls[ordersApi] = calls();
    }
    // v0: getOrders + getOrderItems per order (+ buyer info, address and their two Restricted Data Tokens).
    expect(counts.v0).toMatchObject({ calls: includeBuyerData ? 1 + 100 * 5 : 1 + 100, orders: 100 });
    expect(counts['2026-01-01']).toMatchObject({ calls: 1, orders: 100, fakeSeconds: 0 });
    expect(counts.v0!.fakeSeconds).toBeGreaterThan(100);
    // One order: v0 getOrder + getOrderItems (+ buyer info, address, two RDTs) against one call.
    expect(getOrderCalls).toEqual({ v0: includeBuyerData ? 6 : 2, '2026-01-01': 1 });
    console.info(
      `100 orders, includeBuyerData ${includeBuyerData}: ${JSON.stringify(counts)}; getOrder calls ${JSON.stringify(getOrderCalls)}`,
    );
  });
});
