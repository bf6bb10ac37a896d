/**
 * Shared-store benchmark: how many atomic bucket takes per second Redis serves to 4 processes,
 * and how much latency a Redis-backed take adds per request compared with the in-memory one.
 * Needs a Redis server (MB_REDIS_URL, default redis://127.0.0.1:6379; `scripts/services.sh`
 * starts one); without one it returns `{ skipped }`.
 *
 *   npx tsx bench/stores.ts          # prints the JSON result
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/core/clock.js';
import { KeyedLimiter } from '../src/http/rate-limit/keyed-limiter.js';
import { takeFromBucket } from '../src/stores/bucket.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import type { Store } from '../src/stores/store.js';
import { RedisStore } from '../src/stores/redis.js';
import { dropRedisNamespace, probeRedis, redisUrl } from '../test/stores/probes.js';

const PROCESSES = 4;
const SECONDS = 2;
// Always granted: the benchmark measures the take itself, not waiting for budget.
const take = (key: string) => ({ key, capacity: 1e12, refillPerSecond: 1e12, cost: 1 });

/** One benchmark process: takes in a loop with `inFlight` concurrent takes; prints its count. */
async function worker(namespace: string, inFlight: number): Promise<void> {
  const store = new RedisStore({ url: redisUrl, namespace });
  await store.takeFromBucket(take('bench'));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.destroy();
  const end = performance.now() + SECONDS * 1000;
  let ops = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await store.takeFromBucket(take('bench'));
        ops++;
      }
    }),
  );
  process.stdout.write(`${JSON.stringify({ ops })}\n`);
  await store.close();
}

async function opsPerSecond(namespace: string, inFlight: number): Promise<number> {
  const file = fileURLToPath(import.meta.url);
  const children = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, ['--import', 'tsx', file, 'worker', namespace, String(inFlight)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outputs = children.map((child) => {
    let text = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('ready\n')) resolve();
      }),
    );
    const done = new Promise<number>((resolve) =>
      child.on('close', () => resolve(Number(JSON.parse(text.split('\n')[1] ?? '{}').ops ?? 0))),
    );
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.write('go\n');
  const counts = await Promise.all(outputs.map((o) => o.done));
  return Math.round(counts.reduce((a, b) => a + b, 0) / SECONDS);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(call: () => Promise<void>, count: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
}

/** The request pipeline's limiter: one `acquire` per request, budget in memory or in the store. */
async function limiterLatencies(store: Store | undefined, count: number): Promise<{ p50: number; p99: number }> {
  const limiter = new KeyedLimiter({
    plan: { default: { kind: 'token-bucket', ratePerSecond: 1e9, burst: 1e9 }, shared: store !== undefined },
    clock: systemClock,
    platform: 'bench',
    ...(store ? { store } : {}),
  });
  return measure(async () => void (await limiter.acquire('getOrders')), count);
}

export async function run(): Promise<Record<string, unknown>> {
  const problem = await probeRedis();
  if (problem) return { skipped: `${problem}; start one with: eval "$(scripts/services.sh)"` };
  const namespace = `mbbench:${process.pid}:${Date.now().toString(36)}:`;
  const store = new RedisStore({ url: redisUrl, namespace });
  try {
    const sequential = await opsPerSecond(namespace, 1);
    const pipelined = await opsPerSecond(namespace, 16);
    const inMemory = new MemoryStore();
    const memory = await measure(async () => void (await takeFromBucket(inMemory, take('bench'), systemClock)), 5000);
    const redis = await measure(
      async () => void (await takeFromBucket(store, take('bench:latency'), systemClock)),
      5000,
    );
    const limiterMemory = await limiterLatencies(undefined, 5000);
    const limiterRedis = await limiterLatencies(store, 5000);
    return {
      redisUrl: redisUrl.replace(/\/\/[^@]*@/, '//***@'),
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      processes: PROCESSES,
      seconds: SECONDS,
      takesPerSecond: { oneInFlightPerProcess: sequential, sixteenInFlightPerProcess: pipelined },
      takeLatencyMs: { memory, redis },
      addedP99Ms: Math.round((redis.p99 - memory.p99) * 1000) / 1000,
      addedP50Ms: Math.round((redis.p50 - memory.p50) * 1000) / 1000,
      limiterAcquireLatencyMs: { memory: limiterMemory, redis: limiterRedis },
      limiterAddedP99Ms: Math.round((limiterRedis.p99 - limiterMemory.p99) * 1000) / 1000,
    };
  } finally {
    await dropRedisNamespace(store.client, namespace);
    await store.close();
  }
}

const invoked = process.argv[1] ? fileURLToPath(import.meta.url) === process.argv[1] : false;
if (invoked && process.argv[2] === 'worker') {
  await worker(process.argv[3] as string, Number(process.argv[4]));
} else if (invoked) {
  console.log(JSON.stringify(await run(), null, 2));
}
