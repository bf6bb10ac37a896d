import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import * as amazon from '../../../src/connectors/amazon/index.js';
import {
  AMAZON_OPERATION_LIMITS,
  AmazonFinances20240619,
  AmazonFinancesV0,
  AmazonMarketplace,
  type SpApiRequest,
} from '../../../src/connectors/amazon/index.js';
import * as finances20240619 from '../../../src/connectors/amazon/finances/2024-06-19/requests.js';
import {
  fromSpApiTransactions,
  type SpApiTransaction,
} from '../../../src/connectors/amazon/finances/2024-06-19/mapper.js';
import * as financesV0 from '../../../src/connectors/amazon/finances/v0/requests.js';
import { confirmShipmentRequest } from '../../../src/connectors/amazon/orders/confirm-shipment.js';
import * as orders20260101 from '../../../src/connectors/amazon/orders/2026-01-01/requests.js';
import * as ordersV0 from '../../../src/connectors/amazon/orders/v0/requests.js';
import { money } from '../../../src/model/money.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { useMsw } from './harness.js';
import { contractServer, findOperation, SPEC_DIR, validateRequest } from './swagger.js';

const server = useMsw();
const seller = 'A1SELLER';
const marketplaceId = 'ATVPDKIKX0DER';
const target = { sellerId: seller, sku: 'GM-ZDPI 9B4E/1', marketplaceId };

const built: SpApiRequest[] = [
  amazon.getListingsItemRequest(target),
  amazon.putListingsItemRequest({
    ...target,
    productType: 'LUGGAGE',
    attributes: { item_name: [{ value: 'Case', marketplace_id: marketplaceId }] },
    mode: 'VALIDATION_PREVIEW',
  }),
  amazon.patchListingsItemRequest({
    ...target,
    productType: 'LUGGAGE',
    patches: [amazon.pricePatch(money(1999, 'USD'), marketplaceId), amazon.quantityPatch(4)],
  }),
  amazon.patchListingsItemRequest({
    ...target,
    productType: 'LUGGAGE',
    patches: [amazon.quantityPatch(0)],
    mode: 'VALIDATION_PREVIEW',
  }),
  amazon.deleteListingsItemRequest(target),
  amazon.searchListingsItemsRequest({
    sellerId: seller,
    marketplaceId,
    pageSize: 50,
    pageToken: 'abc',
    lastUpdatedAfter: '2026-01-01T00:00:00Z',
  }),
  amazon.searchListingsItemsRequest({
    sellerId: seller,
    marketplaceId,
    identifiers: Array.from({ length: 20 }, (_, i) => `SKU-${i}`),
    identifiersType: 'SKU',
    includedData: ['summaries', 'fulfillmentAvailability'],
    pageSize: 20,
  }),
  amazon.putListingsItemRequest({
    ...target,
    productType: 'PRODUCT',
    requirements: 'LISTING_OFFER_ONLY',
    attributes: amazon.offerOnlyAttributes(
      {
        title: 'Case',
        offers: [
          { sku: target.sku, externalId: 'B071VG5N9D', price: money(1999, 'USD'), condition: 'new', options: {} },
        ],
        images: [],
        attributes: { quantity: '4' },
        status: 'active',
      },
      marketplaceId,
    ),
  }),
  amazon.createFeedDocumentRequest(),
  amazon.createFeedRequest({
    feedType: 'JSON_LISTINGS_FEED',
    marketplaceIds: [marketplaceId],
    inputFeedDocumentId: 'doc-1',
  }),
  amazon.getFeedRequest('feed-1'),
  amazon.cancelFeedRequest('feed-1'),
  amazon.getFeedDocumentRequest('doc-2'),
  amazon.createReportRequest({
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceIds: [marketplaceId],
    dataStartTime: '2026-01-01T00:00:00Z',
    reportOptions: { custom: 'true' },
  }),
  amazon.getReportRequest('report-1'),
  amazon.cancelReportRequest('report-1'),
  amazon.getReportDocumentRequest('doc-3'),
  ordersV0.getOrdersRequest({
    marketplaceIds: [marketplaceId],
    createdAfter: '2026-01-01T00:00:00Z',
    orderStatuses: ['Unshipped', 'PartiallyShipped'],
    maxResultsPerPage: 500,
  }),
  ordersV0.getOrdersRequest({ marketplaceIds: [marketplaceId], lastUpdatedAfter: '2026-01-01T00:00:00Z' }),
  ordersV0.getOrdersRequest({ marketplaceIds: [marketplaceId], nextToken: 'token==' }),
  ordersV0.getOrderRequest({ orderId: '902-1845936-5435065' }),
  ordersV0.getOrderItemsRequest({ orderId: '902-1845936-5435065', nextToken: 'n' }),
  ordersV0.getOrderBuyerInfoRequest({ orderId: '902-1845936-5435065' }),
  ordersV0.getOrderAddressRequest({ orderId: '902-1845936-5435065' }),
  orders20260101.searchOrdersRequest({
    marketplaceIds: [marketplaceId, 'A2EUQ1WTGCTBG2'],
    createdAfter: '2026-01-01T00:00:00Z',
    createdBefore: '2026-01-02T00:00:00Z',
    fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
    fulfilledBy: ['MERCHANT'],
    maxResultsPerPage: 500,
    includedData: ['FULFILLMENT', 'PROCEEDS', 'BUYER', 'RECIPIENT'],
  }),
  orders20260101.searchOrdersRequest({
    marketplaceIds: [marketplaceId],
    lastUpdatedAfter: '2026-01-01T00:00:00Z',
    lastUpdatedBefore: '2026-01-01T12:00:00Z',
    includedData: ['FULFILLMENT', 'PROCEEDS'],
    paginationToken: 'token==',
  }),
  orders20260101.searchOrdersRequest({ lastUpdatedAfter: '2026-01-01T00:00:00Z', maxResultsPerPage: 0 }),
  orders20260101.getOrder2026Request({
    orderId: '902-1845936-5435065',
    includedData: ['FULFILLMENT', 'PROCEEDS', 'BUYER', 'RECIPIENT'],
  }),
  orders20260101.getOrder2026Request({ orderId: '902-1845936-5435065' }),
  confirmShipmentRequest({
    orderId: '902-1845936-5435065',
    marketplaceId,
    packageReferenceId: '1',
    carrierCode: 'UPS',
    trackingNumber: '1Z999',
    shipDate: '2026-01-02T10:00:00Z',
    orderItems: [{ orderItemId: '1', quantity: 1 }],
  }),
  amazon.getInventorySummariesRequest({ marketplaceId, sellerSkus: Array.from({ length: 50 }, (_, i) => `S${i}`) }),
  financesV0.listFinancialEventsRequest({ postedAfter: '2026-01-01T00:00:00Z', postedBefore: '2026-01-02T00:00:00Z' }),
  financesV0.listFinancialEventsByOrderIdRequest({ orderId: '902-1845936-5435065' }),
  finances20240619.listTransactionsRequest({
    postedAfter: '2026-01-01T00:00:00Z',
    postedBefore: '2026-02-01T00:00:00Z',
    marketplaceId,
    transactionStatus: 'RELEASED',
  }),
  finances20240619.listTransactionsRequest({
    relatedIdentifierName: 'ORDER_ID',
    relatedIdentifierValue: '902-1845936-5435065',
  }),
  finances20240619.listTransactionsRequest({ postedAfter: '2026-01-01T00:00:00Z', nextToken: 'token==' }),
  amazon.searchCatalogItemsRequest({ marketplaceId, keywords: ['teapot'], pageSize: 30 }),
  amazon.searchCatalogItemsRequest({ marketplaceId, identifiers: ['MUG-1'], identifiersType: 'SKU', sellerId: seller }),
  amazon.getCatalogItemRequest({ asin: 'B07N4M94X4', marketplaceId }),
  amazon.createRestrictedDataTokenRequest([{ method: 'GET', path: '/orders/v0/orders/902-1845936-5435065/address' }]),
  amazon.createDestinationRequest({ name: 'q', target: { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } } }),
  amazon.createDestinationRequest({
    name: 'bus',
    target: { eventBridge: { region: 'us-east-1', accountId: '123456789012' } },
  }),
  amazon.getDestinationsRequest(),
  amazon.deleteDestinationRequest('dest-1'),
  amazon.createSubscriptionRequest({ notificationType: 'ORDER_CHANGE', destinationId: 'dest-1' }),
  amazon.getSubscriptionRequest({ notificationType: 'ORDER_CHANGE', payloadVersion: '1.0' }),
  amazon.deleteSubscriptionRequest({ notificationType: 'ORDER_CHANGE', subscriptionId: 'sub-1' }),
  amazon.sendTestNotificationRequest({
    notificationType: 'ORDER_CHANGE',
    destinationId: 'dest-1',
    testScenario: 'ORDER_CREATED',
  }),
];

describe('every request the connector builds conforms to the SP-API models', () => {
  it.each(built.map((request) => [`${request.method} ${request.operation}`, request] as const))('%s', (_, request) => {
    const url = new URL(`https://sellingpartnerapi-na.amazon.com${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const { operation, problems } = validateRequest({
      method: request.method,
      url: url.toString(),
      headers: { 'content-type': 'application/json' },
      ...(request.json !== undefined ? { body: request.json } : {}),
    });
    expect(problems).toEqual([]);
    expect(operation?.operationId).toBe(request.operation.split('@')[0]);
    const limit = (AMAZON_OPERATION_LIMITS as Record<string, { path: string; method: string }>)[request.operation]!;
    expect([limit.method, limit.path]).toEqual([operation!.method, operation!.path]);
  });

  it('searchOrders takes exactly one window and at most 50 marketplaces, as the model says', () => {
    expect(() => orders20260101.searchOrdersRequest({})).toThrow(/exactly one window/);
    expect(() =>
      orders20260101.searchOrdersRequest({
        createdAfter: '2026-01-01T00:00:00Z',
        lastUpdatedAfter: '2026-01-01T00:00:00Z',
      }),
    ).toThrow(/exactly one window/);
    expect(() =>
      orders20260101.searchOrdersRequest({
        createdAfter: '2026-01-01T00:00:00Z',
        lastUpdatedBefore: '2026-01-02T00:00:00Z',
      }),
    ).toThrow(/exactly one window/);
    expect(() => orders20260101.searchOrdersRequest({ createdBefore: '2026-01-02T00:00:00Z' })).toThrow(
      /exactly one window/,
    );
    expect(() =>
      orders20260101.searchOrdersRequest({
        createdAfter: '2026-01-01T00:00:00Z',
        marketplaceIds: Array.from({ length: 51 }, (_, i) => `M${i}`),
      }),
    ).toThrow(/at most 50/);
    expect(
      orders20260101.searchOrdersRequest({ createdAfter: '2026-01-01T00:00:00Z', maxResultsPerPage: 500 }).query
        ?.maxResultsPerPage,
    ).toBe('100');
  });

  it('orders 2026-01-01 operations are paced by their own usage plans', () => {
    expect(AMAZON_OPERATION_LIMITS.searchOrders).toMatchObject({ model: 'orders_2026-01-01', rate: 0.0056, burst: 20 });
    expect(AMAZON_OPERATION_LIMITS['getOrder@2026-01-01']).toMatchObject({
      model: 'orders_2026-01-01',
      path: '/orders/2026-01-01/orders/{orderId}',
      rate: 0.5,
      burst: 30,
    });
    expect(orders20260101.searchOrdersRequest({ createdAfter: '2026-01-01T00:00:00Z' }).operation).toBe('searchOrders');
    expect(orders20260101.getOrder2026Request({ orderId: '1' }).operation).toBe('getOrder@2026-01-01');
  });

  it('listTransactions needs postedAfter or a complete related identifier', () => {
    expect(() => finances20240619.listTransactionsRequest({})).toThrow(/postedAfter or a related identifier/);
    expect(() =>
      finances20240619.listTransactionsRequest({
        postedAfter: '2026-01-01T00:00:00Z',
        relatedIdentifierName: 'ORDER_ID',
      }),
    ).toThrow(/together/);
    expect(AMAZON_OPERATION_LIMITS.listTransactions).toMatchObject({
      model: 'finances_2024-06-19',
      rate: 0.5,
      burst: 10,
    });
  });

  it('refuses more than 20 identifiers for searchListingsItems', () => {
    expect(() =>
      amazon.searchListingsItemsRequest({
        sellerId: seller,
        marketplaceId,
        identifiers: Array.from({ length: 21 }, (_, i) => `S${i}`),
      }),
    ).toThrow(/At most 20/);
  });

  it('refuses more than 50 SKUs for getInventorySummaries', () => {
    expect(() =>
      amazon.getInventorySummariesRequest({ marketplaceId, sellerSkus: Array.from({ length: 51 }, (_, i) => `S${i}`) }),
    ).toThrow(/At most 50/);
  });

  it('the committed limits table is exactly what the generator makes from the models', async () => {
    const { collectLimits, render } = await import('../../../scripts/generate-amazon-limits.js');
    const committed = readFileSync(join(process.cwd(), 'src/connectors/amazon/limits.generated.ts'), 'utf8');
    expect(render(collectLimits(SPEC_DIR).rows)).toBe(committed);
  });

  it('the generated limits table matches every operation in the models', () => {
    for (const [key, limit] of Object.entries(AMAZON_OPERATION_LIMITS)) {
      const operation = findOperation(limit.method, limit.path.replace(/\{[^}]+\}/g, 'x'));
      expect(operation?.operationId, key).toBe(limit.operationId);
      expect(limit.rate).toBeGreaterThan(0);
      expect(limit.burst).toBeGreaterThan(0);
    }
    expect(AMAZON_OPERATION_LIMITS.patchListingsItem).toMatchObject({ rate: 5, burst: 5 });
    expect(AMAZON_OPERATION_LIMITS.getOrders).toMatchObject({ rate: 0.0167, burst: 20 });
  });
});

describe('the connector against the sandbox examples of the models', () => {
  it('sends conforming requests to the sandbox endpoint and reads the sandbox answers', async () => {
    const contract = contractServer('https://sandbox.sellingpartnerapi-na.amazon.com');
    server.resetHandlers(...contract.handlers);
    const clock = new FakeClock();
    const market = new AmazonMarketplace(
      {
        sellerId: seller,
        marketplaceId,
        sandbox: true,
        includeBuyerData: true,
        timeoutMs: 0,
        credentials: { clientId: 'id', clientSecret: 'secret', refreshToken: 'Atzr|r' },
      },
      { clock },
    );
    // Orders 2026-01-01: the sandbox answers an unknown order id with its first getOrder example.
    const order = await clock.drive(() => market.getOrder('TEST_CASE_200'));
    expect(order).toMatchObject({
      id: '171-9876543-2109876',
      status: 'unshipped',
      buyer: { name: 'Maria Silva Santos' },
      totals: { total: money(29990, 'BRL') },
    });
    expect(order.lineItems.length).toBeGreaterThan(0);
    const listed = await clock.drive(async () => {
      for await (const first of market.listOrders({ since: '2026-01-01T00:00:00Z' })) return first;
      return undefined;
    });
    expect(listed?.id).toBeTruthy();
    // Orders v0 stays available behind `ordersApi: 'v0'` and must still conform.
    const legacy = new AmazonMarketplace(
      {
        sellerId: seller,
        marketplaceId,
        sandbox: true,
        includeBuyerData: true,
        ordersApi: 'v0',
        timeoutMs: 0,
        credentials: { clientId: 'id', clientSecret: 'secret', refreshToken: 'Atzr|r' },
      },
      { clock },
    );
    expect(await clock.drive(() => legacy.getOrder('TEST_CASE_200'))).toMatchObject({
      id: '902-1845936-5435065',
      status: 'unshipped',
    });
    expect(
      await clock.drive(async () => {
        for await (const first of legacy.listOrders({ since: '2026-01-01T00:00:00Z' })) return first.id;
        return undefined;
      }),
    ).toBeTruthy();
    const product = await clock.drive(() => market.getProduct('GM-ZDPI-9B4E'));
    expect(product.offers[0]!.price.currency).toBe('USD');
    const patched = await clock.drive(() =>
      market.updateListings([{ sku: 'GM-ZDPI-9B4E', price: money(1999, 'USD'), quantity: 3 }], { via: 'patch' }),
    );
    expect(patched.succeeded).toBe(1);
    const preview = await clock.drive(() =>
      market.updateListings([{ sku: 'VALIDATION_INVALID', quantity: 3 }], { via: 'patch', dryRun: true }),
    );
    expect(preview.failed).toBe(1);
    const client = market.client;
    await clock.drive(async () => {
      const document = await client.createFeedDocument();
      const { feedId } = await client.createFeed({
        feedType: 'JSON_LISTINGS_FEED',
        inputFeedDocumentId: document.feedDocumentId,
      });
      expect(feedId).toBeTruthy();
      expect((await client.getFeed('feedId1')).processingStatus).toBeTruthy();
      await client.getFeedDocument('0356cf79-b8b0-4226-b4b9-0ee058ea5760');
      const { reportId } = await client.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' });
      expect(reportId).toBeTruthy();
      expect((await client.getReport('ID323')).processingStatus).toBeTruthy();
      await client.getReportDocument('0356cf79-b8b0-4226-b4b9-0ee058ea5760');
      await client.searchCatalogItems({ keywords: ['samsung', 'tv'] });
      await client.getCatalogItem('B07N4M94X4');
      await client.getInventorySummaries(['SKU-1']);
      await new AmazonFinancesV0({ client, clock: market.context.clock }).listFinancialEventsByOrderId(
        '485-734-5434857',
      );
      const transactions = await new AmazonFinances20240619({ client, clock: market.context.clock }).listTransactions<{
        transactions: SpApiTransaction[];
      }>({ postedAfter: '2023-03-07T00:00:00Z' });
      expect(fromSpApiTransactions(transactions.transactions, '2026-01-01T00:00:00Z')._unsafeUnwrap()).toEqual([
        {
          id: 'txn:Shipment:8129762527551:2020-07-14T03:35:13.214Z:1000',
          type: 'sale',
          amount: money(1000, 'USD'),
          occurredAt: '2020-07-14T03:35:13.214Z',
          orderId: '8129762527551',
        },
      ]);
      await client.send(
        confirmShipmentRequest({
          orderId: '902-1106328-1059050',
          marketplaceId: client.marketplaceId,
          packageReferenceId: '1',
          carrierCode: 'FedEx',
          trackingNumber: '112345678',
          shipDate: '2026-01-02T10:00:00Z',
          orderItems: [{ orderItemId: '79039765272157', quantity: 1 }],
        }),
      );
      const destination = await market.notifications.createDestination('queue', {
        sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' },
      });
      await market.notifications.listDestinations();
      await market.notifications.subscribe('ORDER_CHANGE', destination.destinationId ?? 'dest');
      await market.notifications.unsubscribe('ORDER_CHANGE', 'sub-1');
      await market.notifications.deleteDestination('dest-1');
    });
    expect(contract.problems).toEqual([]);
    expect(new Set(contract.seen)).toEqual(
      new Set([
        'getOrder',
        'searchOrders',
        'getOrderItems',
        'createRestrictedDataToken',
        'getOrderBuyerInfo',
        'getOrderAddress',
        'getOrders',
        'getListingsItem',
        'patchListingsItem',
        'createFeedDocument',
        'createFeed',
        'getFeed',
        'getFeedDocument',
        'createReport',
        'getReport',
        'getReportDocument',
        'searchCatalogItems',
        'getCatalogItem',
        'getInventorySummaries',
        'listFinancialEventsByOrderId',
        'listTransactions',
        'confirmShipment',
        'createDestination',
        'getDestinations',
        'getSubscription',
        'deleteSubscriptionById',
        'deleteDestination',
      ]),
    );
  });
});

describe('JSON_LISTINGS_FEED documents and processing reports', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const feedSchema = ajv.compile(JSON.parse(readFileSync(join(SPEC_DIR, 'listings-feed-schema-v2.json'), 'utf8')));
  const messageSchema = ajv.compile(
    JSON.parse(readFileSync(join(SPEC_DIR, 'listings-feed-message-schema-v2.json'), 'utf8')),
  );
  const reportSchema = ajv.compile(
    JSON.parse(readFileSync(join(SPEC_DIR, 'listings-feed-processing-report-schema-v2.json'), 'utf8')),
  );

  it('splits 25,001 changes into feeds of at most 25,000 messages, each valid against the feed schema', () => {
    const changes: amazon.ListingsFeedChange[] = Array.from({ length: 25_001 }, (_, i) =>
      i === 7
        ? { sku: `SKU-${i}`, delete: true as const }
        : {
            sku: `SKU-${i}`,
            productType: 'PRODUCT',
            patches: [amazon.pricePatch(money(1000 + i, 'EUR'), 'A1PA6795UKMFR9'), amazon.quantityPatch(i % 9)],
          },
    );
    const documents = amazon.buildListingsFeeds({ sellerId: seller, changes, issueLocale: 'en_US' });
    expect(documents.map((document) => document.messages.length)).toEqual([25_000, 1]);
    for (const document of documents) {
      expect(feedSchema(document), JSON.stringify(feedSchema.errors?.slice(0, 3))).toBe(true);
      for (const message of document.messages) if (!messageSchema(message)) expect(messageSchema.errors).toEqual([]);
    }
    expect(documents[1]!.messages[0]).toMatchObject({ messageId: 1, sku: 'SKU-25000' });
  });

  it('parses the example processing report into per-message outcomes', () => {
    const text = readFileSync(join(SPEC_DIR, 'listings-feed-processing-report-schema-v2.example.json'), 'utf8');
    expect(reportSchema(JSON.parse(text))).toBe(true);
    const submitted = [
      { messageId: 1, sku: 'My-SKU-A' },
      { messageId: 4, sku: 'My-SKU-B' },
      { messageId: 5, sku: 'My-SKU-C' },
    ];
    const report = amazon.parseListingsFeedReport(text, submitted)._unsafeUnwrap();
    expect(report.summary).toMatchObject({ errors: 3, messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2 });
    expect(report.outcomes.map((outcome) => [outcome.sku, outcome.accepted, outcome.issues.length])).toEqual([
      ['My-SKU-A', true, 0],
      ['My-SKU-B', false, 2],
      ['My-SKU-C', false, 1],
    ]);
    expect(amazon.parseListingsFeedReport('not json', submitted)._unsafeUnwrapErr().reason).toBe('invalid_json');
    expect(amazon.parseListingsFeedReport({ issues: [] }, submitted)._unsafeUnwrapErr().reason).toBe('invalid_report');
  });

  it('the example feed in the specs validates, and so do documents built like it', () => {
    const example = JSON.parse(readFileSync(join(SPEC_DIR, 'listings-feed-schema-v2.example.json'), 'utf8'));
    expect(feedSchema(example)).toBe(true);
  });
});
