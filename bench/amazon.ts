/**
 * 10,000-SKU price and quantity update against the SP-API simulator: by JSON_LISTINGS_FEED and
 * by patchListingsItem (API calls, simulated time, throttled answers, patch-quota utilisation),
 * and side by side the `amazon-sp-api` package doing the same patch loop against the same
 * simulator on the same simulated clock (its throttled calls and the time ratio).
 */
import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { AmazonMarketplace, type ListingUpdate } from '../src/connectors/amazon/index.js';
import type { Clock } from '../src/core/clock.js';
import { money } from '../src/model/money.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { AmazonSpApiSimulator } from '../src/connectors/amazon/simulator/index.js';

const SKUS = 10_000;
// The side-by-side goes through in-process interception (the package uses node:https), which
// costs about 10 ms of CPU a request on a small machine; 500 SKUs keep it within budget.
const PEER_SKUS = 500;
const START = Date.UTC(2026, 0, 1);
const BASE = 'https://sellingpartnerapi-na.amazon.com';
const SELLER = 'A1BENCHSELLER';
const MARKETPLACE = 'ATVPDKIKX0DER';

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

function updates(count: number): ListingUpdate[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${i}`,
    price: money(1000 + (i % 500), 'USD'),
    quantity: i % 50,
  }));
}

function seeded(clock: Clock, count: number): AmazonSpApiSimulator {
  const simulator = new AmazonSpApiSimulator({ clock, baseUrl: BASE, sellerId: SELLER, marketplaceId: MARKETPLACE });
  for (let i = 0; i < count; i++) simulator.addListing({ sku: `SKU-${i}`, price: money(999, 'USD'), quantity: 1 });
  return simulator;
}

function connector(clock: Clock, options: { fetch?: typeof globalThis.fetch } = {}): AmazonMarketplace {
  return new AmazonMarketplace(
    {
      sellerId: SELLER,
      marketplaceId: MARKETPLACE,
      credentials: { clientId: 'bench', clientSecret: 'bench-secret', refreshToken: 'Atzr|bench' },
      timeoutMs: 0,
      pollIntervalMs: 30_000,
    },
    { clock, store: new MemoryStore({ clock }), ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
}

function summarise(simulator: AmazonSpApiSimulator) {
  const operations = simulator.stats().operations;
  let apiCalls = 0;
  let throttled = 0;
  for (const stats of Object.values(operations)) {
    apiCalls += stats.calls;
    throttled += stats.throttled;
  }
  return {
    apiCalls,
    throttled,
    perOperation: Object.fromEntries(
      Object.entries(operations).map(([name, stats]) => [name, { calls: stats.calls, throttled: stats.throttled }]),
    ),
  };
}

function utilisation(
  stats: { accepted: number; firstAt: number; lastAt: number } | undefined,
  rate: number,
  burst: number,
): number {
  if (!stats || stats.lastAt <= stats.firstAt) return 0;
  // Beyond the initial burst, calls can only go at `rate` per second.
  return Number(((stats.accepted - burst) / ((stats.lastAt - stats.firstAt) / 1000) / rate).toFixed(4));
}

async function ours(via: 'feed' | 'patch') {
  const clock = new SkipClock();
  const simulator = seeded(clock, SKUS);
  // The simulator answers as `fetch` directly: 10,000 requests through in-process interception
  // would take minutes of wall time that measure the interceptor, not the connector.
  const amazon = connector(clock, { fetch: simulator.fetch });
  const wall = performance.now();
  const result = await amazon.updateListings(updates(SKUS), { via, concurrency: 1 });
  const wallMs = performance.now() - wall;
  const patch = simulator.stats().operations.patchListingsItem;
  return {
    transport: 'pipeline',
    succeeded: result.succeeded,
    failed: result.failed,
    ...summarise(simulator),
    simulatedSeconds: (clock.now() - START) / 1000,
    wallMs: Math.round(wallMs),
    ...(via === 'patch' ? { patchQuotaUtilisation: utilisation(patch, 5, 5) } : {}),
  };
}

async function ourPatchLoop(server: ReturnType<typeof setupServer>) {
  const clock = new SkipClock();
  const simulator = seeded(clock, PEER_SKUS);
  server.resetHandlers(...simulator.handlers);
  const amazon = connector(clock);
  const result = await amazon.updateListings(updates(PEER_SKUS), { via: 'patch', concurrency: 1 });
  const simulatedSeconds = (clock.now() - START) / 1000;
  return {
    transport: 'pipeline',
    succeeded: result.succeeded,
    ...summarise(simulator),
    simulatedSeconds,
    patchQuotaUtilisation: utilisation(simulator.stats().operations.patchListingsItem, 5, 5),
  };
}

interface Peer {
  callAPI(params: Record<string, unknown>): Promise<unknown>;
  _wait(seconds: number): Promise<void>;
}

async function peerPatchLoop(server: ReturnType<typeof setupServer>) {
  const require = createRequire(import.meta.url);
  let SellingPartner: new (config: Record<string, unknown>) => Peer;
  try {
    SellingPartner = require('amazon-sp-api');
  } catch (error) {
    return { error: `amazon-sp-api could not be loaded: ${(error as Error).message}` };
  }
  const clock = new SkipClock();
  const simulator = seeded(clock, PEER_SKUS);
  server.resetHandlers(...simulator.handlers);
  // The package always calls https://sellingpartnerapi-<region>.amazon.com:443 through node:https;
  // msw intercepts that in-process, so the same simulator answers it without any network.
  const peer = new SellingPartner({
    region: 'na',
    refresh_token: 'Atzr|bench',
    access_token: 'Atza|bench-peer',
    credentials: { SELLING_PARTNER_APP_CLIENT_ID: 'bench', SELLING_PARTNER_APP_CLIENT_SECRET: 'bench-secret' },
    options: { auto_request_tokens: false, auto_request_throttled: true, debug_log: false },
  });
  // Its throttling wait (restore rate after a 429) runs on the same simulated clock as ours.
  peer._wait = (seconds) => clock.sleep(seconds * 1000);
  let failed = 0;
  for (const update of updates(PEER_SKUS)) {
    try {
      await peer.callAPI({
        operation: 'patchListingsItem',
        endpoint: 'listingsItems',
        path: { sellerId: SELLER, sku: update.sku },
        query: { marketplaceIds: [MARKETPLACE] },
        body: {
          productType: 'PRODUCT',
          patches: [
            // Written the way users of the package write it: a JS number built from cents.
            {
              op: 'replace',
              path: '/attributes/purchasable_offer',
              value: [
                {
                  marketplace_id: MARKETPLACE,
                  currency: 'USD',
                  our_price: [{ schedule: [{ value_with_tax: update.price!.amountMinor / 100 }] }],
                },
              ],
            },
            {
              op: 'replace',
              path: '/attributes/fulfillment_availability',
              value: [{ fulfillment_channel_code: 'DEFAULT', quantity: update.quantity }],
            },
          ],
        },
        options: { version: '2021-08-01' },
      });
    } catch {
      failed++;
    }
  }
  const simulatedSeconds = (clock.now() - START) / 1000;
  return {
    package: 'amazon-sp-api',
    succeeded: PEER_SKUS - failed,
    failed,
    ...summarise(simulator),
    simulatedSeconds,
    patchQuotaUtilisation: utilisation(simulator.stats().operations.patchListingsItem, 5, 5),
  };
}

async function sideBySide(server: ReturnType<typeof setupServer>) {
  const ours = await ourPatchLoop(server);
  const peer = await peerPatchLoop(server);
  return {
    skus: PEER_SKUS,
    note: 'Sequential patch loops; both on one simulated clock, both through msw interception of the same simulator.',
    ours,
    peer,
    timeRatioPeerOverOurs:
      'simulatedSeconds' in peer ? Number((peer.simulatedSeconds / ours.simulatedSeconds).toFixed(3)) : null,
  };
}

/** Runs the benchmark and returns JSON-able results. */
export async function run(): Promise<Record<string, unknown>> {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const feed = await ours('feed');
    const patch = await ours('patch');
    const peer = await sideBySide(server);
    return {
      skus: SKUS,
      byFeed: feed,
      byPatch: patch,
      apiCallRatioPatchOverFeed: Number((patch.apiCalls / feed.apiCalls).toFixed(1)),
      sideBySide: peer,
    };
  } finally {
    server.close();
  }
}

if (process.argv[1]?.endsWith('amazon.ts')) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
