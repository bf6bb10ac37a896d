/**
 * The Shopify connector against the Shopify simulator (no network, no credentials):
 * list products, set stock with compare-and-set, adjust it with an idempotency key, read
 * orders, ship one with tracking, and look at what the cost bucket did.
 *
 *   npx tsx examples/shopify.ts
 */
import { setupServer } from 'msw/node';
import { ShopifyMarketplace } from 'marketbridge/connectors/shopify';
import { EventBus, formatMoney } from 'marketbridge';
import { ShopifySimulator } from 'marketbridge/testing/msw';

const simulator = new ShopifySimulator({ plan: 'plus', products: 20, variantsPerProduct: 2, initialAvailable: 5 });
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

const events = new EventBus();
let limiterWaits = 0;
events.on('throttled', (event) => {
  if (event.source === 'limiter') limiterWaits++;
});

try {
  const shopify = new ShopifyMarketplace(
    { shop: simulator.shop, accessToken: simulator.accessToken, plan: 'plus' },
    { events },
  );

  const health = await shopify.healthCheck();
  console.log(`health: ${health.ok ? 'ok' : health.message}`);

  let products = 0;
  let offers = 0;
  for await (const product of shopify.listProducts({ pageSize: 5 })) {
    products++;
    offers += product.offers.length;
    if (products === 1)
      console.log(
        `first product: ${product.title}, ${product.offers[0]!.sku} at ${formatMoney(product.offers[0]!.price)} ${product.offers[0]!.price.currency}`,
      );
  }
  console.log(`listed ${products} products with ${offers} offers`);

  const updates = Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i + 1}`, quantity: 10 + (i % 7) }));
  const set = await shopify.setInventory(updates);
  console.log(`setInventory: ${set.succeeded} set, ${set.failed} failed`);

  const stale = await shopify.setInventory([{ sku: 'SKU-1', quantity: 99, expectedAvailable: 3 }]);
  console.log(
    `compare-and-set with a stale expectation: ${stale.items[0]!.ok ? 'written' : stale.items[0]!.error.code}`,
  );

  const sale = { sku: 'SKU-2', delta: -1, idempotencyKey: 'order-1001-line-1' };
  await shopify.adjustInventory([sale]);
  await shopify.adjustInventory([sale]);
  console.log(`adjusted SKU-2 twice with one idempotency key: available ${simulator.available('SKU-2')} (was 11)`);

  const order = simulator.placeOrder({ lines: [{ sku: 'SKU-3', quantity: 2 }] });
  const open = [];
  for await (const item of shopify.listOrders({ since: '2026-01-01T00:00:00Z' })) open.push(item);
  console.log(`orders: ${open.length}, first total ${formatMoney(open[0]!.totals.total)} ${open[0]!.currency}`);

  const shipped = await shopify.confirmShipment([
    { orderId: String(order.id), carrier: 'PostNL', trackingNumber: '3SABCD123', shippedAt: new Date().toISOString() },
  ]);
  console.log(
    `shipment confirmed: ${shipped.succeeded === 1}, order now ${(await shopify.getOrder(String(order.id))).status}`,
  );

  console.log(
    `API calls: ${simulator.stats().requests}, points spent: ${simulator.stats().costSpent}, throttled by Shopify: ${simulator.stats().throttled}, waits for budget: ${limiterWaits}`,
  );
} finally {
  server.close();
}
