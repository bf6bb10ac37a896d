/**
 * The marketbridge demo: one interface over three marketplaces, no credentials, no network.
 *
 *   npm run demo
 *
 * It registers a user-defined marketplace (a subclass implementing two operations) next to two
 * simulated marketplaces, lists their products, updates prices and stock in batches while
 * printing progress from events, lets a simulated business day of buyers pass, and prints a
 * summary.
 */
import { z } from 'zod';
import {
  applyBasisPoints,
  BaseMarketplaceAPI,
  createDefaultFactory,
  defineMarketplace,
  EventBus,
  formatMoney,
  PriceUpdateSchema,
  toBatchResult,
  type Context,
  type Offer,
  type PriceUpdate,
  type Product,
} from 'marketbridge';
import type { SimulatedMarketplace } from 'marketbridge/simulated';
import { FakeClock } from 'marketbridge/testing';

/** A tiny marketplace of our own: a price list that can be read and repriced. */
class CornerShop extends BaseMarketplaceAPI {
  readonly platform = 'corner-shop';
  readonly #prices: Map<string, number>;

  constructor(config: { currency: string; items: Record<string, number> }, context?: Context) {
    super(context);
    this.#prices = new Map(Object.entries(config.items));
    this.currency = config.currency;
  }

  readonly currency: string;

  override async *listProducts(): AsyncIterable<Product> {
    for (const [sku, amountMinor] of this.#prices) {
      yield {
        id: sku,
        title: `Corner shop ${sku.toLowerCase()}`,
        status: 'active',
        images: [],
        attributes: {},
        offers: [{ sku, price: { amountMinor, currency: this.currency }, condition: 'new', options: {} }],
      };
    }
  }

  override async updatePrices(updates: readonly PriceUpdate[]) {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return toBatchResult(
      valid.map((input, index) => {
        this.#prices.set(input.sku, input.price.amountMinor);
        const value: Offer = { sku: input.sku, price: input.price, condition: 'new', options: {} };
        return { index, input, ok: true as const, value };
      }),
    );
  }
}

const cornerShop = defineMarketplace({
  name: 'corner-shop',
  description: 'A user-defined marketplace with two operations.',
  configSchema: z.object({
    currency: z.string().length(3),
    items: z.record(z.string(), z.number().int().nonnegative()),
  }),
  create: (config, context) => new CornerShop(config, context),
});

const clock = new FakeClock(Date.parse('2026-11-23T08:00:00Z'));
const events = new EventBus();
const context = { clock, events, tenantId: 'demo-seller' };

function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(4)}/${total}`;
}

async function main() {
  const factory = createDefaultFactory().register(cornerShop);
  console.log(`Registered marketplaces: ${factory.names().join(', ')}\n`);

  const shop = await factory.create(
    'corner-shop',
    { currency: 'EUR', items: { 'MUG-1': 899, 'TEE-1': 1999 } },
    context,
  );
  const eu = (await factory.create(
    'simulated',
    {
      name: 'sim-eu',
      seed: 7,
      products: 120,
      currency: 'EUR',
      locations: ['AMS', 'BER'],
      maxBatchSize: 50,
      latencyMs: { min: 20, max: 80 },
      rateLimit: { ratePerSecond: 10, burst: 5 },
      orders: { perHour: 12 },
    },
    context,
  )) as SimulatedMarketplace;
  const jp = (await factory.create(
    'simulated',
    {
      name: 'sim-jp',
      seed: 8,
      products: 60,
      currency: 'JPY',
      maxBatchSize: 25,
      latencyMs: { min: 30, max: 120 },
      rateLimit: { ratePerSecond: 5, burst: 5 },
      orders: { perHour: 6 },
    },
    context,
  )) as SimulatedMarketplace;
  const marketplaces = [shop, eu, jp];

  let throttledMs = 0;
  events.on('throttled', (event) => (throttledMs += event.waitMs));
  events.on('batchProgress', (event) => {
    console.log(
      `  ${event.platform.padEnd(12)} ${event.operation.padEnd(14)} ${bar(event.done, event.total)}${event.failed ? `  (${event.failed} failed)` : ''}`,
    );
  });

  console.log('1. Catalogs (lazy, page by page)');
  const catalogs = new Map<string, Product[]>();
  for (const marketplace of marketplaces) {
    const products: Product[] = [];
    for await (const product of marketplace.listProducts({ pageSize: 50 })) products.push(product);
    catalogs.set(marketplace.platform, products);
    const offers = products.flatMap((p) => p.offers);
    console.log(
      `  ${marketplace.platform.padEnd(12)} ${String(products.length).padStart(3)} products, ${String(offers.length).padStart(3)} offers, e.g. ${offers[0]?.sku} at ${offers[0] ? `${formatMoney(offers[0].price)} ${offers[0].price.currency}` : '-'}`,
    );
  }

  console.log('\n2. A 5 % price rise everywhere, in batches (integer minor units, no floats)');
  const repriced = new Map<string, string>();
  for (const marketplace of marketplaces) {
    const offers = catalogs.get(marketplace.platform)?.flatMap((p) => p.offers) ?? [];
    const updates = offers.map((offer) => ({ sku: offer.sku, price: applyBasisPoints(offer.price, 500) }));
    const result = await marketplace.updatePrices(updates);
    repriced.set(marketplace.platform, `${result.succeeded} repriced, ${result.failed} failed`);
  }

  console.log('\n3. Restock to 25 units per location with compare-and-set (a stale read is refused, never forced)');
  const restocked = new Map<string, string>();
  for (const marketplace of marketplaces) {
    if (!marketplace.capabilities.supports('setInventory')) {
      restocked.set(marketplace.platform, 'no stock to set (setInventory is not one of its operations)');
      continue;
    }
    const skus = catalogs.get(marketplace.platform)?.flatMap((p) => p.offers.map((o) => o.sku)) ?? [];
    const levels = await marketplace.getInventory({ skus });
    const result = await marketplace.setInventory(
      levels.map((level) => ({
        sku: level.sku,
        locationId: level.locationId,
        quantity: 25,
        expectedVersion: level.version,
      })),
    );
    restocked.set(marketplace.platform, `${result.succeeded} levels set, ${result.failed} conflicts`);
  }

  console.log('\n4. A business day passes: buyers order on the simulated marketplaces');
  await clock.sleep(10 * 3_600_000);

  console.log('\nSummary');
  for (const marketplace of marketplaces) {
    const orders: string[] = [];
    let revenue = 0;
    let currency = '';
    if (marketplace.capabilities.supports('listOrders')) {
      for await (const order of marketplace.listOrders({ since: '2026-11-23T00:00:00.000Z' })) {
        orders.push(order.id);
        revenue += order.totals.total.amountMinor;
        currency = order.currency;
      }
    }
    const sales = currency
      ? `${orders.length} orders, ${formatMoney({ amountMinor: revenue, currency })} ${currency}`
      : 'no orders to list';
    console.log(
      `  ${marketplace.platform.padEnd(12)} ${repriced.get(marketplace.platform)}; ${restocked.get(marketplace.platform)}; ${sales}`,
    );
  }
  const calls = (m: SimulatedMarketplace) => Object.values(m.stats().calls).reduce((a, b) => a + (b ?? 0), 0);
  console.log(
    `\n  API calls: sim-eu ${calls(eu)}, sim-jp ${calls(jp)}; waited ${Math.round(throttledMs / 100) / 10} s for rate limits instead of being throttled.`,
  );
  console.log(`  Simulated time: ${new Date(clock.now()).toISOString()}`);
}

await clock.drive(main);
