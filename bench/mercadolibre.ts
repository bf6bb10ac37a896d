/**
 * 10,000-SKU stock update against the MercadoLibre simulator on a fake clock: API calls per
 * resource family, throttled answers (429), simulated time, and that time divided by the
 * least the application's budgets allow (1.0 = the budget used to the full). Three shapes of
 * catalog: one SKU per item, four variations per item, and a multi-warehouse seller (stock per
 * warehouse through user products, with versions).
 */
import {
  MERCADOLIBRE_LIMITS,
  MercadoLibreMarketplace,
  type MercadoLibreResource,
} from '../src/connectors/mercadolibre/index.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { MercadoLibreSimulator } from '../src/testing/msw/index.js';
import { FakeClock } from '../src/testing/fake-clock.js';

const SKUS = 10_000;

type Shape = 'items' | 'variations' | 'warehouses';

function seeded(shape: Shape, clock: FakeClock): MercadoLibreSimulator {
  const simulator = new MercadoLibreSimulator({ clock });
  if (shape === 'items') {
    for (let i = 0; i < SKUS; i++)
      simulator.catalog.addItem({ title: `Item ${i}`, price: 100, quantity: 1, sku: `SKU-${i}` });
  } else if (shape === 'variations') {
    for (let i = 0; i < SKUS / 4; i++) {
      simulator.catalog.addItem({
        title: `Item ${i}`,
        price: 100,
        variations: ['S', 'M', 'L', 'XL'].map((size, v) => ({
          sku: `SKU-${i * 4 + v}`,
          quantity: 1,
          options: { Talle: size },
        })),
      });
    }
  } else {
    simulator.catalog.enableWarehouses();
    for (let i = 0; i < SKUS; i++) {
      const item = simulator.catalog.addItem({ title: `Item ${i}`, price: 100, sku: `SKU-${i}` });
      simulator.catalog.setStockLocations(item.id, [{ type: 'seller_warehouse', store_id: '100', quantity: 1 }]);
    }
  }
  return simulator;
}

/** The least time `calls` requests take on a token bucket (the burst goes at once). */
const leastSeconds = (calls: number, resource: MercadoLibreResource) =>
  Math.max(0, calls - MERCADOLIBRE_LIMITS[resource].burst) / MERCADOLIBRE_LIMITS[resource].ratePerSecond;

async function scenario(shape: Shape) {
  const clock = new FakeClock();
  const simulator = seeded(shape, clock);
  // The simulator answers as fetch directly: 10,000 requests through msw would measure msw.
  const ml = new MercadoLibreMarketplace(
    {
      site: 'MLA',
      sellerId: simulator.sellerId,
      credentials: {
        clientId: simulator.applicationId,
        clientSecret: 'simulator-secret',
        refreshToken: simulator.tokens.grant(simulator.sellerId),
      },
      timeoutMs: 0,
      stock: shape === 'warehouses' ? 'user-products' : 'items',
    },
    { clock, store: new MemoryStore({ clock }), fetch: simulator.fetch },
  );
  const updates = Array.from({ length: SKUS }, (_, i) => ({
    sku: `SKU-${i}`,
    quantity: i % 13,
    ...(shape === 'warehouses' ? { locationId: '100' } : {}),
  }));
  const started = clock.now();
  const wall = performance.now();
  const result = await clock.drive(() => ml.setInventory(updates), 50_000_000);
  const wallMs = Math.round(performance.now() - wall);
  const simulatedSeconds = (clock.now() - started) / 1000;
  const stats = simulator.stats();
  const perResource = Object.fromEntries(
    Object.entries(stats.resources).map(([resource, entry]) => [
      resource,
      { calls: entry.calls, throttled: entry.throttled },
    ]),
  );
  // Resolving SKUs (reads) comes before writing, so their least times add up.
  const least = Object.entries(stats.resources).reduce(
    (sum, [resource, entry]) => sum + leastSeconds(entry.calls, resource as MercadoLibreResource),
    0,
  );
  return {
    skus: SKUS,
    succeeded: result.succeeded,
    failed: result.failed,
    apiCalls: stats.calls,
    callsPerSku: Number((stats.calls / SKUS).toFixed(3)),
    throttled: stats.throttled,
    perResource,
    simulatedSeconds,
    leastSecondsTheBudgetsAllow: Number(least.toFixed(1)),
    timeOverLeast: Number((simulatedSeconds / least).toFixed(4)),
    wallMs,
  };
}

/** Runs the benchmark and returns JSON-able results. */
export async function run(): Promise<Record<string, unknown>> {
  return {
    note: 'Simulated time on a fake clock against the MercadoLibre simulator (its budgets per application and resource family are the connector defaults); wallMs is informational on a shared machine.',
    budgets: MERCADOLIBRE_LIMITS,
    oneSkuPerItem: await scenario('items'),
    fourVariationsPerItem: await scenario('variations'),
    multiWarehouse: await scenario('warehouses'),
  };
}

if (process.argv[1]?.endsWith('mercadolibre.ts')) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
