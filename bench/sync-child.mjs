/**
 * The full sync of bench/sync.ts (100,000 SKUs, or MB_SYNC_SKUS), run by it in a child process on the built package
 * (`node --expose-gc bench/sync-child.mjs`, after `npm run build`), the way an application runs
 * marketbridge: plain Node, compiled JavaScript, no TypeScript loader. Prints one JSON object.
 *
 * Memory is reported in pieces: the process before the run (Node + marketbridge + its test
 * helpers), the fixtures (source of truth and two simulated marketplaces of 100,000 products
 * each), what the sync adds on top, and the whole process's peak RSS as the kernel saw it.
 */
import { MemoryStore } from 'marketbridge';
import { InMemoryInventorySource, InventorySyncEngine } from 'marketbridge/sync';
import { SimulatedMarketplace } from 'marketbridge/simulated';
import { FakeClock } from 'marketbridge/testing';

const SKUS = Number(process.env.MB_SYNC_SKUS ?? 100_000);
const MB = 1_048_576;
const mb = (bytes) => Math.round(bytes / MB);

/** Memory after a full collection: what the process really holds at this point. */
function live() {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

/** The source of truth, loaded from `[sku, units]` pairs as they are generated (no object of 100,000 keys first). */
function sourceOf(clock) {
  function* levels() {
    for (let n = 1; n <= SKUS; n++) yield [`SKU-${String(n).padStart(5, '0')}`, n % 23];
  }
  return new InMemoryInventorySource(levels(), clock);
}

const atStart = live();
const clock = new FakeClock();
const store = new MemoryStore({ clock });
const source = sourceOf(clock);
const withSource = live();
// The marketplaces' own quota (50 calls/s, burst 100) runs on the fake clock: the engine's time
// is measured in wall-clock, the quota's cost in simulated seconds.
const channels = ['shop', 'market'].map(
  (name, i) =>
    new SimulatedMarketplace(
      { name, seed: i + 1, products: SKUS, variantsPerProduct: { min: 1, max: 1 }, maxBatchSize: 250, pageSize: 250 },
      { clock },
    ),
);
const withFixtures = live();
const maxRssBeforeSync = process.resourceUsage().maxRSS * 1024;
let peakRss = withFixtures.rss;
let peakHeap = withFixtures.heap;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, Number(process.env.MB_SAMPLE_MS ?? 5));
const engine = new InventorySyncEngine({
  source,
  channels: channels.map((marketplace) => ({ marketplace })),
  context: { store, clock },
});
// Batch boundaries are where the engine holds the most; sample there too, not only on the timer.
engine.context.events.on('syncProgress', sample);
const started = performance.now();
const cpuStart = process.cpuUsage();
const simulatedStart = clock.now();
const report = await clock.drive(() => engine.runSync());
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const simulatedSeconds = (clock.now() - simulatedStart) / 1000;
sample();
clearInterval(sampler);
const maxRss = process.resourceUsage().maxRSS * 1024;
const calls = channels.map((c) => c.stats());
const after = live();
const fixtures = withFixtures.rss - atStart.rss;
console.log(
  JSON.stringify({
    skus: SKUS,
    channels: channels.length,
    status: report.status,
    wallSeconds: Math.round(seconds * 100) / 100,
    skusPerSecond: Math.round(SKUS / seconds),
    // CPU the process used during the sync (all its threads, GC included): what load on a shared machine does not inflate.
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    simulatedQuotaSeconds: Math.round(simulatedSeconds * 10) / 10,
    apiCalls: calls.map((s) => Object.values(s.calls).reduce((a, b) => a + (b ?? 0), 0)),
    throttledCalls: calls.map((s) => s.throttled),
    writes: Object.fromEntries(Object.entries(report.channels).map(([name, c]) => [name, c.written])),
    process: 'child: node --expose-gc on the built package (dist/)',
    rssAtStartMb: mb(atStart.rss),
    fixturesRssMb: mb(fixtures),
    sourceFixtureHeapMb: mb(withSource.heap - atStart.heap),
    marketplaceFixturesHeapMb: mb(withFixtures.heap - withSource.heap),
    rssWithFixturesMb: mb(withFixtures.rss),
    // The kernel's high-water mark for the whole process (building the fixtures included).
    peakRssMb: mb(Math.max(peakRss, maxRss)),
    peakRssBeforeSyncMb: mb(maxRssBeforeSync),
    // Sampled during the sync (every 5 ms and at every checkpoint).
    syncPeakRssMb: mb(peakRss),
    syncRssGrowthMb: mb(peakRss - withFixtures.rss),
    heapWithFixturesMb: mb(withFixtures.heap),
    peakHeapMb: mb(peakHeap),
    syncHeapGrowthMb: mb(peakHeap - withFixtures.heap),
    // Live after the run: the bases in the MemoryStore and the marketplaces' changed levels.
    heapRetainedAfterSyncMb: mb(after.heap - withFixtures.heap),
  }),
);
