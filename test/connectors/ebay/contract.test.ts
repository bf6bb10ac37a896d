import { describe, expect, it } from 'vitest';
import { EBAY_OPERATIONS } from '../../../src/connectors/ebay/index.js';
import * as requests from '../../../src/connectors/ebay/requests/index.js';
import type { EbayRequest } from '../../../src/connectors/ebay/requests/index.js';
import { buildUrl } from '../../../src/http/url.js';
import { money } from '../../../src/model/money.js';
import { signEbayTestRequest } from '../../../src/connectors/ebay/simulator/test-key.js';
import { contractGate, findOperation, validateRequest } from './openapi.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const BASE = 'https://api.ebay.com';
const token = 'verification_token-0123456789abcdefABCDEF';
const destination = {
  name: 'main',
  status: 'ENABLED' as const,
  deliveryConfig: { endpoint: 'https://app.example.com/ebay/notifications', verificationToken: token },
};
const payload = { format: 'JSON' as const, schemaVersion: '1.0', deliveryProtocol: 'HTTPS' as const };

/** Every request document the connector builds, in every shape it takes. */
const built: EbayRequest[] = [
  requests.getInventoryItemsRequest({ limit: 100, offset: 0 }),
  requests.getInventoryItemsRequest(),
  requests.getInventoryItemRequest('MUG 1/blue'),
  requests.createOrReplaceInventoryItemRequest(
    'MUG-1',
    {
      sku: 'MUG-1',
      locale: 'en_US',
      condition: 'NEW',
      conditionDescription: 'Boxed',
      product: {
        title: 'Mug',
        description: 'A mug',
        brand: 'Acme',
        mpn: 'M1',
        imageUrls: ['https://img.example/1.jpg'],
        aspects: { Colour: ['Blue', 'White'] },
        ean: ['4006381333931'],
        upc: ['012345678905'],
      },
      availability: {
        shipToLocationAvailability: {
          quantity: 7,
          availabilityDistributions: [{ merchantLocationKey: 'WH-1', quantity: 7 }],
        },
      },
    },
    'en-US',
  ),
  requests.deleteInventoryItemRequest('MUG-1'),
  requests.bulkGetInventoryItemRequest(['MUG-1', 'MUG-2']),
  requests.bulkUpdatePriceQuantityRequest([
    {
      sku: 'MUG-1',
      shipToLocationAvailability: { quantity: 5 },
      offers: [{ offerId: '5005317010', price: { value: '12.99', currency: 'USD' }, availableQuantity: 5 }],
    },
    {
      sku: 'MUG-2',
      shipToLocationAvailability: {
        quantity: 3,
        availabilityDistributions: [{ merchantLocationKey: 'WH-1', quantity: 3 }],
      },
    },
  ]),
  requests.getInventoryLocationsRequest({ limit: 1 }),
  requests.getInventoryLocationRequest('WH-1'),
  requests.createInventoryLocationRequest('WH-1', {
    name: 'Main',
    locationTypes: ['WAREHOUSE'],
    merchantLocationStatus: 'ENABLED',
    location: { address: { postalCode: '95125', country: 'US' } },
  }),
  requests.getOffersRequest({ sku: 'MUG-1', marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', limit: 10, offset: 0 }),
  requests.getOffersRequest({ sku: 'MUG-1' }),
  requests.getOfferRequest('5005317010'),
  requests.createOfferRequest(
    {
      sku: 'MUG-1',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      categoryId: '20625',
      listingDescription: 'A mug',
      listingPolicies: { fulfillmentPolicyId: '1', paymentPolicyId: '2', returnPolicyId: '3' },
      merchantLocationKey: 'WH-1',
      pricingSummary: {
        price: { value: '12.99', currency: 'USD' },
        originalRetailPrice: { value: '15.00', currency: 'USD' },
      },
    },
    'en-US',
  ),
  requests.updateOfferRequest(
    '5005317010',
    {
      sku: 'MUG-1',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      offerId: '5005317010',
      status: 'PUBLISHED',
      listing: { listingId: '1' },
      availableQuantity: 3,
      pricingSummary: { price: { value: '9.99', currency: 'USD' } },
    } as never,
    'en-US',
  ),
  requests.deleteOfferRequest('5005317010'),
  requests.publishOfferRequest('5005317010'),
  requests.withdrawOfferRequest('5005317010'),
  requests.getOrdersRequest({
    filter: { lastModifiedDate: { from: '2026-01-01T00:00:00.000Z' }, fulfillment: 'open' },
    limit: 200,
    offset: 0,
  }),
  requests.getOrdersRequest({
    filter: {
      creationDate: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' },
      fulfillment: 'closed',
    },
    fieldGroups: 'TAX_BREAKDOWN',
  }),
  requests.getOrdersRequest({ orderIds: ['12-03456-78901', '12-03456-78902'] }),
  requests.getOrderRequest('12-03456-78901'),
  requests.getOrderRequest('12-03456-78901', 'TAX_BREAKDOWN'),
  requests.getShippingFulfillmentsRequest('12-03456-78901'),
  requests.createShippingFulfillmentRequest('12-03456-78901', {
    lineItems: [{ lineItemId: '10000000001', quantity: 1 }],
    shippedDate: '2026-01-02T10:00:00.000Z',
    shippingCarrierCode: 'USPS',
    trackingNumber: '9400100000000000000000',
  }),
  requests.getPublicKeyRequest('9936261a-7d7b-4621-a0f1-96ccb428af49'),
  requests.getTopicRequest('MARKETPLACE_ACCOUNT_DELETION'),
  requests.getTopicsRequest({ limit: 100, continuationToken: 'abc' }),
  requests.getDestinationsRequest({ limit: 100 }),
  requests.createDestinationRequest(destination),
  requests.getDestinationRequest('d-1'),
  requests.updateDestinationRequest('d-1', { ...destination, status: 'DISABLED' }),
  requests.deleteDestinationRequest('d-1'),
  requests.getSubscriptionsRequest({ limit: 100 }, 'application'),
  requests.createSubscriptionRequest(
    { topicId: 'MARKETPLACE_ACCOUNT_DELETION', destinationId: 'd-1', status: 'ENABLED', payload },
    'application',
  ),
  requests.getSubscriptionRequest('s-1'),
  requests.updateSubscriptionRequest('s-1', { destinationId: 'd-1', status: 'DISABLED', payload }),
  requests.deleteSubscriptionRequest('s-1'),
  requests.setSubscriptionEnabledRequest('s-1', true),
  requests.setSubscriptionEnabledRequest('s-1', false),
  requests.testSubscriptionRequest('s-1'),
];

function asSent(request: EbayRequest) {
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  return {
    method: request.method,
    url: buildUrl(BASE, request.path, request.query),
    headers,
    ...(request.json !== undefined ? { body: JSON.parse(JSON.stringify(request.json)) } : {}),
  };
}

/**
 * The Post-Order API has no OpenAPI document; its request bodies are checked against the
 * fields eBay documents for CreateCancelRequest and OrderEligibilityCheckInfo (Post-Order API
 * reference, "POST /post-order/v2/cancellation").
 */
function postOrderProblems(request: EbayRequest): string[] {
  const body = request.json as Record<string, unknown>;
  const allowed = request.path.endsWith('/check_eligibility')
    ? ['legacyOrderId']
    : ['legacyOrderId', 'cancelReason', 'buyerPaid', 'buyerPaidDate'];
  const problems = Object.keys(body)
    .filter((key) => !allowed.includes(key))
    .map((key) => `unknown field ${key}`);
  if (typeof body.legacyOrderId !== 'string') problems.push('legacyOrderId is required');
  if (
    !request.path.endsWith('/check_eligibility') &&
    !['OUT_OF_STOCK_OR_CANNOT_FULFILL', 'BUYER_ASKED_CANCEL', 'ADDRESS_ISSUES'].includes(String(body.cancelReason))
  )
    problems.push('cancelReason is not a seller reason');
  if (body.buyerPaidDate !== undefined && typeof (body.buyerPaidDate as { value?: unknown }).value !== 'string')
    problems.push('buyerPaidDate.value must be a timestamp');
  return problems;
}

describe('eBay contract: every request the connector builds conforms to the OpenAPI documents', () => {
  it('validates each built request against its operation', () => {
    const problems: string[] = [];
    for (const request of built) {
      const sent = asSent(request);
      const { operation, problems: found } = validateRequest(sent);
      problems.push(...found.map((problem) => `${request.operation}: ${problem}`));
      if (
        operation &&
        operation.operationId !== request.operation &&
        !(operation.operationId === 'test' && request.operation === 'testSubscription')
      ) {
        problems.push(`${request.operation} is ${operation.operationId} in the contract`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('builds Post-Order requests with the documented fields only', () => {
    const postOrder = [
      requests.createCancellationRequest({
        legacyOrderId: '110000000001-0',
        cancelReason: 'BUYER_ASKED_CANCEL',
        buyerPaid: true,
        buyerPaidDate: { value: '2026-01-01T10:00:00.000Z' },
      }),
      requests.createCancellationRequest({
        legacyOrderId: '110000000001-0',
        cancelReason: 'OUT_OF_STOCK_OR_CANNOT_FULFILL',
      }),
      requests.checkCancellationEligibilityRequest('110000000001-0'),
    ];
    expect(postOrder.flatMap(postOrderProblems)).toEqual([]);
    expect(requests.getCancellationRequest('5000012345').path).toBe('/post-order/v2/cancellation/5000012345');
  });

  it('covers every eBay operation the connector knows with a built request', () => {
    const covered = new Set([
      ...built.map((request) => request.operation),
      'createCancellation',
      'checkCancellationEligibility',
      'getCancellation',
    ]);
    expect(Object.keys(EBAY_OPERATIONS).filter((operation) => !covered.has(operation as never))).toEqual([]);
  });

  it('rejects a request that breaks the contract (the check can fail)', () => {
    const broken = asSent(
      requests.createOfferRequest(
        { sku: 'MUG-1', marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', availableQuantity: 'three' as never },
        'en-US',
      ),
    );
    delete broken.headers['content-language'];
    const { problems } = validateRequest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'required header Content-Language is missing',
        expect.stringMatching(/availableQuantity must be integer/),
      ]),
    );
    expect(findOperation('GET', '/sell/inventory/v1/offer/1/publish')).toBeUndefined();
  });

  it('sends only conforming requests, and the simulator answers in the documented shapes, through a whole session', async () => {
    const { ebay, simulator, clock } = setup(server, {}, {});
    const gate = contractGate(BASE, (request) => simulator.fetch(request), { skip: /^\/(identity|post-order)\// });
    server.resetHandlers(gate.handler);
    simulator.addListing({
      sku: 'LIVE-1',
      title: 'Live mug',
      price: money(999, 'USD'),
      quantity: 4,
      locations: { 'WH-1': 4 },
    });
    simulator.addListing({
      sku: 'DRAFT-1',
      title: 'Draft mug',
      price: money(500, 'USD'),
      quantity: 0,
      published: false,
    });
    const orderId = simulator.addOrder({
      lines: [{ sku: 'LIVE-1', quantity: 1, unitPrice: money(999, 'USD') }],
      shipTo: { line1: '2145 Hamilton Ave', city: 'San Jose', countryCode: 'US', postalCode: '95125' },
      buyer: { name: 'Ann Buyer', email: 'ann@example.com' },
    });
    const second = simulator.addOrder({ lines: [{ sku: 'LIVE-1', quantity: 1, unitPrice: money(999, 'USD') }] });

    const upserted = await ebay.upsertProducts([
      {
        title: 'New mug',
        description: 'Blue',
        brand: 'Acme',
        images: ['https://img.example/1.jpg'],
        attributes: { Colour: 'Blue | White' },
        offers: [
          { sku: 'NEW-1', price: money(1299, 'USD'), compareAtPrice: money(1500, 'USD'), barcode: '012345678905' },
        ],
      },
      { id: 'LIVE-1', title: 'Live mug, revised', offers: [{ sku: 'LIVE-1', price: money(1099, 'USD') }] },
      { title: 'Draft again', status: 'draft', offers: [{ sku: 'DRAFT-1', price: money(550, 'USD') }] },
    ]);
    expect(upserted.failed).toBe(0);
    expect((await ebay.publishOffers(['LIVE-1'])).succeeded).toBe(1);
    const products = [];
    for await (const product of ebay.listProducts({ pageSize: 2 })) products.push(product.id);
    expect(products.sort()).toEqual(['DRAFT-1', 'LIVE-1', 'NEW-1']);
    await ebay.getProduct('LIVE-1');
    const changed = await ebay.updatePriceQuantity([
      { sku: 'LIVE-1', price: money(1199, 'USD') },
      { sku: 'DRAFT-1', price: money(600, 'USD'), quantity: 9 },
    ]);
    expect(changed.failed).toBe(0);
    expect(
      (
        await ebay.setInventory([
          { sku: 'LIVE-1', locationId: 'WH-2', quantity: 2 },
          { sku: 'NEW-1', quantity: 1 },
        ])
      ).failed,
    ).toBe(0);
    expect(
      (await ebay.getInventory({ skus: ['LIVE-1', 'NEW-1', 'UNKNOWN'] })).map(
        (level) => `${level.sku}@${level.locationId}=${level.available}`,
      ),
    ).toEqual(['LIVE-1@SHIP_TO_HOME=6', 'LIVE-1@WH-1=4', 'LIVE-1@WH-2=2', 'NEW-1@SHIP_TO_HOME=1']);
    const orders = [];
    for await (const order of ebay.listOrders({ status: ['unshipped'] })) orders.push(order.id);
    expect(orders.sort()).toEqual([orderId, second].sort());
    await ebay.getOrder(orderId);
    expect(
      (
        await ebay.confirmShipment([
          {
            orderId,
            carrier: 'USPS',
            trackingNumber: '9400100000000000000001',
            shippedAt: new Date(clock.now()).toISOString(),
          },
        ])
      ).failed,
    ).toBe(0);
    expect((await ebay.cancelOrder([{ orderId: second, reason: 'buyer_request' }])).failed).toBe(0);
    expect((await ebay.deleteProducts(['DRAFT-1'])).failed).toBe(0);
    const warehouse = {
      name: 'Second warehouse',
      locationTypes: ['WAREHOUSE'],
      location: { address: { postalCode: '95125', country: 'US' } },
    };
    await ebay.ensureLocation('WH-9', warehouse);
    expect((await ebay.ensureLocation('WH-9', warehouse)).merchantLocationKey).toBe('WH-9');
    const archived = await ebay.upsertProducts([
      { title: 'New mug', status: 'archived', offers: [{ sku: 'NEW-1', price: money(1299, 'USD') }] },
    ]);
    expect(archived.items[0]).toMatchObject({ ok: true, value: { status: 'archived' } });
    expect((await ebay.healthCheck()).ok).toBe(true);

    const key = await simulator.signingKey();
    const verifier = ebay.notifications.verifier({ clock });
    const body = JSON.stringify({
      metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION' },
      notification: { notificationId: 'n-1', data: {} },
    });
    expect((await verifier.verify(await signEbayTestRequest({ key, body }))).isOk()).toBe(true);
    const { destination: created, subscription } = await ebay.notifications.subscribeToAccountDeletion({
      endpoint: destination.deliveryConfig.endpoint,
      verificationToken: token,
    });
    await ebay.notifications.subscribeToAccountDeletion({
      endpoint: destination.deliveryConfig.endpoint,
      verificationToken: token,
    });
    await ebay.notifications.updateDestination(created.destinationId, {
      name: 'main',
      endpoint: destination.deliveryConfig.endpoint,
      verificationToken: token,
    });
    await ebay.notifications.setSubscriptionEnabled(subscription, false);
    await ebay.notifications.setSubscriptionEnabled(subscription, true);
    await ebay.notifications.testSubscription(subscription);
    await ebay.notifications.deleteSubscription(subscription);
    await ebay.notifications.deleteDestination(created.destinationId);

    expect(gate.problems).toEqual([]);
    const unexercised = Object.entries(EBAY_OPERATIONS)
      .filter(
        ([operation, info]) =>
          info.api !== 'postOrder' && !gate.seen.has(operation === 'testSubscription' ? 'test' : operation),
      )
      .map(([operation]) => operation);
    // Built and validated above, but not called by a session that loses no answers: the
    // read-back of shipments, and requests the Notification helpers do not use.
    expect(unexercised.sort()).toEqual(
      [
        'deleteOffer',
        'getDestination',
        'getShippingFulfillments',
        'getSubscription',
        'getTopics',
        'updateSubscription',
      ].sort(),
    );
  });
});
