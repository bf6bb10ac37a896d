import { describe, expect, it } from 'vitest';
import { BolClient, resolveBolEndpoints } from '../../../src/connectors/bol/index.js';
import { orderFromBol } from '../../../src/connectors/bol/mapper/order.js';
import { factsOfRetailerOffer, offerToProduct } from '../../../src/connectors/bol/mapper/offer.js';
import { settle } from '../../../src/connectors/bol/process-status/outcome.js';
import * as requests from '../../../src/connectors/bol/requests/index.js';
import type { BolOrder, BolProcessStatus, BolRetailerOffer } from '../../../src/connectors/bol/types.js';
import { createContext } from '../../../src/core/context.js';
import { money } from '../../../src/model/money.js';
import { checkRequest, exampleOf, operations } from './openapi.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const client = new BolClient({ context: createContext(), endpoints: resolveBolEndpoints({}) });

/** The Request the pipeline would send for a built request (headers as `BolClient.send` sets them). */
function toRequest(built: requests.BolRequest): Request {
  const url = new URL(client.url(built));
  for (const [name, value] of Object.entries(built.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: built.accept ?? 'application/vnd.retailer.v10+json' };
  if (built.json !== undefined) headers['content-type'] = 'application/vnd.retailer.v10+json';
  return new Request(url, {
    method: built.method,
    headers,
    ...(built.json !== undefined ? { body: JSON.stringify(built.json) } : {}),
  });
}

describe('bol.com requests against the Retailer API v10 and Shared API v10 contracts', () => {
  it('every request builder produces a request the contract accepts', async () => {
    const built: requests.BolRequest[] = [
      requests.getOfferRequest('6ff736b5-cdd0-4150-8c67-78269ee986f5'),
      requests.createOfferRequest({
        ean: '0000007740404',
        condition: { name: 'GOOD', comment: 'Small scratch.' },
        reference: 'REF12345',
        onHoldByRetailer: false,
        unknownProductTitle: 'Mug',
        pricing: {
          bundlePrices: [
            { quantity: 1, unitPrice: 9.99 },
            { quantity: 6, unitPrice: 8.99 },
          ],
        },
        stock: { amount: 6, managedByRetailer: true },
        fulfilment: { method: 'FBR', deliveryCode: '1-2d' },
      }),
      requests.updateOfferRequest('o-1', { reference: 'REF', onHoldByRetailer: true, fulfilment: { method: 'FBB' } }),
      requests.deleteOfferRequest('o-1'),
      requests.updatePriceRequest('o-1', { bundlePrices: [{ quantity: 1, unitPrice: 9999 }] }),
      requests.updateStockRequest('o-1', { amount: 999, managedByRetailer: false }),
      requests.createOfferExportRequest(),
      requests.getOfferExportRequest('2d8599c8-b214-448f-961e-783d7f0c8c3d'),
      requests.getOrdersRequest({
        page: 2,
        fulfilmentMethod: 'ALL',
        status: 'OPEN',
        changeIntervalMinute: 30,
        latestChangeDate: '2026-01-05',
      }),
      requests.getOrderRequest('A2K8290LP8'),
      requests.cancelOrderItemRequest('2012345678', 'REQUESTED_BY_CUSTOMER'),
      requests.createShipmentRequest({
        orderItems: [{ orderItemId: '2012345678', quantity: 1 }],
        shipmentReference: 'B321SR',
        transport: { transporterCode: 'TNT', trackAndTrace: '3SBOL0987654321' },
      }),
      requests.getProcessStatusRequest('1234567'),
      requests.bulkProcessStatusRequest(['1', '2']),
      requests.processStatusByEntityRequest('987654321', 'CREATE_SHIPMENT', 2),
      requests.listSubscriptionsRequest(),
      requests.getSubscriptionRequest('1234'),
      requests.createSubscriptionRequest({
        resources: ['PROCESS_STATUS', 'SHIPMENT'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
        enabled: true,
      }),
      requests.updateSubscriptionRequest('1234', {
        resources: ['OFFER_FOR_SALE'],
        url: 'projects/p/topics/t',
        subscriptionType: 'GCP_PUBSUB',
      }),
      requests.deleteSubscriptionRequest('1234'),
      requests.testSubscriptionRequest('1234'),
      requests.signatureKeysRequest(),
      requests.getRetailerRequest(),
      requests.getInventoryRequest({ page: 1, query: '0000007740404' }),
    ];
    const problems: string[] = [];
    const matched = new Set<string>();
    for (const request of built) {
      const checked = await checkRequest(toRequest(request));
      problems.push(...checked.problems);
      if (checked.operationId) matched.add(checked.operationId);
    }
    expect(problems).toEqual([]);
    expect(matched.size).toBe(built.length);
  });

  it('rejects what the contract forbids (the checker is not a rubber stamp)', async () => {
    const wrong = [
      requests.updateStockRequest('o-1', { amount: 1000, managedByRetailer: true }),
      requests.updatePriceRequest('o-1', { bundlePrices: [] }),
      {
        ...requests.cancelOrderItemRequest('1', 'OUT_OF_STOCK'),
        json: {
          orderItems: [
            { orderItemId: '1', reasonCode: 'OUT_OF_STOCK' },
            { orderItemId: '2', reasonCode: 'OUT_OF_STOCK' },
          ],
        },
      },
      { ...requests.getOrdersRequest(), query: { status: 'EVERYTHING' } },
      { ...requests.getOfferRequest('o-1'), accept: 'application/json' },
    ];
    for (const request of wrong)
      expect((await checkRequest(toRequest(request as requests.BolRequest))).problems, request.operation).not.toEqual(
        [],
      );
  });

  it('every request the connector sends in a full scenario matches the contract', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    const h = setup({
      server,
      inspect: async (request) => {
        if (request.url.startsWith('https://login.bol.com/')) return;
        const checked = await checkRequest(request);
        problems.push(...checked.problems);
        if (checked.operationId) seen.add(checked.operationId);
      },
      config: { deliveryCode: '1-2d' },
    });
    const fbr = h.simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 4 });
    const fbb = h.simulator.addOffer({ ean: '8712626055150', price: 24.5, stock: 7, fulfilment: 'FBB' });
    const order = h.simulator.addOrder({ items: [{ offerId: fbr.offerId, quantity: 1 }] });
    const second = h.simulator.addOrder({ items: [{ offerId: fbr.offerId, quantity: 2 }] });
    await h.run(async () => {
      const products = [];
      for await (const product of h.bol.listProducts()) products.push(product);
      expect(products).toHaveLength(2);
      await h.bol.getProduct(fbr.offerId);
      expect((await h.bol.setInventory([{ sku: fbr.ean, quantity: 5 }])).failed).toBe(0);
      expect((await h.bol.updatePrices([{ sku: fbr.ean, price: money(1099, 'EUR') }])).failed).toBe(0);
      expect(
        (
          await h.bol.updateBundlePrices([
            {
              sku: fbr.ean,
              bundlePrices: [
                { quantity: 1, unitPrice: money(1099, 'EUR') },
                { quantity: 4, unitPrice: money(999, 'EUR') },
              ],
            },
          ])
        ).failed,
      ).toBe(0);
      expect(await h.bol.getInventory({ skus: [fbr.ean, fbb.ean] })).toHaveLength(2);
      const created = await h.bol.upsertProducts([
        { title: 'Lamp', offers: [{ sku: '8712626055167', price: money(3995, 'EUR') }] },
      ]);
      expect(created.failed).toBe(0);
      const id = created.items[0]!.ok ? created.items[0]!.value.id : '';
      expect(
        (
          await h.bol.upsertProducts([
            { id, title: 'Lamp', status: 'draft', offers: [{ sku: '8712626055167', price: money(3895, 'EUR') }] },
          ])
        ).failed,
      ).toBe(0);
      expect((await h.bol.deleteProducts([id])).failed).toBe(0);
      const orders = [];
      for await (const listed of h.bol.listOrders()) orders.push(listed);
      expect(orders).toHaveLength(2);
      expect(
        (
          await h.bol.confirmShipment([
            {
              orderId: order.orderId,
              carrier: 'PostNL',
              trackingNumber: '3SBOL0987654321',
              shippedAt: new Date(h.clock.now()).toISOString(),
            },
          ])
        ).failed,
      ).toBe(0);
      expect((await h.bol.cancelOrder([{ orderId: second.orderId, reason: 'out_of_stock' }])).failed).toBe(0);
      const subscription = await h.bol.notifications.create({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
      });
      await h.bol.notifications.list();
      await h.bol.notifications.update(subscription.id, {
        resources: ['PROCESS_STATUS', 'SHIPMENT'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
        enabled: true,
      });
      await h.bol.notifications.test(subscription.id);
      await h.bol.notifications.signatureKeys();
      await h.bol.notifications.delete(subscription.id);
      expect((await h.bol.healthCheck()).ok).toBe(true);
      // A batch of writes is polled in bulk; a single one alone.
      const a = h.simulator.addOffer({ ean: '8712626055174', price: 5, stock: 1 });
      await h.bol.refreshOfferIndex();
      expect(
        (
          await h.bol.setInventory([
            { sku: a.ean, quantity: 2 },
            { sku: fbr.ean, quantity: 3 },
          ])
        ).failed,
      ).toBe(0);
    });
    expect(problems).toEqual([]);
    const used = [...seen].sort();
    expect(used).toEqual(
      [
        'post-offer-export',
        'get-process-status',
        'get-offer-export',
        'get-offer',
        'update-offer-stock',
        'get-process-status-bulk',
        'update-offer-price',
        'get-inventory',
        'post-offer',
        'put-offer',
        'delete-offer',
        'get-orders',
        'get-order',
        'create-shipment',
        'cancel-order-item',
        'post-push-notification-subscription',
        'get-push-notification-subscription',
        'get-push-notification-subscriptions',
        'put-push-notification-subscription',
        'post-test-push-notification',
        'get-subscription-keys',
        'delete-push-notification-subscription',
        'get-retailer-information',
      ].sort(),
    );
    expect(operations.length).toBeGreaterThan(used.length);
  });
});

describe("the contract's examples, read by the mappers", () => {
  it('maps the RetailerOffer example to a canonical product with exact money', () => {
    const offer = exampleOf('retailer', 'RetailerOffer') as BolRetailerOffer;
    const product = offerToProduct(factsOfRetailerOffer(offer), 'ean')._unsafeUnwrap();
    expect(product).toMatchObject({
      id: offer.offerId,
      title: 'Product Title',
      offers: [
        { sku: offer.ean, externalId: offer.offerId, barcode: offer.ean, price: { amountMinor: 999, currency: 'EUR' } },
      ],
    });
    expect(product.attributes).toMatchObject({
      'bol:condition': 'AS_NEW',
      'bol:fulfilment': 'FBR',
      'bol:reference': 'REF12345',
      'bol:stock': '6',
      'bol:correctedStock': '5',
    });
    expect(product.offers[0]!.condition).toBe('used');
  });

  it('maps the Order example to a canonical order', () => {
    const order = exampleOf('retailer', 'Order') as BolOrder;
    const mapped = orderFromBol(order, 'reference')._unsafeUnwrap();
    expect(mapped).toMatchObject({
      id: 'A2K8290LP8',
      marketplace: 'bol',
      currency: 'EUR',
      status: 'shipped',
      lineItems: [
        {
          id: '2012345678',
          sku: 'BOLCOM00123',
          quantity: 10,
          quantityShipped: 10,
          unitPrice: { amountMinor: 1299, currency: 'EUR' },
        },
      ],
    });
    expect(mapped.totals.total).toEqual({ amountMinor: 11891, currency: 'EUR' });
    expect(mapped.shippingAddress).toMatchObject({
      line1: 'Dorpstraat 1 B',
      city: 'Utrecht',
      postalCode: '1111ZZ',
      countryCode: 'NL',
      name: 'Billie Jansen',
    });
  });

  it('reads the ProcessStatus examples of both documents', () => {
    for (const api of ['retailer', 'shared'] as const) {
      const status = exampleOf(api, 'ProcessStatus') as BolProcessStatus;
      expect(settle(status)).toEqual({
        id: '1234567',
        state: 'SUCCESS',
        eventType: 'CREATE_SHIPMENT',
        entityId: '987654321',
        errorMessage: 'Example process status error message.',
      });
    }
  });
});
