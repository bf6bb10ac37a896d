import { describe, expect, it } from 'vitest';
import type { AmazonOrders20260101, AmazonFinances20240619 } from '../../../src/connectors/amazon/index.js';
import {
  AmazonMarketplace,
  readReportRows,
  runReportJob,
  startReportJob,
} from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw, US } from './harness.js';
import { findOperation, validateResponse } from './swagger.js';

const server = useMsw();

describe('the SP-API simulator answers in the shapes of the models', () => {
  it('every JSON answer of a full run validates against its operation response schema', async () => {
    const { amazon, simulator, clock, make, store } = setup(server, {}, { includeBuyerData: true });
    const buyerAware = make();
    const legacy = new AmazonMarketplace(
      { ...buyerAware.config, ordersApi: 'v0', financesApi: 'v0' },
      { clock, store },
    );
    const problems: string[] = [];
    const checked = new Set<string>();
    server.events.on('response:mocked', async ({ request, response }) => {
      const url = new URL(request.url);
      const operation = findOperation(request.method, url.pathname);
      if (!operation || !(response.headers.get('content-type') ?? '').includes('json')) return;
      const body = await response.clone().json();
      checked.add(`${operation.operationId} ${response.status}`);
      problems.push(
        ...validateResponse(operation, response.status, body).map(
          (problem) => `${operation.operationId} ${response.status}: ${problem}`,
        ),
      );
    });
    simulator.addListing({
      sku: 'A',
      price: money(1999, 'USD'),
      quantity: 2,
      fba: { fulfillable: 3, reserved: 1 },
      asin: 'B0AAAAAAAA',
    });
    simulator.addOrder({
      order: {
        AmazonOrderId: '111-1111111-1111111',
        PurchaseDate: '2026-01-01T00:00:00Z',
        LastUpdateDate: '2026-01-01T00:00:00Z',
        OrderStatus: 'Unshipped',
        MarketplaceId: US,
      },
      items: [
        {
          OrderItemId: '1',
          ASIN: 'B0AAAAAAAA',
          SellerSKU: 'A',
          QuantityOrdered: 1,
          ItemPrice: { CurrencyCode: 'USD', Amount: '19.99' },
        },
      ],
      buyer: { BuyerEmail: 'b@example.test' },
      address: { Name: 'B', AddressLine1: '1 St', City: 'Seattle', CountryCode: 'US' },
    });
    simulator.setFinancialEvents({ ShipmentEventList: [] });
    await clock.drive(async () => {
      await amazon.getProduct('A');
      await amazon.updateListings([{ sku: 'A', quantity: 5 }], { via: 'patch' });
      await amazon.updateListings(
        [
          { sku: 'A', quantity: 6 },
          { sku: 'NOPE', quantity: 1 },
        ],
        { via: 'feed' },
      );
      const ready = await runReportJob(
        amazon.client,
        startReportJob({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }),
        { clock },
      );
      for await (const row of readReportRows(amazon.client, ready)) void row;
      for await (const order of buyerAware.listOrders({ since: '2025-01-01T00:00:00Z' })) void order;
      await buyerAware.getOrder('111-1111111-1111111');
      await (amazon.orders as AmazonOrders20260101).searchOrders({ createdAfter: 'not a date' }).catch(() => undefined);
      for await (const order of legacy.listOrders({ since: '2025-01-01T00:00:00Z' })) void order;
      await amazon.getInventory({ skus: ['A'] });
      for await (const event of amazon.listFinancialEvents({})) void event;
      for await (const event of legacy.listFinancialEvents({})) void event;
      await (amazon.finances as AmazonFinances20240619).listTransactions({
        relatedIdentifierName: 'ORDER_ID',
        relatedIdentifierValue: '111-1111111-1111111',
      });
      await amazon.client.searchCatalogItems({ identifiers: ['B0AAAAAAAA'], identifiersType: 'ASIN' });
      await amazon.client.getCatalogItem('B0AAAAAAAA');
      await amazon.getProduct('MISSING').catch(() => undefined);
      const destination = await amazon.notifications.createDestination('q', {
        sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:q' },
      });
      const subscription = await amazon.notifications.subscribe('ORDER_CHANGE', destination.destinationId);
      await amazon.notifications.listDestinations();
      await amazon.notifications.unsubscribe('ORDER_CHANGE', subscription.subscriptionId);
      await amazon.confirmShipment([
        { orderId: '111-1111111-1111111', carrier: 'UPS', trackingNumber: '1Z', shippedAt: '2026-01-02T00:00:00Z' },
      ]);
    });
    server.events.removeAllListeners();
    expect(problems).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(18);
    expect([...checked]).toEqual(
      expect.arrayContaining([
        'searchOrders 200',
        'searchOrders 400',
        'getOrder 200',
        'getOrders 200',
        'getOrderItems 200',
        'listTransactions 200',
        'listFinancialEvents 200',
      ]),
    );
  });
});
