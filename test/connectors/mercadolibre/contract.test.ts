import { describe, expect, it } from 'vitest';
import { OAuthClient } from '../../../src/auth/oauth-client.js';
import {
  createMercadoLibreNotifications,
  mercadolibreOAuthConfig,
  MercadoLibreMarketplace,
} from '../../../src/connectors/mercadolibre/index.js';
import { itemToProduct } from '../../../src/connectors/mercadolibre/mapper/items.js';
import { orderToCanonical } from '../../../src/connectors/mercadolibre/mapper/orders.js';
import { userProductLevels } from '../../../src/connectors/mercadolibre/operations/user-product-stock.js';
import { money } from '../../../src/model/money.js';
import { checkRequest, DOC_EXAMPLES, REQUESTS, RESPONSES } from './contract.js';
import { CLIENT_SECRET, recordRequests, setup, useMsw } from './harness.js';

const server = useMsw();

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('every request the connector sends conforms to the documented contract', () => {
  it('a tour of every operation: each request matches its schema, and every documented request is exercised', async () => {
    const { ml, simulator, clock, store } = setup(server, { notifyChanges: true });
    const recorder = recordRequests(server);
    const { catalog } = simulator;
    const mug = catalog.addItem({ title: 'Mug', price: 1500, quantity: 3, sku: 'MUG-1' });
    const tee = catalog.addItem({
      title: 'Tee',
      price: 9999.5,
      variations: [
        { sku: 'TEE-RED', quantity: 2, options: { Color: 'Rojo' } },
        { sku: 'TEE-BLUE', quantity: 4, options: { Color: 'Azul' } },
      ],
    });
    catalog.addItem({ title: 'Legacy', price: 10, quantity: 1, sku: 'OLD-1', skuInCustomField: true });
    for (let i = 0; i < 12; i++) catalog.addItem({ title: `Filler ${i}`, price: 100 + i, quantity: 1, sku: `F-${i}` });
    const run = <T>(work: () => Promise<T>) => clock.drive(work);

    expect(await run(() => drain(ml.listProducts({ pageSize: 5 })))).toHaveLength(15);
    expect((await run(() => ml.getProduct(tee.id))).offers.map((offer) => offer.sku)).toEqual(['TEE-RED', 'TEE-BLUE']);
    const created = await run(() =>
      ml.upsertProducts([
        {
          title: 'Bowl',
          categoryId: 'MLA1902',
          offers: [{ sku: 'BOWL-1', price: money(250000, 'ARS') }],
          images: ['https://img.example/bowl.jpg'],
          attributes: { MODEL: 'B1' },
        },
        {
          title: 'Cap',
          categoryId: 'MLA1903',
          offers: [
            { sku: 'CAP-S', price: money(50000, 'ARS'), options: { Talle: 'S' } },
            { sku: 'CAP-M', price: money(50000, 'ARS'), options: { Talle: 'M' } },
          ],
        },
      ]),
    );
    expect(created.succeeded).toBe(2);
    const bowl = created.items[0]!.ok ? created.items[0]!.value : undefined;
    expect(
      (
        await run(() =>
          ml.upsertProducts([
            { id: bowl!.id, title: 'Bowl XL', offers: [{ sku: 'BOWL-1', price: money(260000, 'ARS') }] },
          ]),
        )
      ).succeeded,
    ).toBe(1);
    expect(
      (
        await run(() =>
          ml.updatePrices([
            { sku: 'MUG-1', price: money(175050, 'ARS') },
            { sku: 'TEE-RED', price: money(1000000, 'ARS') },
          ]),
        )
      ).succeeded,
    ).toBe(2);
    expect(
      (
        await run(() =>
          ml.setInventory([
            { sku: 'MUG-1', quantity: 9 },
            { sku: 'TEE-BLUE', quantity: 1 },
            { sku: 'OLD-1', quantity: 4 },
          ]),
        )
      ).succeeded,
    ).toBe(3);
    expect(await run(() => ml.getInventory({ skus: ['MUG-1', 'TEE-BLUE'] }))).toMatchObject([
      { sku: 'MUG-1', available: 9 },
      { sku: 'TEE-BLUE', available: 1 },
    ]);
    expect((await run(() => ml.deleteProducts([bowl!.id]))).succeeded).toBe(1);

    const me1 = catalog.placeOrder({ itemId: mug.id, shipping: 'me1' });
    const unshippable = catalog.placeOrder({ itemId: mug.id, shipping: 'none' });
    expect((await run(() => drain(ml.listOrders({ since: '2025-12-31T00:00:00Z' })))).map((order) => order.id)).toEqual(
      [String(me1.id), String(unshippable.id)],
    );
    expect((await run(() => drain(ml.listOrders({ status: ['unshipped'] })))).length).toBe(2);
    expect((await run(() => ml.getOrder(String(me1.id)))).status).toBe('unshipped');
    expect(
      (
        await run(() =>
          ml.confirmShipment([
            {
              orderId: String(me1.id),
              carrier: '11',
              trackingNumber: 'OP123456789AR',
              trackingUrl: 'https://track.example/OP123456789AR',
              shippedAt: '2026-01-01T10:00:00.000Z',
            },
          ]),
        )
      ).succeeded,
    ).toBe(1);
    expect(
      (await run(() => ml.cancelOrder([{ orderId: String(unshippable.id), reason: 'out_of_stock' }]))).succeeded,
    ).toBe(1);
    expect((await run(() => ml.healthCheck())).ok).toBe(true);

    // Multi-warehouse seller: stock per warehouse through user products.
    const warehouse = catalog.addSeller({ id: 777000111, siteId: 'MLA' });
    catalog.enableWarehouses(warehouse.id);
    const wItem = catalog.addItem({ title: 'Kettle', price: 30000, sku: 'KET-1', sellerId: warehouse.id });
    catalog.setStockLocations(wItem.id, [
      { type: 'seller_warehouse', store_id: '9876543', network_node_id: 'MXP123451', quantity: 15 },
      { type: 'seller_warehouse', store_id: '9876553', network_node_id: 'MXP123452', quantity: 25 },
    ]);
    const sItem = catalog.addItem({ title: 'Pan', price: 20000, sku: 'PAN-1', sellerId: warehouse.id });
    catalog.setStockLocations(sItem.id, [
      { type: 'selling_address', quantity: 5 },
      { type: 'meli_facility', quantity: 7 },
    ]);
    const multi = new MercadoLibreMarketplace(
      {
        site: 'MLA',
        sellerId: warehouse.id,
        credentials: {
          clientId: simulator.applicationId,
          clientSecret: CLIENT_SECRET,
          refreshToken: simulator.tokens.grant(warehouse.id),
        },
        timeoutMs: 0,
        stock: 'auto',
      },
      { clock, store },
    );
    expect(await run(() => multi.stockMode())).toBe('user-products');
    expect(await run(() => multi.getInventory({ skus: ['KET-1'] }))).toHaveLength(2);
    expect(
      (
        await run(() =>
          multi.setInventory([
            { sku: 'KET-1', locationId: '9876553', quantity: 20, expectedVersion: 1 },
            { sku: 'PAN-1', quantity: 2 },
          ]),
        )
      ).succeeded,
    ).toBe(2);

    // Notifications: a question delivered late, recovered from the missed feeds.
    catalog.addResource('/questions/5036111111', {
      id: 5036111111,
      item_id: mug.id,
      text: '¿Tiene stock?',
      status: 'UNANSWERED',
    });
    simulator.notify('questions', '/questions/5036111111', { missed: true });
    const seen: string[] = [];
    const notifications = createMercadoLibreNotifications({
      applicationId: simulator.applicationId,
      sellers: [ml],
      handlers: { '*': (event) => void seen.push(event.resource) },
      context: { clock, store },
    });
    expect((await run(() => notifications.recoverMissedFeeds({ topics: ['questions'] }))).processed).toBe(1);
    expect(seen).toEqual(['/questions/5036111111']);

    // The authorisation-code flow of a new seller.
    const oauth = new OAuthClient(
      mercadolibreOAuthConfig({
        site: 'MLA',
        clientId: simulator.applicationId,
        clientSecret: CLIENT_SECRET,
        redirectUri: 'https://app.example.com/oauth/ml',
        requestTimeoutMs: 0,
      }),
      { context: { clock, store } },
    );
    const { url } = await oauth.createAuthorizationUrl({ connectionId: 'new-seller' });
    expect(new URL(url).origin).toBe('https://auth.mercadolibre.com.ar');
    const done = await run(() =>
      oauth.completeAuthorization({
        code: simulator.tokens.code(simulator.sellerId),
        state: new URL(url).searchParams.get('state')!,
      }),
    );
    expect(done.isOk() ? 'ok' : done.error).toBe('ok');

    recorder.stop();
    const requests = await recorder.all();
    const checked = requests.map((request) => ({
      request: `${request.method} ${request.path}`,
      ...checkRequest(request),
    }));
    expect(checked.filter((entry) => entry.problems.length > 0)).toEqual([]);
    const exercised = new Set(checked.map((entry) => entry.name));
    expect(REQUESTS.map((entry) => entry.name).filter((name) => !exercised.has(name))).toEqual([]);
  });
});

describe("the simulator answers in the documented shapes, and the documentation's examples map", () => {
  it('tokens, items, searches, stock, orders, shipments, notifications and errors', async () => {
    const { simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [{ sku: 'T-1', quantity: 2, options: { Color: 'Rojo' } }],
    });
    simulator.catalog.setStockLocations(
      item.id,
      [{ type: 'seller_warehouse', store_id: '1', quantity: 2 }],
      item.variations![0]!.id,
    );
    const order = simulator.catalog.placeOrder({
      itemId: item.id,
      variationId: item.variations![0]!.id,
      shipping: 'me1',
      missed: true,
    });
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: simulator.applicationId,
      client_secret: CLIENT_SECRET,
      refresh_token: simulator.tokens.grant(simulator.sellerId),
    });
    const token = RESPONSES.token.parse(
      await (
        await simulator.fetch(simulator.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        })
      ).json(),
    );
    const get = async (path: string, headers: Record<string, string> = {}) =>
      (
        await simulator.fetch(`${simulator.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${token.access_token}`, ...headers },
        })
      ).json();
    RESPONSES.itemSearch.parse(await get(`/users/${simulator.sellerId}/items/search?search_type=scan&limit=10`));
    RESPONSES.item.parse(await get(`/items/${item.id}`));
    for (const entry of (await get(`/items?ids=${item.id},MLA999`)) as { body: unknown }[])
      RESPONSES.item.or(RESPONSES.error).parse(entry.body);
    RESPONSES.userProductStock.parse(await get(`/user-products/${item.variations![0]!.user_product_id}/stock`));
    RESPONSES.orderSearch.parse(await get(`/orders/search?seller=${simulator.sellerId}`));
    RESPONSES.order.parse(await get(`/orders/${order.id}`));
    RESPONSES.shipment.parse(await get(`/shipments/${order.shipping!.id}`, { 'x-format-new': 'true' }));
    const feeds = RESPONSES.missedFeeds.parse(
      await get(`/missed_feeds?app_id=${simulator.applicationId}&offset=0&limit=50`),
    );
    RESPONSES.notification.parse(feeds.messages[0]);
    RESPONSES.error.parse(await get('/items/MLA999'));
    void clock;
  });

  it("maps the documentation's examples: an item, an order, a user product's warehouses, a notification", () => {
    const product = itemToProduct(DOC_EXAMPLES.item)._unsafeUnwrap();
    expect(product).toMatchObject({
      id: 'MLA1136716168',
      status: 'active',
      categoryId: 'MLA109027',
      offers: [{ sku: 'MLA1136716168', price: money(1500000, 'ARS'), condition: 'new' }],
      attributes: { listing_type_id: 'gold_pro' },
    });
    expect(RESPONSES.item.safeParse(DOC_EXAMPLES.item).success).toBe(true);
    const order = orderToCanonical(DOC_EXAMPLES.order)._unsafeUnwrap();
    expect(order).toMatchObject({
      id: '2000003508419013',
      status: 'unshipped',
      currency: 'BRL',
      createdAt: '2013-05-27T14:01:50.000Z',
      lineItems: [{ sku: 'MLB12345678', quantity: 1, unitPrice: money(49900, 'BRL') }],
      totals: { total: money(49900, 'BRL') },
    });
    expect(RESPONSES.order.safeParse(DOC_EXAMPLES.order).success).toBe(true);
    expect(
      userProductLevels('K-1', DOC_EXAMPLES.userProductStock, '3', 0).map((level) => [
        level.locationId,
        level.available,
        level.version,
      ]),
    ).toEqual([
      ['9876543', 15, 3],
      ['9876553', 25, 3],
    ]);
    expect(RESPONSES.userProductStock.safeParse(DOC_EXAMPLES.userProductStock).success).toBe(true);
    expect(RESPONSES.notification.safeParse(DOC_EXAMPLES.notification).success).toBe(true);
  });
});
