/**
 * Benchmark of the sync engine: a 100,000-SKU full sync against two simulated marketplaces
 * (peak RSS, time, API calls) and the data mapper's throughput. Measures; asserts nothing.
 *
 * The sync runs in a child process (`node --expose-gc --import tsx bench/sync.ts` with
 * MB_SYNC_BENCH_CHILD=1) that loads only what the run needs, so the numbers are not inflated by
 * other benchmarks or by the runner. Memory is reported in pieces: the process before the run
 * (node + tsx + modules), the fixtures (source of truth and the two simulated marketplaces, which
 * hold 100,000 products each), what the sync adds on top, and the whole process's peak RSS as
 * the kernel saw it (`maxRSS`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SimulatedMarketplace } from '../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { InventorySyncEngine } from '../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../src/sync/inventory/memory-source.js';
import { DataMapper, parseWith } from '../src/sync/mapper/data-mapper.js';
import type { PlatformMapper } from '../src/sync/mapper/types.js';

const SKUS = 100_000;
const CHILD_FLAG = 'MB_SYNC_BENCH_CHILD';
const MB = 1_048_576;

/** Collects garbage when the process runs with --expose-gc, so "retained" means live memory. */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function mb(bytes: number): number {
  return Math.round(bytes / MB);
}

/** Memory after a full collection: what the process really holds at this point. */
function live(): { rss: number; heap: number } {
  settle();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

/** The source of truth; the record it is built from is garbage once this returns. */
function sourceOf(clock: FakeClock): InMemoryInventorySource {
  const initial: Record<string, number> = {};
  for (let n = 1; n <= SKUS; n++) initial[`SKU-${String(n).padStart(5, '0')}`] = n % 23;
  return new InMemoryInventorySource(initial, clock);
}

/** The full sync itself; runs inside the child process. */
async function fullSyncHere(): Promise<Record<string, unknown>> {
  const atStart = live();
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const source = sourceOf(clock);
  const withSource = live();
  // The marketplaces' own quota (50 calls/s, burst 100) runs on the fake clock: the engine's time
  // is measured in wall-clock, the quota's cost in simulated seconds.
  const channels = ['shop', 'market'].map(
    (name, i) => new SimulatedMarketplace({ name, seed: i + 1, products: SKUS, variantsPerProduct: { min: 1, max: 1 }, maxBatchSize: 250, pageSize: 250 }, { clock }),
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
  const sampler = setInterval(sample, 5);
  const engine = new InventorySyncEngine({ source, channels: channels.map((marketplace) => ({ marketplace })), context: { store, clock } });
  // Batch boundaries are where the engine holds the most; sample there too, not only on the timer.
  engine.context.events.on('syncProgress', sample);
  const started = performance.now();
  const simulatedStart = clock.now();
  const report = await clock.drive(() => engine.runSync());
  const seconds = (performance.now() - started) / 1000;
  const simulatedSeconds = (clock.now() - simulatedStart) / 1000;
  sample();
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const calls = channels.map((c) => c.stats());
  const after = live();
  const fixtures = withFixtures.rss - atStart.rss;
  return {
    skus: SKUS,
    channels: channels.length,
    status: report.status,
    wallSeconds: Math.round(seconds * 100) / 100,
    skusPerSecond: Math.round(SKUS / seconds),
    simulatedQuotaSeconds: Math.round(simulatedSeconds * 10) / 10,
    apiCalls: calls.map((s) => Object.values(s.calls).reduce((a, b) => a + (b ?? 0), 0)),
    throttledCalls: calls.map((s) => s.throttled),
    writes: Object.fromEntries(Object.entries(report.channels).map(([name, c]) => [name, c.written])),
    process: 'child: node --expose-gc --import tsx (sync modules only)',
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
    syncPeakRssWithoutFixturesMb: mb(peakRss - fixtures),
    heapWithFixturesMb: mb(withFixtures.heap),
    peakHeapMb: mb(peakHeap),
    syncHeapGrowthMb: mb(peakHeap - withFixtures.heap),
    // Live after the run: the bases in the MemoryStore and the marketplaces' changed levels.
    heapRetainedAfterSyncMb: mb(after.heap - withFixtures.heap),
  };
}

/** Runs {@link fullSyncHere} in a fresh child process and returns what it measured. */
function fullSync(): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    // tsx resolves from the package root, wherever the runner was started.
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, [CHILD_FLAG]: '1' },
    encoding: 'utf8',
    maxBuffer: 16 * MB,
    timeout: 120_000,
  });
  if (child.status !== 0) return { error: `child exited with ${child.status ?? child.signal}: ${child.stderr.slice(-2_000)}` };
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

const Item = z.object({ title: z.string(), sku: z.string(), cents: z.number().int(), currency: z.string().length(3) });
const mapperUnderTest: PlatformMapper<z.infer<typeof Item>> = {
  platform: 'bench',
  toCanonical: (payload) =>
    parseWith(Item, payload).map((item) => ({ id: item.sku, title: item.title, status: 'active' as const, offers: [{ sku: item.sku, price: { amountMinor: item.cents, currency: item.currency }, condition: 'new' as const, options: {} }], images: [], attributes: {} })),
  fromCanonical: (product) => ({ title: product.title, sku: product.offers[0]!.sku, cents: product.offers[0]!.price.amountMinor, currency: product.offers[0]!.price.currency }),
};

function mapperThroughput(): Record<string, unknown> {
  const mapper = new DataMapper({ mappers: [mapperUnderTest], categories: {}, defaults: { bench: { condition: 'new' } }, fieldMappings: { '*': [{ from: 'attributes.colour', to: 'attributes.color' }] } });
  const records = 50_000;
  const payloads = Array.from({ length: records }, (_, i) => ({ title: `Item ${i}`, sku: `SKU-${i}`, cents: 100 + i, currency: 'EUR' }));
  let started = performance.now();
  let ok = 0;
  for (const payload of payloads) if (mapper.toCanonical('bench', payload).isOk()) ok++;
  const inbound = records / ((performance.now() - started) / 1000);
  const products = payloads.map((p) => mapper.toCanonical('bench', p)._unsafeUnwrap());
  started = performance.now();
  for (const product of products) if (mapper.toPlatform('bench', product).isOk()) ok++;
  const outbound = records / ((performance.now() - started) / 1000);
  return { records, ok, toCanonicalPerSecond: Math.round(inbound), toPlatformPerSecond: Math.round(outbound) };
}

/** Runs the sync benchmark and returns JSON-able results. */
export async function run(): Promise<Record<string, unknown>> {
  return { fullSync100k: fullSync(), mapper: mapperThroughput() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env[CHILD_FLAG] === '1') console.log(JSON.stringify(await fullSyncHere()));
  else console.log(JSON.stringify(await run(), null, 2));
}
