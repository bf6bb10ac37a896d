/**
 * Benchmark of the sync engine: a 100,000-SKU full sync against two simulated marketplaces
 * (peak RSS, time, API calls) and the data mapper's throughput. Measures; asserts nothing.
 */
import { z } from 'zod';
import { SimulatedMarketplace } from '../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { InventorySyncEngine } from '../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../src/sync/inventory/memory-source.js';
import { DataMapper, parseWith } from '../src/sync/mapper/data-mapper.js';
import type { PlatformMapper } from '../src/sync/mapper/types.js';

const SKUS = 100_000;

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1_048_576);
}

function heapMb(): number {
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}

async function fullSync(): Promise<Record<string, unknown>> {
  const rssAtStart = rssMb();
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const initial: Record<string, number> = {};
  for (let n = 1; n <= SKUS; n++) initial[`SKU-${String(n).padStart(5, '0')}`] = n % 23;
  const source = new InMemoryInventorySource(initial, clock);
  // The marketplaces' own quota (50 calls/s, burst 100) runs on the fake clock: the engine's time
  // is measured in wall-clock, the quota's cost in simulated seconds.
  const channels = ['shop', 'market'].map(
    (name, i) => new SimulatedMarketplace({ name, seed: i + 1, products: SKUS, variantsPerProduct: { min: 1, max: 1 }, maxBatchSize: 250, pageSize: 250 }, { clock }),
  );
  const rssWithFixtures = rssMb();
  const heapWithFixtures = heapMb();
  let peak = rssWithFixtures;
  let peakHeap = heapWithFixtures;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
    peakHeap = Math.max(peakHeap, heapMb());
  }, 10);
  const engine = new InventorySyncEngine({ source, channels: channels.map((marketplace) => ({ marketplace })), context: { store, clock } });
  const started = performance.now();
  const simulatedStart = clock.now();
  const report = await clock.drive(() => engine.runSync());
  const seconds = (performance.now() - started) / 1000;
  const simulatedSeconds = (clock.now() - simulatedStart) / 1000;
  peak = Math.max(peak, rssMb());
  clearInterval(sampler);
  const calls = channels.map((c) => c.stats());
  // With --expose-gc the live memory the run retains can be told apart from garbage.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const retained = gc ? { heapRetainedAfterSyncMb: heapMb() - heapWithFixtures } : {};
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
    rssAtStartMb: rssAtStart,
    rssWithFixturesMb: rssWithFixtures,
    peakRssMb: peak,
    peakHeapMb: peakHeap,
    heapWithFixturesMb: heapWithFixtures,
    syncHeapGrowthMb: peakHeap - heapWithFixtures,
    ...retained,
  };
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
  return { fullSync100k: await fullSync(), mapper: mapperThroughput() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
