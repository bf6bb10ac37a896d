/**
 * Amazon SP-API end to end, offline: the SP-API simulator answers as `fetch`, a fake clock
 * runs the usage plans and the feed processing time.
 *
 *   npx tsx examples/amazon.ts
 */
import {
  CatalogDataOrchestrator,
  defineCatalogSource,
  spApiCatalogSource,
} from 'marketbridge/connectors/amazon-creators';
import { AmazonMarketplace, parseAmazonNotification } from 'marketbridge/connectors/amazon';
import { money, MemoryStore } from 'marketbridge';
import { AmazonSpApiSimulator } from 'marketbridge/testing/msw';
import { FakeClock } from 'marketbridge/testing';

async function main(): Promise<void> {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({ clock, sellerId: 'A1EXAMPLE', marketplaceId: 'ATVPDKIKX0DER' });
  for (let i = 0; i < 1000; i++)
    simulator.addListing({
      sku: `MUG-${i}`,
      price: money(999, 'USD'),
      quantity: 5,
      title: `Mug ${i}`,
      asin: `B0MUG${String(i).padStart(5, '0')}`,
    });
  simulator.addOrder({
    order: {
      AmazonOrderId: '111-0000001-0000001',
      PurchaseDate: '2025-12-31T10:00:00Z',
      LastUpdateDate: '2025-12-31T10:00:00Z',
      OrderStatus: 'Unshipped',
      OrderTotal: { CurrencyCode: 'USD', Amount: '19.98' },
    },
    items: [
      {
        OrderItemId: '1',
        ASIN: 'B0MUG00000',
        SellerSKU: 'MUG-0',
        QuantityOrdered: 2,
        ItemPrice: { CurrencyCode: 'USD', Amount: '19.98' },
      },
    ],
  });

  const amazon = new AmazonMarketplace(
    {
      sellerId: 'A1EXAMPLE',
      marketplaceId: 'ATVPDKIKX0DER',
      credentials: {
        clientId: 'amzn1.application-oa2-client.example',
        clientSecret: 'example-secret',
        refreshToken: 'Atzr|example',
      },
      timeoutMs: 0,
    },
    { clock, fetch: simulator.fetch, store: new MemoryStore({ clock }) },
  );

  // 1. A dry run (VALIDATION_PREVIEW), then a real price and quantity patch.
  const dryRun = await clock.drive(() =>
    amazon.updateListings(
      [
        { sku: 'MUG-0', price: money(1299, 'USD') },
        { sku: 'NO-SUCH-SKU', quantity: 1 },
      ],
      { via: 'patch', dryRun: true },
    ),
  );
  const patched = await clock.drive(() => amazon.updatePrices([{ sku: 'MUG-0', price: money(1299, 'USD') }]));

  // 2. 1,000 SKUs in one JSON_LISTINGS_FEED: a handful of calls instead of 1,000.
  const started = clock.now();
  const bulk = await clock.drive(() =>
    amazon.updateListings(
      Array.from({ length: 1000 }, (_, i) => ({ sku: `MUG-${i}`, quantity: 10 + (i % 7) })),
      { via: 'feed' },
    ),
  );
  const feedSeconds = (clock.now() - started) / 1000;

  // 3. Orders, page by page, in integer minor units.
  const orders = await clock.drive(async () => {
    const out = [];
    for await (const order of amazon.listOrders({ since: '2025-12-01T00:00:00Z' })) out.push(order);
    return out;
  });

  // 4. A notification as it arrives from SQS.
  const notification = parseAmazonNotification({
    Records: [
      {
        body: JSON.stringify({
          NotificationVersion: '1.0',
          NotificationType: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
          PayloadVersion: '1.0',
          EventTime: '2026-01-01T00:00:00Z',
          Payload: { SellerId: 'A1EXAMPLE', FulfillmentChannelCode: 'DEFAULT', Sku: 'MUG-3', Quantity: 4 },
          NotificationMetadata: {
            ApplicationId: 'app',
            SubscriptionId: 'sub',
            PublishTime: '2026-01-01T00:00:00Z',
            NotificationId: 'n-1',
          },
        }),
      },
    ],
  });

  // 5. Product data: SP-API catalog first, a host source as fallback.
  const catalog = new CatalogDataOrchestrator({
    clock,
    sources: [
      spApiCatalogSource(amazon.client),
      defineCatalogSource({
        name: 'my-pim',
        maxBatch: 100,
        ttlMs: 86_400_000,
        accuracy: 0.7,
        fetch: async (ids) =>
          new Map(
            ids.map((id) => [
              id,
              {
                id,
                title: `PIM ${id}`,
                brand: 'Example',
                images: [`https://pim.example/${id}.jpg`],
                url: `https://pim.example/${id}`,
              },
            ]),
          ),
      }),
    ],
  });
  const products = await clock.drive(() => catalog.getMany(['B0MUG00001', 'B0UNKNOWN1']));

  const patchStats = simulator.stats().operations;
  console.log('Amazon SP-API example (simulated, offline)');
  console.log(`  dry run:        ${dryRun.succeeded} valid, ${dryRun.failed} invalid (nothing saved)`);
  console.log(
    `  price patch:    ${patched.succeeded} updated; MUG-0 now ${simulator.state.listings.get('MUG-0')!.price.amountMinor} cents`,
  );
  console.log(
    `  feed:           ${bulk.succeeded}/1000 accepted in ${feedSeconds} simulated s with ${patchStats.createFeed?.calls} createFeed and ${patchStats.getFeed?.calls} getFeed calls`,
  );
  console.log(
    `  orders:         ${orders.length} (${orders[0]?.id}, total ${orders[0]?.totals.total.amountMinor} ${orders[0]?.currency} minor units)`,
  );
  console.log(
    `  notification:   ${notification.isOk() ? JSON.stringify(notification.value[0]) : notification.error.reason}`,
  );
  console.log(
    `  catalog:        ${[...products.values()].map((result) => `${result.record.id} from ${result.source} (quality ${result.quality.score})`).join(', ')}`,
  );
  const throttled = Object.values(patchStats).reduce((sum, stats) => sum + stats.throttled, 0);
  console.log(`  throttled:      ${throttled} answers`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
