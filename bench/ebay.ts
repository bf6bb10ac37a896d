/**
 * 10,000-SKU price and quantity update against the eBay simulator (bulkUpdatePriceQuantity, 25
 * SKUs a call): API calls (target ⌈10,000 ÷ 25⌉ = 400), throttled answers (target 0), and the
 * simulated time next to the least time the call limits allow. Three runs: eBay's default
 * Inventory API limit (2,000,000 calls a day; the whole update fits in the bucket), the same
 * with offer ids not yet known (one getOffers call per SKU first), and a limit scaled down to
 * one call a second with a burst of 10, where pacing decides the time.
 */
import {
  EbayMarketplace,
  EbayOfferIndex,
  type EbayCallLimit,
  type EbayPriceQuantityUpdate,
} from '../src/connectors/ebay/index.js';
import type { Clock } from '../src/core/clock.js';
import { money } from '../src/model/money.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { EbaySimulator } from '../src/testing/msw/index.js';

const SKUS = 10_000;
const START = Date.UTC(2026, 0, 1);

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

const updates = (): EbayPriceQuantityUpdate[] =>
  Array.from({ length: SKUS }, (_, i) => ({
    sku: `SKU-${i}`,
    price: money(1000 + (i % 500), 'USD'),
    quantity: i % 50,
  }));

async function scenario(options: { limit?: EbayCallLimit; warm: boolean }) {
  const clock = new SkipClock();
  const limits = options.limit ? { inventory: options.limit } : undefined;
  const simulator = new EbaySimulator({ clock, ...(limits ? { limits } : {}) });
  for (let i = 0; i < SKUS; i++)
    simulator.addListing({ sku: `SKU-${i}`, title: `Item ${i}`, price: money(999, 'USD'), quantity: 1 });
  const store = new MemoryStore({ clock });
  if (options.warm) {
    await new EbayOfferIndex(store, 'default', 'EBAY_US').rememberOffers(
      [...simulator.state.offers.values()].map((offer) => ({
        offerId: offer.offerId,
        sku: offer.sku,
        marketplaceId: offer.marketplaceId,
        format: offer.format,
        status: offer.status,
      })),
    );
  }
  const ebay = new EbayMarketplace(
    {
      credentials: { clientId: 'bench-app', clientSecret: 'bench-cert', refreshToken: simulator.issueRefreshToken() },
      timeoutMs: 0,
      concurrency: 1,
      ...(limits ? { limits } : {}),
    },
    { clock, store, fetch: simulator.fetch },
  );
  const wall = performance.now();
  const result = await ebay.updatePriceQuantity(updates());
  const wallMs = Math.round(performance.now() - wall);
  const stats = simulator.stats();
  const bulk = stats.operations.bulkUpdatePriceQuantity?.calls ?? 0;
  const rate = (options.limit?.callsPerDay ?? 2_000_000) / 86_400;
  const burst = options.limit?.burst ?? Math.ceil((options.limit?.callsPerDay ?? 2_000_000) / 24);
  // The least time the limit allows for these calls: what does not fit in the bucket goes at its rate.
  const allowedSeconds = Math.max(0, (stats.calls - burst) / rate);
  const simulatedSeconds = (clock.now() - START) / 1000;
  return {
    succeeded: result.succeeded,
    failed: result.failed,
    apiCalls: stats.calls,
    bulkUpdatePriceQuantityCalls: bulk,
    skusPerBulkCall: Number((SKUS / bulk).toFixed(2)),
    throttled: stats.throttled,
    perOperation: stats.operations,
    limit: { callsPerDay: options.limit?.callsPerDay ?? 2_000_000, burst },
    simulatedSeconds: Number(simulatedSeconds.toFixed(3)),
    allowedSeconds: Number(allowedSeconds.toFixed(3)),
    timeOverAllowed: allowedSeconds > 0 ? Number((simulatedSeconds / allowedSeconds).toFixed(4)) : null,
    wallMs,
  };
}

/** Runs the benchmark and returns JSON-able results. */
export async function run(): Promise<Record<string, unknown>> {
  const defaultLimits = await scenario({ warm: true });
  const coldOfferIds = await scenario({ warm: false });
  const scaledLimit = await scenario({ warm: true, limit: { callsPerDay: 86_400, burst: 10 } });
  return {
    skus: SKUS,
    targetCalls: Math.ceil(SKUS / 25),
    note: 'Sequential (concurrency 1) on a simulated clock; the simulator answers as fetch, without msw interception. timeOverAllowed is null when every call fits in the bucket (no time is needed).',
    defaultLimits,
    coldOfferIds,
    scaledLimit,
  };
}

if (process.argv[1]?.endsWith('ebay.ts')) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
