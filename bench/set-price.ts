/**
 * An agent's `set_price` through `RealWorldAdapter.executeAction` in sandbox mode, against the
 * Shopify simulator (2 variants per product, Standard plan bucket), with read-back. Counts the
 * GraphQL calls the action takes (connecting excluded), per operation, and the simulated time
 * the cost bucket makes it wait. Time is simulated (sleeping moves the clock at once), so the
 * numbers do not depend on the machine.
 *
 * Target: at most 4 calls on a 10,000-product store.
 *
 * The same action on eBay, bol.com and MercadoLibre (each through its simulator, in sandbox
 * mode: eBay's sandbox, bol.com's demo environment, MercadoLibre pointed at a local host) counts
 * the HTTP calls per endpoint (token requests apart), so that the figures show the lookup by SKU
 * does not grow with the catalog. bol.com is measured with its offer index built by an earlier
 * action (a dry run on another offer) and cold (the first action pays for one offers export).
 */
import { silentLogger } from '../src/core/logger.js';
import type { Clock } from '../src/core/clock.js';
import { RealWorldAdapter } from '../src/safety/index.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { ShopifySimulator } from '../src/connectors/shopify/simulator/index.js';
import { BolRetailerSimulator } from '../src/connectors/bol/simulator/index.js';
import { EbaySimulator, MercadoLibreSimulator } from '../src/testing/msw/index.js';
import { money } from '../src/model/money.js';
import type { Money } from '../src/model/money.js';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';

const START = Date.UTC(2026, 0, 1);
const SHOP = 'sim-shop.test';
const TARGET_CALLS = 4;

/** Simulated time for one sequential worker: sleeping moves time forward at once. */
class SkipClock implements Clock {
  #now = START;
  now(): number {
    return this.#now;
  }
  async sleep(ms: number): Promise<void> {
    this.#now += Math.max(0, ms);
  }
}

async function scenario(products: number) {
  const clock = new SkipClock();
  const simulator = new ShopifySimulator({ shop: SHOP, clock, products, variantsPerProduct: 2 });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const connected = await adapter.initializeMarketplaceConnection({
      marketplace: 'shopify',
      config: {
        shop: 'sim-shop',
        accessToken: simulator.accessToken,
        endpoint: `https://${SHOP}/admin/api/2026-10`,
        timeoutMs: 0,
      },
    });
    if (connected.isErr()) throw new Error(connected.error.message);
    const sku = `SKU-${products * 2 - 1}`;
    const requests = simulator.stats().requests;
    const byOperation = { ...simulator.stats().byOperation };
    const started = clock.now();
    const wall = performance.now();
    const result = await adapter.executeAction({
      type: 'set_price',
      sku,
      price: { amountMinor: 1249, currency: 'EUR' },
    });
    const calls = simulator.stats().requests - requests;
    const perOperation = Object.fromEntries(
      Object.entries(simulator.stats().byOperation)
        .map(([name, count]) => [name, count - (byOperation[name] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    return {
      products,
      variants: products * 2,
      status: result.isOk() ? result.value.status : result.error.reason,
      ...(result.isErr() ? { message: result.error.message } : {}),
      verified: result.isOk() ? (result.value.verification?.ok ?? false) : false,
      graphqlCalls: calls,
      perOperation,
      throttled: simulator.stats().throttled,
      simulatedMs: clock.now() - started,
      wallMs: Math.round(performance.now() - wall),
      meetsTarget: calls <= TARGET_CALLS,
    };
  } finally {
    server.close();
  }
}

/**
 * Measured by this benchmark before offers were looked up by SKU (commit "Bench: set-price
 * through the adapter ..."): the prior state and the read-back scanned the catalog.
 */
const BEFORE_LOOKUP_BY_SKU = {
  products100: { graphqlCalls: 13, simulatedMs: 65_440 },
  products500: { graphqlCalls: 46, simulatedMs: 375_040 },
  products10000: { graphqlCalls: 838, simulatedMs: 7_803_940 },
};

/**
 * Measured by this benchmark on the commit before eBay, bol.com and MercadoLibre had
 * `getOffersBySku` (HTTP calls of the action, token requests apart): the adapter scanned the
 * catalog (eBay: every inventory item and its offers; MercadoLibre: the scan search and
 * multigets) or, on bol.com, found the offer id in its SKU index from the export and read the
 * offer by id, as now.
 */
const CONNECTORS_BEFORE_LOOKUP_BY_SKU = {
  ebay: { products100: { httpCalls: 104 }, products5000: { httpCalls: 5053 } },
  bolWarmIndex: { products100: { httpCalls: 6 }, products5000: { httpCalls: 6 } },
  bolColdIndex: { products100: { httpCalls: 10 }, products5000: { httpCalls: 10 } },
  mercadolibre: { products100: { httpCalls: 8 }, products5000: { httpCalls: 302, simulatedMs: 28_100 } },
};

/** An endpoint as counted: method and path with ids (segments holding digits) as `:id`. */
function endpointOf(request: Request): string {
  const url = new URL(request.url);
  const path = url.pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) && !/^v\d+$/.test(segment) ? ':id' : segment))
    .join('/');
  return `${request.method} ${path}`;
}

interface ConnectorSetup {
  handlers: HttpHandler[];
  marketplace: string;
  config: Record<string, unknown>;
  sku: string;
  price: Money;
  /** Runs once the connection exists, before the measured action (bol.com: build the offer index). */
  warm?: (adapter: RealWorldAdapter) => Promise<void>;
  isToken: (url: URL) => boolean;
}

function ebaySetup(clock: Clock, products: number): ConnectorSetup {
  const credentials = { clientId: 'Acme-Sync-SBX-1a2b3c4d5-e6f7a8b9', clientSecret: 'SBX-1a2b3c4d5e6f-7a8b-9c0d' };
  const simulator = new EbaySimulator({ clock, environment: 'sandbox', ...credentials });
  for (let i = 0; i < products; i++)
    simulator.addListing({ sku: `SKU-${i}`, title: `Item ${i}`, price: money(1000 + i, 'USD'), quantity: 5 });
  return {
    handlers: simulator.handlers,
    marketplace: 'ebay',
    config: {
      environment: 'sandbox',
      credentials: { ...credentials, refreshToken: simulator.issueRefreshToken() },
      merchantLocationKey: 'default',
      timeoutMs: 0,
    },
    sku: `SKU-${products - 1}`,
    // 5 % above the seeded price: within the validator's limit on one change.
    price: money(Math.round((1000 + products - 1) * 1.05), 'USD'),
    isToken: (url) => url.pathname.includes('/oauth2/'),
  };
}

function bolSetup(clock: Clock, products: number, warm: boolean): ConnectorSetup {
  const simulator = new BolRetailerSimulator({ clock, environment: 'demo' });
  const eans: string[] = [];
  for (let i = 0; i < products; i++) {
    const ean = `8712${String(i).padStart(9, '0')}`;
    eans.push(ean);
    simulator.addOffer({ ean, price: 10 + (i % 50), stock: 3 });
  }
  return {
    handlers: simulator.handlers,
    marketplace: 'bol',
    config: { clientId: 'bol-client-id', clientSecret: 'bol-client-secret-value', environment: 'demo', timeoutMs: 0 },
    sku: eans[products - 1]!,
    price: money((10 + ((products - 1) % 50)) * 100 + 50, 'EUR'),
    // Warm: an earlier action (a dry run on another offer) built the index through the export.
    ...(warm
      ? {
          warm: async (adapter: RealWorldAdapter) => {
            await adapter.dryRun({ type: 'set_price', sku: eans[0]!, price: money(1100, 'EUR') });
          },
        }
      : {}),
    isToken: (url) => url.host === 'login.bol.com',
  };
}

function mercadolibreSetup(clock: Clock, products: number): ConnectorSetup {
  const simulator = new MercadoLibreSimulator({ clock, baseUrl: 'http://mercadolibre.test' });
  for (let i = 0; i < products; i++)
    simulator.catalog.addItem({ title: `Item ${i}`, price: 1000 + i, quantity: 5, sku: `SKU-${i}` });
  return {
    handlers: simulator.handlers,
    marketplace: 'mercadolibre',
    config: {
      site: 'MLA',
      sellerId: simulator.sellerId,
      credentials: {
        clientId: simulator.applicationId,
        clientSecret: 'simulator-secret',
        refreshToken: simulator.tokens.grant(simulator.sellerId),
      },
      endpoints: { api: simulator.baseUrl, token: simulator.tokenUrl },
      stock: 'items',
      timeoutMs: 0,
    },
    sku: `SKU-${products - 1}`,
    price: money(Math.round((1000 + products - 1) * 1.05) * 100, 'ARS'),
    isToken: (url) => url.pathname.startsWith('/oauth'),
  };
}

async function connectorScenario(make: (clock: Clock) => ConnectorSetup, products: number) {
  const clock = new SkipClock();
  const setup = make(clock);
  const server = setupServer(...setup.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const counted = new Map<string, number>();
  let counting = false;
  server.events.on('request:start', ({ request }) => {
    if (!counting || setup.isToken(new URL(request.url))) return;
    const key = endpointOf(request);
    counted.set(key, (counted.get(key) ?? 0) + 1);
  });
  try {
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const connected = await adapter.initializeMarketplaceConnection({
      marketplace: setup.marketplace,
      config: setup.config,
    });
    if (connected.isErr()) throw new Error(connected.error.message);
    if (setup.warm) await setup.warm(adapter);
    counting = true;
    const started = clock.now();
    const wall = performance.now();
    const result = await adapter.executeAction({ type: 'set_price', sku: setup.sku, price: setup.price });
    counting = false;
    const perEndpoint = Object.fromEntries([...counted].sort(([a], [b]) => a.localeCompare(b)));
    return {
      products,
      status: result.isOk() ? result.value.status : result.error.reason,
      ...(result.isErr() ? { message: result.error.message } : {}),
      verified: result.isOk() ? (result.value.verification?.ok ?? false) : false,
      httpCalls: [...counted.values()].reduce((sum, n) => sum + n, 0),
      perEndpoint,
      simulatedMs: clock.now() - started,
      wallMs: Math.round(performance.now() - wall),
    };
  } finally {
    server.close();
  }
}

/** Runs the three store sizes on Shopify, and two catalog sizes on eBay, bol.com and MercadoLibre. */
export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    targetCalls: TARGET_CALLS,
    beforeLookupBySku: BEFORE_LOOKUP_BY_SKU,
    connectorsBeforeLookupBySku: CONNECTORS_BEFORE_LOOKUP_BY_SKU,
  };
  for (const products of [100, 500, 10_000]) out[`products${products}`] = await scenario(products);
  const connectors: Record<string, (clock: Clock, products: number) => ConnectorSetup> = {
    ebay: ebaySetup,
    bolWarmIndex: (clock, products) => bolSetup(clock, products, true),
    bolColdIndex: (clock, products) => bolSetup(clock, products, false),
    mercadolibre: mercadolibreSetup,
  };
  for (const [name, make] of Object.entries(connectors)) {
    const sizes: Record<string, unknown> = {};
    for (const products of [100, 5_000])
      sizes[`products${products}`] = await connectorScenario((clock) => make(clock, products), products);
    out[name] = sizes;
  }
  return out;
}
