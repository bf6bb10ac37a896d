/**
 * bol.com end to end, offline: the Retailer API simulator answers as `fetch` and a fake clock
 * runs its rate-limit windows and process statuses. No credentials, no network.
 *
 *   npx tsx examples/bol.ts
 */
import { BolMarketplace, createBolVerifier } from 'marketbridge/connectors/bol';
import { BolRetailerSimulator } from 'marketbridge/testing/msw';
import { money, MemoryStore } from 'marketbridge';
import { FakeClock } from 'marketbridge/testing';
import { createWebhookProcessor } from 'marketbridge/webhooks';

async function main(): Promise<void> {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
  const simulator = new BolRetailerSimulator({ clock });
  for (let i = 0; i < 200; i++)
    simulator.addOffer({ ean: String(8_712_626_050_000 + i), price: 9.99, stock: 5, title: `Mug ${i}` });
  const mug = [...simulator.state.offers.values()][0]!;
  const order = simulator.addOrder({ items: [{ offerId: mug.offerId, quantity: 2 }] });

  const bol = new BolMarketplace(
    { clientId: 'example-client', clientSecret: 'example-secret', timeoutMs: 0 },
    { clock, fetch: simulator.fetch, store: new MemoryStore({ clock }) },
  );

  // 1. Every offer, through the offers export (request → process status → CSV).
  const products = await clock.drive(async () => {
    const out = [];
    for await (const product of bol.listProducts()) out.push(product);
    return out;
  });

  // 2. Stock and prices of every offer, each write confirmed by its process status. 1,000 units
  //    is more than bol.com takes: that item is refused before anything is sent.
  const started = clock.now();
  const [stock, prices] = await clock.drive(() =>
    Promise.all([
      bol.setInventory(
        products.map((product, i) => ({ sku: product.offers[0]!.sku, quantity: i === 1 ? 1000 : 20 + (i % 10) })),
      ),
      bol.updatePrices(products.map((product) => ({ sku: product.offers[0]!.sku, price: money(1299, 'EUR') }))),
    ]),
  );
  const refused = stock.items.find((item) => !item.ok);

  // 3. Volume prices: from 6 mugs on, 11.99 each.
  const bundles = await clock.drive(() =>
    bol.updateBundlePrices([
      {
        sku: mug.ean,
        bundlePrices: [
          { quantity: 1, unitPrice: money(1299, 'EUR') },
          { quantity: 6, unitPrice: money(1199, 'EUR') },
        ],
      },
    ]),
  );

  // 4. The open order, shipped with PostNL track-and-trace.
  const received = await clock.drive(() => bol.getOrder(order.orderId));
  const shipped = await clock.drive(() =>
    bol.confirmShipment([
      {
        orderId: order.orderId,
        carrier: 'PostNL',
        trackingNumber: '3SBOL0987654321',
        shippedAt: new Date(clock.now()).toISOString(),
      },
    ]),
  );

  // 5. A push subscription, and a pushed process status verified and deduplicated.
  await clock.drive(() =>
    bol.notifications.create({
      resources: ['PROCESS_STATUS'],
      url: 'https://app.example.com/webhooks/bol',
      subscriptionType: 'WEBHOOK',
    }),
  );
  await clock.drive(() => bol.setInventory([{ sku: mug.ean, quantity: 18 }]));
  const processor = createWebhookProcessor({
    verifiers: [createBolVerifier({ fetchKeys: (signal) => bol.notifications.signatureKeys(signal), clock })],
    routes: { bol: { PROCESS_STATUS: () => {} } },
    context: { clock },
  });
  const push = await simulator.signedPush(simulator.outbox.at(-1)!);
  const first = await clock.drive(() => processor.receive('bol', push));
  const again = await clock.drive(() => processor.receive('bol', push));

  console.log(
    JSON.stringify(
      {
        listed: products.length,
        stock: {
          succeeded: stock.succeeded,
          failed: stock.failed,
          refused: refused && !refused.ok ? refused.error.message.split('\n')[1]?.trim() : undefined,
        },
        prices: { succeeded: prices.succeeded, failed: prices.failed },
        simulatedSeconds: (clock.now() - started) / 1000,
        throttled: simulator.stats().throttled,
        bundlePrices: bundles.items[0]?.ok ? bundles.items[0].value : bundles.items[0],
        order: { id: received.id, status: received.status, total: received.totals.total },
        shipped: shipped.succeeded,
        shippedOnBol: simulator.state.orders.get(order.orderId)!.orderItems[0]!.quantityShipped,
        push: [first.status, again.status],
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
