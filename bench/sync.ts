/**
 * Benchmark of the sync engine: a 100,000-SKU full sync against two simulated marketplaces
 * (peak RSS, time, API calls) and the data mapper's throughput. Measures; asserts nothing.
 *
 * The sync runs in a child process on the built package (bench/sync-child.mjs, plain
 * `node --expose-gc`; the package is built first when dist/ is older than src/), so the numbers
 * are those of an application running marketbridge, not inflated by a TypeScript loader, other
 * benchmarks or the runner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DataMapper, parseWith } from '../src/sync/mapper/data-mapper.js';
import type { PlatformMapper } from '../src/sync/mapper/types.js';

const MB = 1_048_576;

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds the package when dist/ is missing or older than src/, so the child runs today's code. */
function ensureBuilt(root: string): string | undefined {
  const built = join(root, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'))) return undefined;
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * MB });
  return build.status === 0 ? undefined : `npm run build failed: ${build.stderr.slice(-2_000)}`;
}

/** Runs bench/sync-child.mjs on the built package in a fresh process and returns what it measured. */
function fullSync(): Record<string, unknown> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const failed = ensureBuilt(root);
  if (failed) return { error: failed };
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL('sync-child.mjs', import.meta.url))], {
    cwd: root,
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

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
