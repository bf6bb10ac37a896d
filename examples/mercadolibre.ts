/**
 * MercadoLibre end to end, offline: the simulator answers as `fetch` and a fake clock runs the
 * token lifetimes and the application's budgets. Stock and prices for a catalog with
 * variations, an order notified and processed after the acknowledgement, a notification that
 * was never delivered recovered from the missed feeds, a multi-warehouse seller written with
 * compare-and-set, and a refresh whose answer was lost.
 *
 *   npx tsx examples/mercadolibre.ts
 */
import {
  createMercadoLibreNotifications,
  mercadolibreHttpResponse,
  MercadoLibreMarketplace,
} from 'marketbridge/connectors/mercadolibre';
import { money, MemoryStore } from 'marketbridge';
import { FakeClock } from 'marketbridge/testing';
import { MercadoLibreSimulator } from 'marketbridge/testing/msw';

async function main(): Promise<void> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const simulator = new MercadoLibreSimulator({ clock });
  for (let i = 0; i < 250; i++)
    simulator.catalog.addItem({ title: `Taza ${i}`, price: 1500, quantity: 5, sku: `TAZA-${i}` });
  const tee = simulator.catalog.addItem({
    title: 'Remera',
    price: 9999.9,
    variations: ['S', 'M', 'L'].map((size) => ({ sku: `REM-${size}`, quantity: 2, options: { Talle: size } })),
  });

  const connect = (sellerId: number, stock: 'items' | 'user-products') =>
    new MercadoLibreMarketplace(
      {
        site: 'MLA',
        sellerId,
        credentials: {
          clientId: simulator.applicationId,
          clientSecret: 'simulator-secret',
          refreshToken: simulator.tokens.grant(sellerId),
        },
        timeoutMs: 0,
        stock,
      },
      { clock, store, fetch: simulator.fetch },
    );
  const ml = connect(simulator.sellerId, 'items');

  // 1. Stock of 250 SKUs and of two variations: one write per item, paced by the budgets.
  const started = clock.now();
  const stock = await clock.drive(() =>
    ml.setInventory([
      ...Array.from({ length: 250 }, (_, i) => ({ sku: `TAZA-${i}`, quantity: i % 9 })),
      { sku: 'REM-M', quantity: 7 },
      { sku: 'REM-L', quantity: 0 },
    ]),
  );
  const stockSeconds = (clock.now() - started) / 1000;
  const prices = await clock.drive(() =>
    ml.updatePrices([
      { sku: 'REM-S', price: money(1_049_990, 'ARS') },
      { sku: 'NO-EXISTE', price: money(100, 'ARS') },
    ]),
  );

  // 2. An order: the notification is answered at once and processed afterwards.
  const handled: string[] = [];
  const background: Promise<unknown>[] = [];
  const notifications = createMercadoLibreNotifications({
    applicationId: simulator.applicationId,
    sellers: [ml],
    handlers: {
      orders_v2: ({ order }) =>
        void handled.push(`${order!.id} ${order!.status} ${order!.totals.total.amountMinor / 100} ${order!.currency}`),
    },
    context: { clock, store },
    waitUntil: (work) => void background.push(work),
  });
  simulator.catalog.placeOrder({ itemId: tee.id, variationId: tee.variations![0]!.id, quantity: 1, shipping: 'me1' });
  const [delivery] = simulator.takeDeliveries();
  const answer = mercadolibreHttpResponse(await notifications.receive(delivery!));
  await clock.drive(() => Promise.all(background));

  // 3. A notification that never arrived, recovered from /missed_feeds (twice: processed once).
  simulator.catalog.placeOrder({
    itemId: tee.id,
    variationId: tee.variations![1]!.id,
    quantity: 2,
    shipping: 'me1',
    missed: true,
  });
  const recovered = await clock.drive(() => notifications.recoverMissedFeeds());
  const again = await clock.drive(() => notifications.recoverMissedFeeds());

  // 4. A multi-warehouse seller: stock per warehouse, written with its version.
  simulator.catalog.addSeller({ id: 555000111 });
  simulator.catalog.enableWarehouses(555000111);
  const kettle = simulator.catalog.addItem({ title: 'Pava', price: 30000, sku: 'PAVA-1', sellerId: 555000111 });
  simulator.catalog.setStockLocations(kettle.id, [
    { type: 'seller_warehouse', store_id: '100', quantity: 4 },
    { type: 'seller_warehouse', store_id: '200', quantity: 9 },
  ]);
  const warehouses = connect(555000111, 'user-products');
  const levels = await clock.drive(() => warehouses.getInventory({ skus: ['PAVA-1'] }));
  const cas = await clock.drive(() =>
    warehouses.setInventory([
      { sku: 'PAVA-1', locationId: '200', quantity: 6, expectedVersion: levels[0]!.version },
      { sku: 'PAVA-1', locationId: '100', quantity: 1, expectedAvailable: 99 },
    ]),
  );

  // 5. A refresh whose answer is lost: the single-use refresh token is never sent again.
  await clock.advance(7 * 3600_000);
  simulator.tokens.failNextRefresh('lost-answer');
  const health = await clock.drive(() => ml.healthCheck());
  const status = await ml.auth.oauth.connectionStatus(ml.auth.connectionId);

  const stats = simulator.stats();
  console.log('MercadoLibre (simulated)');
  console.log(
    `  stock: ${stock.succeeded} written, ${stock.failed} failed, in ${stockSeconds} simulated s (items-write budget 5/s, burst 10); throttled: ${stats.throttled}`,
  );
  console.log(
    `  prices: ${prices.items.map((item) => (item.ok ? `${item.input.sku} ok` : `${item.input.sku} ${item.error.code}`)).join(', ')}; every variation now ${simulator.state.items
      .get(tee.id)!
      .variations!.map((v) => v.price)
      .join('/')}`,
  );
  console.log(`  notification answered HTTP ${answer.status}, then processed: ${handled[0]}`);
  console.log(
    `  missed feeds: ${recovered.processed} processed (${handled[1]}), then ${again.processed} processed and ${again.duplicates} duplicate on the next run`,
  );
  console.log(
    `  warehouses: ${levels.map((level) => `${level.locationId}=${level.available}`).join(', ')} (version ${levels[0]!.version}); compare-and-set: ${cas.items.map((item) => (item.ok ? `ok v${item.value.version}` : item.error.code)).join(', ')}`,
  );
  console.log(
    `  lost refresh answer: health ${health.ok ? 'ok' : 'failed'}, connection ${status.state} (${status.reason}); refresh requests: ${simulator.tokens.stats().refreshRequests}, reused: ${simulator.tokens.stats().reusedRefreshTokens}`,
  );
  console.log(
    `  calls by resource: ${Object.entries(stats.resources)
      .map(([resource, entry]) => `${resource} ${entry.calls}`)
      .join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
