/**
 * 10,000-offer stock and price update against the bol.com simulator, both at once (they count
 * against different windows): API calls per kind, throttled answers, and simulated time against
 * what the windows allow — the busiest window's (ceil(calls ÷ limit) − 1) × its length, the
 * least time any client could take. Runs on a fake clock, so nothing here measures wall time
 * except the `wallMs` figure, which is informational.
 */
import { BOL_SIMULATOR_WINDOWS, BolRetailerSimulator } from '../src/connectors/bol/simulator/index.js';
import { BolMarketplace } from '../src/connectors/bol/index.js';
import { money } from '../src/model/money.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { driveSimulation } from '../src/testing/pipeline/drive.js';

const OFFERS = 10_000;

export async function run(): Promise<Record<string, unknown>> {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
  const simulator = new BolRetailerSimulator({ clock });
  const offers = Array.from({ length: OFFERS }, (_, i) =>
    simulator.addOffer({ ean: String(8_700_000_000_000 + i), price: 9.99, stock: 1 }),
  );
  let inFlight = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight++;
    try {
      return await simulator.fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  const bol = new BolMarketplace(
    { clientId: 'bench', clientSecret: 'bench-secret', timeoutMs: 0 },
    { clock, store: new MemoryStore({ clock }), fetch },
  );
  const drive = <T>(work: () => Promise<T>) => driveSimulation(clock, work, { busy: () => inFlight > 0 });

  // The offer index comes from one export; measured apart from the updates.
  const exportStarted = clock.now();
  await drive(() => bol.refreshOfferIndex());
  const exportSeconds = (clock.now() - exportStarted) / 1000;
  simulator.resetStats();

  const started = clock.now();
  const wall = performance.now();
  const [stock, prices] = await drive(() =>
    Promise.all([
      bol.setInventory(offers.map((offer, i) => ({ sku: offer.ean, quantity: i % 500 }))),
      bol.updatePrices(offers.map((offer, i) => ({ sku: offer.ean, price: money(999 + (i % 300), 'EUR') }))),
    ]),
  );
  const wallMs = Math.round(performance.now() - wall);
  const elapsedMs = clock.now() - started;
  const stats = simulator.stats();
  const allowedMs = Math.max(
    ...Object.entries(stats.groups).map(([group, counted]) => {
      const window = BOL_SIMULATOR_WINDOWS[group]!;
      return (Math.ceil(counted.accepted / window.limit) - 1) * window.windowMs;
    }),
  );
  return {
    offers: OFFERS,
    stock: { succeeded: stock.succeeded, failed: stock.failed },
    prices: { succeeded: prices.succeeded, failed: prices.failed },
    apiCalls: stats.requests,
    callsPerGroup: Object.fromEntries(
      Object.entries(stats.groups).map(([group, counted]) => [group, counted.requests]),
    ),
    throttled: stats.throttled,
    tokenRequests: stats.tokens,
    simulatedSeconds: elapsedMs / 1000,
    windowsAllowSeconds: allowedMs / 1000,
    windowUtilisation: Number((allowedMs / elapsedMs).toFixed(4)),
    offerExportSeconds: exportSeconds,
    wallMs,
  };
}

if (process.argv[1]?.endsWith('bol.ts')) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
