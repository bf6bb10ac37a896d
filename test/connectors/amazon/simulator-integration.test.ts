import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import {
  advanceFeedJob,
  buildListingsFeeds,
  quantityPatch,
  readReportRows,
  runReportJob,
  startFeedJob,
  startReportJob,
  type FeedJobState,
} from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw, US } from './harness.js';

const server = useMsw();

function order(id: string, minute: number, items = 1) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return {
    order: {
      AmazonOrderId: id,
      PurchaseDate: at,
      LastUpdateDate: at,
      OrderStatus: 'Unshipped',
      MarketplaceId: US,
      OrderTotal: { CurrencyCode: 'USD', Amount: `${items * 10}.50` },
    },
    items: Array.from({ length: items }, (_, index) => ({
      OrderItemId: `${id}-${index}`,
      ASIN: 'B000000001',
      SellerSKU: `SKU-${index}`,
      QuantityOrdered: 1,
      QuantityShipped: 0,
      ItemPrice: { CurrencyCode: 'USD', Amount: '10.00' },
      ShippingPrice: { CurrencyCode: 'USD', Amount: '0.50' },
    })),
    buyer: { BuyerEmail: 'buyer@marketplace.amazon.com', BuyerName: 'Jane Buyer' },
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

describe('listings', () => {
  it('patches price and quantity (patchListingsItem) and reads them back (getListingsItem)', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3, title: 'Mug' });
    const result = await clock.drive(() =>
      amazon.updateListings([{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }], { via: 'patch' }),
    );
    expect(result.succeeded).toBe(1);
    const product = await clock.drive(() => amazon.getProduct('MUG-1'));
    expect(product.offers[0]!.price).toEqual(money(1299, 'USD'));
    expect(simulator.state.listings.get('MUG-1')!.quantity).toBe(40);
  });

  it('finds offers by SKU with one getListingsItem each; an unknown SKU is absent', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3, title: 'Mug' });
    simulator.addListing({ sku: 'MUG-2', price: money(1099, 'USD'), quantity: 3, title: 'Mug 2' });
    const matches = await clock.drive(() => amazon.getOffersBySku(['MUG-2', 'NOPE', 'MUG-2']));
    expect(matches).toEqual([
      { sku: 'MUG-2', productId: 'MUG-2', offer: expect.objectContaining({ sku: 'MUG-2', price: money(1099, 'USD') }) },
    ]);
    expect(amazon.capabilities.supports('getOffersBySku')).toBe(true);
  });

  it('validates without saving in VALIDATION_PREVIEW mode, and reports invalid patches per item', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3 });
    const dry = await clock.drive(() =>
      amazon.updateListings(
        [
          { sku: 'MUG-1', quantity: 7 },
          { sku: 'NOPE', quantity: 1 },
        ],
        { via: 'patch', dryRun: true },
      ),
    );
    expect(dry.items.map((item) => item.ok)).toEqual([true, false]);
    expect(simulator.state.listings.get('MUG-1')!.quantity).toBe(3);
  });

  it('updatePrices and setInventory map to patches; compare-and-set is refused whole', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'A', price: money(100, 'USD'), quantity: 1 });
    expect((await clock.drive(() => amazon.updatePrices([{ sku: 'A', price: money(250, 'USD') }]))).succeeded).toBe(1);
    expect((await clock.drive(() => amazon.setInventory([{ sku: 'A', quantity: 9 }]))).items[0]).toMatchObject({
      ok: true,
      value: { available: 9 },
    });
    expect(simulator.state.listings.get('A')).toMatchObject({ price: money(250, 'USD'), quantity: 9 });
    await expect(amazon.setInventory([{ sku: 'A', quantity: 1, expectedVersion: 3 }])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('creates offer-only listings with putListingsItem (upsertProducts) and reads them back', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addCatalogItem({ asin: 'B0BLUEMUG1', title: 'Blue Mug', productType: 'KITCHEN' });
    const result = await clock.drive(() =>
      amazon.upsertProducts([
        {
          title: 'Blue Mug',
          brand: 'Acme',
          offers: [
            { sku: 'NEW-1', externalId: 'B0BLUEMUG1', price: money(1450, 'USD'), condition: 'new', options: {} },
          ],
          images: [],
          attributes: { productType: 'KITCHEN' },
        },
      ]),
    );
    expect(result.succeeded).toBe(1);
    expect(simulator.state.listings.get('NEW-1')).toMatchObject({
      title: 'Blue Mug',
      productType: 'KITCHEN',
      price: money(1450, 'USD'),
    });
    expect(await clock.drive(() => amazon.getProduct('NEW-1'))).toMatchObject({
      id: 'NEW-1',
      title: 'Blue Mug',
      offers: [{ price: money(1450, 'USD') }],
    });
  });

  it('lists products page by page, deletes a listing, and answers a health check', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 25; i++)
      simulator.addListing({ sku: `S-${String(i).padStart(2, '0')}`, price: money(100 + i, 'USD'), quantity: 1 });
    const products = await clock.drive(async () => {
      const out = [];
      for await (const product of amazon.listProducts({ pageSize: 20 })) out.push(product);
      return out;
    });
    expect(products).toHaveLength(25);
    expect(simulator.stats().operations.searchListingsItems?.calls).toBe(2);
    const deleted = await clock.drive(() => amazon.deleteProducts(['S-00', 'MISSING']));
    expect(deleted.items.map((item) => item.ok)).toEqual([true, false]);
    expect((await clock.drive(() => amazon.healthCheck())).ok).toBe(true);
  });
});

describe('usage plans and throttling', () => {
  it('paces a burst of patches to the usage plan: no 429, time spent matches rate and burst', async () => {
    const { amazon, simulator, clock } = setup(server, {});
    for (let i = 0; i < 30; i++) simulator.addListing({ sku: `P-${i}`, price: money(100, 'USD'), quantity: 0 });
    const start = clock.now();
    const result = await clock.drive(() =>
      amazon.updateListings(
        Array.from({ length: 30 }, (_, i) => ({ sku: `P-${i}`, quantity: i })),
        { via: 'patch' },
      ),
    );
    expect(result.succeeded).toBe(30);
    const stats = simulator.stats().operations.patchListingsItem!;
    expect(stats.throttled).toBe(0);
    // burst 5 at once, then 5 per second: the 30th call goes at 5 s.
    expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
    expect(clock.now() - start).toBeLessThan(5300);
  });

  it('treats QuotaExceeded as throttling: waits and retries until the call goes through', async () => {
    const { amazon, simulator, clock } = setup(server, {
      limits: { patchListingsItem: { rate: 1, burst: 1 } },
      rateLimitHeader: false,
    });
    for (let i = 0; i < 4; i++) simulator.addListing({ sku: `Q-${i}`, price: money(100, 'USD'), quantity: 0 });
    const throttled: string[] = [];
    amazon.context.events.on('throttled', (event) => throttled.push(event.source));
    const result = await clock.drive(() =>
      amazon.updateListings(
        Array.from({ length: 4 }, (_, i) => ({ sku: `Q-${i}`, quantity: 1 })),
        { via: 'patch', concurrency: 1 },
      ),
    );
    expect(result.succeeded).toBe(4);
    expect(simulator.stats().operations.patchListingsItem!.throttled).toBeGreaterThan(0);
    expect(throttled).toContain('server');
  });

  it('adopts the rate Amazon announces in x-amzn-RateLimit-Limit', async () => {
    const { amazon, simulator, clock } = setup(server, { limits: { patchListingsItem: { rate: 2, burst: 5 } } });
    for (let i = 0; i < 15; i++) simulator.addListing({ sku: `R-${i}`, price: money(100, 'USD'), quantity: 0 });
    const result = await clock.drive(() =>
      amazon.updateListings(
        Array.from({ length: 15 }, (_, i) => ({ sku: `R-${i}`, quantity: 2 })),
        { via: 'patch', concurrency: 1 },
      ),
    );
    expect(result.succeeded).toBe(15);
    // The first answer says 2/s; at most the first call went before the client knew.
    expect(simulator.stats().operations.patchListingsItem!.throttled).toBe(0);
  });

  it('gives up after the configured attempts with a RateLimitError that carries no secrets', async () => {
    const { amazon, simulator, clock } = setup(server, {
      limits: { getListingsItem: { rate: 0.0001, burst: 1 } },
      rateLimitHeader: false,
    });
    simulator.addListing({ sku: 'X', price: money(100, 'USD'), quantity: 0 });
    await clock.drive(() => amazon.getProduct('X'));
    const error = await clock.drive(() => amazon.getProduct('X')).catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error, 'rate_limited')).toBe(true);
    const json = JSON.stringify((error as { toJSON(): unknown }).toJSON());
    expect(json).not.toContain('Atza|');
    expect(json).not.toContain('client-secret-value');
  }, 20_000);
});

describe('feeds', () => {
  it('sends large batches as JSON_LISTINGS_FEED and maps the processing report to per-SKU outcomes', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 600; i++) simulator.addListing({ sku: `F-${i}`, price: money(100, 'USD'), quantity: 0 });
    const updates = [
      ...Array.from({ length: 600 }, (_, i) => ({ sku: `F-${i}`, price: money(500 + i, 'USD'), quantity: i })),
      { sku: 'UNKNOWN', quantity: 1 },
    ];
    const start = clock.now();
    const result = await clock.drive(() => amazon.updateListings(updates));
    expect(result.succeeded).toBe(600);
    expect(result.items[600]).toMatchObject({ ok: false, input: { sku: 'UNKNOWN' } });
    expect(simulator.state.listings.get('F-599')).toMatchObject({ price: money(1099, 'USD'), quantity: 599 });
    expect(simulator.stats().operations.createFeed!.calls).toBe(1);
    expect(simulator.stats().operations.patchListingsItem).toBeUndefined();
    expect(clock.now() - start).toBeGreaterThanOrEqual(120_000);
  });

  it('keeps to the JSON_LISTINGS_FEED submission limit of 5 feeds per 5 minutes', async () => {
    const { amazon, clock } = setup(server);
    const start = clock.now();
    const times = await clock.drive(async () => {
      const document = await amazon.client.createFeedDocument();
      await amazon.client.uploadDocument(
        document.url,
        JSON.stringify({ header: { sellerId: amazon.config.sellerId, version: '2.0' }, messages: [] }),
      );
      const out: number[] = [];
      for (let i = 0; i < 7; i++) {
        await amazon.client.createFeed({
          feedType: 'JSON_LISTINGS_FEED',
          inputFeedDocumentId: document.feedDocumentId,
        });
        out.push(clock.now() - start);
      }
      return out;
    });
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times[5]).toBeGreaterThanOrEqual(60_000);
    expect(times[6]).toBeGreaterThanOrEqual(120_000);
  });

  it('cancels a feed that is still in the queue', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'C-1', price: money(100, 'USD'), quantity: 0 });
    const [document] = buildListingsFeeds({
      sellerId: amazon.config.sellerId,
      changes: [{ sku: 'C-1', productType: 'PRODUCT', patches: [quantityPatch(5)] }],
    });
    let state: FeedJobState = startFeedJob(document!);
    for (let i = 0; i < 3; i++)
      state = await clock.drive(() => advanceFeedJob(amazon.client, state, { now: clock.now() }));
    await clock.drive(() => amazon.client.cancelFeed(state.feedId!));
    await clock.advance(200_000);
    state = await clock.drive(() => advanceFeedJob(amazon.client, state, { now: clock.now() }));
    expect(state).toMatchObject({ step: 'failed', processingStatus: 'CANCELLED' });
    expect(simulator.state.listings.get('C-1')!.quantity).toBe(0);
  });

  it('resumes a feed from serialised state in a fresh instance', async () => {
    const { amazon, simulator, clock, make } = setup(server);
    simulator.addListing({ sku: 'R-1', price: money(100, 'USD'), quantity: 0 });
    const [document] = buildListingsFeeds({
      sellerId: amazon.config.sellerId,
      changes: [{ sku: 'R-1', productType: 'PRODUCT', patches: [quantityPatch(12)] }],
    });
    let state: FeedJobState = startFeedJob(document!);
    for (let i = 0; i < 3; i++) state = await advanceFeedJob(amazon.client, state, { now: clock.now() });
    expect(state.step).toBe('poll');
    const saved = JSON.stringify(state);
    await clock.advance(200_000);
    const fresh = make();
    let resumed = JSON.parse(saved) as FeedJobState;
    while (resumed.step !== 'done' && resumed.step !== 'failed')
      resumed = await advanceFeedJob(fresh.client, resumed, { now: clock.now() });
    expect(resumed.report?.outcomes).toEqual([
      { messageId: 1, sku: 'R-1', accepted: true, status: 'accepted', issues: [] },
    ]);
    expect(simulator.state.listings.get('R-1')!.quantity).toBe(12);
  });
});

describe('reports', () => {
  it('requests, polls, downloads a gzipped TSV report (gzip detected from bytes) and streams rows', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'T-1', price: money(1999, 'USD'), quantity: 4, title: 'Tea' });
    const ready = await clock.drive(() =>
      runReportJob(amazon.client, startReportJob({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }), {
        clock,
        pollIntervalMs: 15_000,
      }),
    );
    const rows = [];
    for await (const row of readReportRows(amazon.client, ready)) rows.push(row);
    expect(rows).toEqual([
      {
        'item-name': 'Tea',
        'seller-sku': 'T-1',
        asin1: expect.any(String),
        price: '19.99',
        quantity: '4',
        status: 'Active',
      },
    ]);
  });

  it('resumes a report from serialised state in a fresh instance', async () => {
    const { amazon, simulator, clock, make } = setup(server);
    simulator.addListing({ sku: 'T-2', price: money(500, 'USD'), quantity: 1 });
    const { advanceReportJob } = await import('../../../src/connectors/amazon/index.js');
    const started = await advanceReportJob(
      amazon.client,
      startReportJob({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }),
      { now: clock.now() },
    );
    const saved = JSON.stringify(started);
    await clock.advance(90_000);
    const fresh = make();
    const ready = await clock.drive(() => runReportJob(fresh.client, JSON.parse(saved), { clock }));
    const rows = [];
    for await (const row of readReportRows(fresh.client, ready)) rows.push(row);
    expect(rows.map((row) => row['seller-sku'])).toEqual(['T-2']);
  });
});

describe('reports through the pipeline async-job abstraction', () => {
  it('runs a report as an AsyncJob kept in the store and resumes it in a fresh instance', async () => {
    const { AsyncJob } = await import('../../../src/http/jobs/async-job.js');
    const { amazonReportJob } = await import('../../../src/connectors/amazon/index.js');
    const { amazon, simulator, clock, store, make } = setup(server);
    simulator.addListing({ sku: 'J-1', price: money(1234, 'USD'), quantity: 3, title: 'Jar' });
    const options = { clock, store, storeKey: 'report:listings', pollMs: 20_000, pollFactor: 1 };
    const controller = new AbortController();
    // The first process stops (crashes) after its first poll found the report still running.
    const first = new AsyncJob(amazonReportJob(amazon.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }), {
      ...options,
      onState: (state) => state.phase === 'polling' && controller.abort(),
    });
    expect(
      await clock.drive(() =>
        first.run(controller.signal).then(
          () => 'finished',
          () => 'stopped',
        ),
      ),
    ).toBe('stopped');
    expect((await store.get<{ phase: string }>('report:listings'))?.phase).toBe('polling');
    const fresh = make();
    const resumed = await AsyncJob.load(
      amazonReportJob(fresh.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }),
      options,
    );
    const rows = await clock.drive(async () => {
      const out = [];
      for await (const row of resumed.rows<Record<string, string>>()) out.push(row);
      return out;
    });
    expect(rows).toEqual([expect.objectContaining({ 'seller-sku': 'J-1', price: '12.34', quantity: '3' })]);
    expect(simulator.stats().operations.createReport!.calls).toBe(1);
  });
});

describe('orders', () => {
  it('pages orders with searchOrders (2026-01-01), items included, mapping money to minor units', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 130; i++)
      simulator.addOrder(order(`111-${String(i).padStart(7, '0')}-0000001`, i, i === 0 ? 3 : 1));
    const orders = await clock.drive(async () => {
      const out = [];
      for await (const item of amazon.listOrders({ since: '2025-12-31T00:00:00Z' })) out.push(item);
      return out;
    });
    expect(orders).toHaveLength(130);
    expect(simulator.stats().operations.searchOrders!.calls).toBe(2);
    expect(simulator.stats().operations.getOrderItems).toBeUndefined();
    expect(simulator.stats().operations.getOrders).toBeUndefined();
    expect(orders[0]!.lineItems).toHaveLength(3);
    expect(orders[0]!.totals).toMatchObject({
      subtotal: money(3000, 'USD'),
      shipping: money(150, 'USD'),
      total: money(3050, 'USD'),
    });
  });

  it('reads buyer info and address in the same getOrder call without a Restricted Data Token, and confirms a shipment', async () => {
    const { simulator, clock, make } = setup(server, {}, { includeBuyerData: true });
    const amazon = make();
    simulator.addOrder(order('222-0000000-0000001', 1, 2));
    const full = await clock.drive(() => amazon.getOrder('222-0000000-0000001'));
    expect(full.buyer).toEqual({ name: 'Jane Buyer', email: 'buyer@marketplace.amazon.com' });
    expect(full.shippingAddress).toMatchObject({ line1: '1 Main St', city: 'Seattle', countryCode: 'US' });
    expect(simulator.stats().operations['getOrder@2026-01-01']!.calls).toBe(1);
    expect(simulator.stats().operations.createRestrictedDataToken).toBeUndefined();
    const confirmed = await clock.drive(() =>
      amazon.confirmShipment([
        { orderId: '222-0000000-0000001', carrier: 'UPS', trackingNumber: '1Z999', shippedAt: '2026-01-02T00:00:00Z' },
      ]),
    );
    expect(confirmed.succeeded).toBe(1);
    expect(simulator.state.orders.get('222-0000000-0000001')!.order.OrderStatus).toBe('Shipped');
    // The unshipped lines came from one 2026-01-01 getOrder; the confirmation itself is v0.
    expect(simulator.stats().operations['getOrder@2026-01-01']!.calls).toBe(2);
    expect(simulator.stats().operations.confirmShipment!.calls).toBe(1);
    expect(await clock.drive(() => amazon.getOrder('222-0000000-0000001'))).toMatchObject({
      status: 'shipped',
      lineItems: [{ quantityShipped: 1 }, { quantityShipped: 1 }],
    });
  });

  it('with ordersApi v0: pages getOrders, reads items per order and buyer data with Restricted Data Tokens', async () => {
    const { amazon, simulator, clock } = setup(server, {}, { ordersApi: 'v0', includeBuyerData: true });
    for (let i = 0; i < 3; i++) simulator.addOrder(order(`444-000000${i}-0000001`, i, 3));
    const orders = await clock.drive(async () => {
      const out = [];
      for await (const item of amazon.listOrders({ since: '2025-12-31T00:00:00Z' })) out.push(item);
      return out;
    });
    expect(
      orders.map((item) => [
        item.lineItems.length,
        item.buyer?.name,
        item.shippingAddress?.city,
        item.totals.total.amountMinor,
      ]),
    ).toEqual(Array.from({ length: 3 }, () => [3, 'Jane Buyer', 'Seattle', 3050]));
    const stats = simulator.stats().operations;
    // Items come two a page in the simulator: 2 getOrderItems calls per order of 3 items.
    expect([
      stats.getOrders!.calls,
      stats.getOrderItems!.calls,
      stats.getOrderBuyerInfo!.calls,
      stats.getOrderAddress!.calls,
      stats.createRestrictedDataToken!.calls,
    ]).toEqual([1, 6, 3, 3, 6]);
    expect(stats.searchOrders).toBeUndefined();
  });

  it('refuses buyer data without a Restricted Data Token (Orders v0)', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addOrder(order('333-0000000-0000001', 1));
    const error = await clock
      .drive(() =>
        amazon.client.send({
          operation: 'getOrderAddress',
          method: 'GET',
          path: '/orders/v0/orders/333-0000000-0000001/address',
        }),
      )
      .catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
  });
});

describe('inventory, finances, catalog, notifications', () => {
  it('reads FBA inventory in calls of at most 50 SKUs', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 120; i++)
      simulator.addListing({ sku: `I-${i}`, price: money(100, 'USD'), fba: { fulfillable: i, reserved: 1 } });
    const levels = await clock.drive(() =>
      amazon.getInventory({ skus: Array.from({ length: 120 }, (_, i) => `I-${i}`) }),
    );
    expect(levels).toHaveLength(120);
    expect(levels.find((level) => level.sku === 'I-7')).toMatchObject({
      available: 7,
      reserved: 1,
      onHand: 8,
      locationId: `AFN:${US}`,
    });
    expect(simulator.stats().operations.getInventorySummaries!.calls).toBe(3);
  });

  it('maps financial events to canonical events in minor units (Finances v0)', async () => {
    const { amazon, simulator, clock } = setup(server, {}, { financesApi: 'v0' });
    simulator.setFinancialEvents({
      ShipmentEventList: [
        {
          AmazonOrderId: '111-1',
          PostedDate: '2026-01-01T00:00:00Z',
          ShipmentItemList: [
            {
              ItemChargeList: [
                { ChargeType: 'Principal', ChargeAmount: { CurrencyCode: 'USD', CurrencyAmount: 19.99 } },
              ],
              ItemFeeList: [{ FeeType: 'Commission', FeeAmount: { CurrencyCode: 'USD', CurrencyAmount: -3 } }],
            },
          ],
        },
      ],
      ServiceFeeEventList: [
        {
          FeeReason: 'Subscription',
          FeeList: [{ FeeType: 'Subscription', FeeAmount: { CurrencyCode: 'USD', CurrencyAmount: -39.99 } }],
        },
      ],
    });
    const events = await clock.drive(async () => {
      const out = [];
      for await (const event of amazon.listFinancialEvents({ since: '2025-12-01T00:00:00Z' })) out.push(event);
      return out;
    });
    expect(events.map((event) => [event.type, event.amount.amountMinor])).toEqual([
      ['sale', 1999],
      ['fee', -300],
      ['fee', -3999],
    ]);
    const forOrder = await clock.drive(async () => {
      const out = [];
      for await (const event of amazon.listFinancialEvents({ orderId: '111-1' })) out.push(event);
      return out;
    });
    expect(forOrder.map((event) => event.type)).toEqual(['sale', 'fee']);
  });

  it('searches and gets catalog items', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'C-1', price: money(100, 'USD'), title: 'Blue Teapot', asin: 'B0TEAPOT01' });
    const found = await clock.drive(() =>
      amazon.client.searchCatalogItems<{ items: { asin: string }[] }>({ keywords: ['teapot'] }),
    );
    expect(found.items.map((item) => item.asin)).toEqual(['B0TEAPOT01']);
    const item = await clock.drive(() => amazon.client.getCatalogItem<{ asin: string }>('B0TEAPOT01'));
    expect(item.asin).toBe('B0TEAPOT01');
  });

  it('manages destinations (grantless token) and subscriptions', async () => {
    const { amazon, simulator, clock } = setup(server);
    const grants: string[] = [];
    server.events.on('request:start', async ({ request }) => {
      if (request.url.startsWith('https://api.amazon.com/'))
        grants.push(new URLSearchParams(await request.clone().text()).get('grant_type') ?? '');
    });
    const destination = await clock.drive(() =>
      amazon.notifications.createDestination('orders', { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } }),
    );
    const subscription = await clock.drive(() =>
      amazon.notifications.subscribe('ORDER_CHANGE', destination.destinationId),
    );
    expect(await clock.drive(() => amazon.notifications.subscribe('ORDER_CHANGE', destination.destinationId))).toEqual(
      subscription,
    );
    await clock.drive(() => amazon.notifications.unsubscribe('ORDER_CHANGE', subscription.subscriptionId));
    expect(await clock.drive(() => amazon.notifications.getSubscription('ORDER_CHANGE'))).toBeUndefined();
    expect(await clock.drive(() => amazon.notifications.listDestinations())).toHaveLength(1);
    expect(simulator.state.subscriptions.size).toBe(0);
    expect(grants.sort()).toEqual(['client_credentials', 'refresh_token']);
    server.events.removeAllListeners();
  });

  it('refreshes an access token that expires mid-run and sends the call once more', async () => {
    const { amazon, simulator, clock } = setup(server, {});
    simulator.addListing({ sku: 'E-1', price: money(100, 'USD'), quantity: 1 });
    await clock.drive(() => amazon.getProduct('E-1'));
    simulator.expireTokens();
    const result = await clock.drive(() => amazon.updateListings([{ sku: 'E-1', quantity: 9 }], { via: 'patch' }));
    expect(result.succeeded).toBe(1);
    expect(simulator.state.listings.get('E-1')!.quantity).toBe(9);
  });

  it('shares one token refresh between concurrent requests (single flight)', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 5; i++) simulator.addListing({ sku: `L-${i}`, price: money(100, 'USD') });
    let tokenCalls = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.startsWith('https://api.amazon.com/')) tokenCalls++;
    });
    await clock.drive(() => Promise.all(Array.from({ length: 5 }, (_, i) => amazon.getProduct(`L-${i}`))));
    expect(tokenCalls).toBe(1);
    server.events.removeAllListeners();
  });
});
