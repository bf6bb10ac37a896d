/**
 * Request pipeline benchmarks.
 *
 * 1. Quota utilisation against the simulators in real time over short windows: requests the
 *    simulator accepted within the window ÷ the most its limit model allows in that window
 *    (burst + rate × window), and throttled answers. The same workload goes through
 *    marketbridge, through p-queue alone and through bottleneck, each configured by hand
 *    the way their documentation suggests.
 *    - token bucket: 50 requests/s, burst 10 (an SP-API usage plan, scaled up);
 *    - cost bucket: 1,000 points restoring 100/s, queries requesting 20 points and costing
 *      10 (Shopify GraphQL); utilisation counts points actually spent.
 * 2. Pipeline overhead: CPU µs per request of the full pipeline (limiter, breaker, retry
 *    policy, classification, events) against a bare ky call, both to a local HTTP server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Bottleneck from 'bottleneck';
import ky from 'ky';
import PQueue from 'p-queue';
import { systemClock } from '../src/core/clock.js';
import { createContext } from '../src/core/context.js';
import { createHttpClient, type RateLimitSpec } from '../src/http/index.js';
import { createPipelineSimulator, type PipelineSimulator } from '../src/testing/pipeline/index.js';
import { shopifyGraphqlClassifier } from '../src/connectors/shopify/index.js';
import { amazonClassifier } from '../src/connectors/amazon/index.js';

const WINDOW_MS = Number(process.env.MB_BENCH_WINDOW_MS ?? 2000);
const JITTER_MS = Number(process.env.MB_BENCH_JITTER_MS ?? 50);

interface Workload {
  name: string;
  spec: RateLimitSpec;
  /** The model's maximum in the window, in the unit utilisation is counted in. */
  max: (windowMs: number) => number;
  /** Units one accepted request counts for. */
  unit: number;
  sim: () => PipelineSimulator;
  demand: number;
}

const tokenBucket: RateLimitSpec = { kind: 'token-bucket', ratePerSecond: 50, burst: 10 };
const costBucket: RateLimitSpec = { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100, bucket: 'graphql' };

const workloads: Workload[] = [
  {
    name: 'token bucket 50 rps, burst 10',
    spec: tokenBucket,
    max: (ms) => 10 + (50 * ms) / 1000,
    unit: 1,
    sim: () => createPipelineSimulator({ clock: systemClock, limit: tokenBucket, style: 'amazon' }),
    demand: 400,
  },
  {
    name: 'cost bucket 1000 points, 100/s (requested 20, actual 10)',
    spec: costBucket,
    max: (ms) => 1000 + (100 * ms) / 1000,
    unit: 10,
    sim: () =>
      createPipelineSimulator({
        clock: systemClock,
        limit: costBucket,
        style: 'shopify-graphql',
        cost: () => ({ requested: 20, actual: 10 }),
        respond: () => ({ data: { ok: true } }),
      }),
    demand: 300,
  },
];

interface Outcome {
  achievedPerLimit: number;
  accepted: number;
  throttled: number;
}

function measure(sim: PipelineSimulator, workload: Workload, _started: number): Outcome {
  // The window opens with the first request the platform sees (setting up 400 requests is
  // not part of the quota race) and lasts WINDOW_MS.
  const first = Math.min(...sim.log.map((entry) => entry.at));
  const inWindow = sim.log.filter((entry) => entry.at - first < WINDOW_MS);
  const accepted = inWindow.filter((entry) => entry.outcome === 'ok').length;
  return {
    achievedPerLimit: Number(((accepted * workload.unit) / workload.max(WINDOW_MS)).toFixed(3)),
    accepted,
    throttled: sim.stats().throttled,
  };
}

const graphqlBody = JSON.stringify({ query: '{ shop { name } }' });

async function viaMarketbridge(workload: Workload): Promise<Outcome> {
  const sim = workload.sim();
  const client = createHttpClient({
    platform: 'bench',
    baseUrl: 'https://bench.test',
    context: createContext({ fetch: sim.fetch }),
    // Event-loop delay while 400 requests are set up reorders arrivals like network jitter
    // would; leaving rate × 50 ms of the burst unused absorbs it.
    limits: { default: workload.spec, jitterMs: JITTER_MS },
    classify: workload.spec.kind === 'cost-bucket' ? shopifyGraphqlClassifier : amazonClassifier,
  });
  const controllers = Array.from({ length: workload.demand }, () => new AbortController());
  const started = Date.now();
  const all = controllers.map((controller) =>
    client
      .request({ operation: 'op', method: 'POST', path: '/op', idempotent: true, cost: workload.spec.kind === 'cost-bucket' ? 20 : 1, body: graphqlBody, signal: controller.signal })
      .catch(() => undefined),
  );
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 300));
  for (const controller of controllers) controller.abort();
  await Promise.all(all);
  return measure(sim, workload, started);
}

const send = (sim: PipelineSimulator) => sim.fetch('https://bench.test/op', { method: 'POST', body: graphqlBody }).then((r) => r.text()).catch(() => undefined);

async function viaPQueue(workload: Workload): Promise<Outcome> {
  const sim = workload.sim();
  // By hand: the documented rate as an interval cap (20 points per query → 5 queries/s; 50 rps → 1 per 20 ms).
  const queue = workload.spec.kind === 'cost-bucket' ? new PQueue({ intervalCap: 5, interval: 1000 }) : new PQueue({ intervalCap: 1, interval: 20 });
  const started = Date.now();
  for (let i = 0; i < workload.demand; i++) void queue.add(() => send(sim)).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 300));
  queue.clear();
  await queue.onIdle();
  return measure(sim, workload, started);
}

async function viaBottleneck(workload: Workload): Promise<Outcome> {
  const sim = workload.sim();
  // By hand: for points, a reservoir refilled in steps (bottleneck cannot refund the
  // difference to the actual cost); for requests per second, `minTime` spacing.
  const limiter =
    workload.spec.kind === 'cost-bucket'
      ? new Bottleneck({ reservoir: 1000, reservoirIncreaseAmount: 10, reservoirIncreaseInterval: 100, reservoirIncreaseMaximum: 1000 })
      : new Bottleneck({ minTime: 20 });
  const weight = workload.spec.kind === 'cost-bucket' ? 20 : 1;
  const started = Date.now();
  for (let i = 0; i < workload.demand; i++) void limiter.schedule({ weight }, () => send(sim)).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 300));
  await limiter.stop({ dropWaitingJobs: true });
  return measure(sim, workload, started);
}

async function overhead(): Promise<Record<string, unknown>> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createHttpClient({
    platform: 'bench',
    baseUrl: url,
    context: createContext(),
    limits: { default: { kind: 'token-bucket', ratePerSecond: 1e9, burst: 1e9 } },
    classify: amazonClassifier,
  });
  const n = Number(process.env.MB_BENCH_REQUESTS ?? 300);
  const rounds = 4;
  // CPU per request of one sequential batch.
  const batch = async (fn: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / n, rps: (n / (performance.now() - wall)) * 1000 };
  };
  const bare = () => ky.get(`${url}/x`).json();
  const full = () => client.request({ operation: 'getOrders', method: 'GET', path: '/x' });
  await batch(bare);
  await batch(full);
  // Interleaved rounds, best of each: other load on the machine only ever adds CPU.
  const results = { bare: [] as { cpu: number; rps: number }[], full: [] as { cpu: number; rps: number }[] };
  for (let round = 0; round < rounds; round++) {
    results.bare.push(await batch(bare));
    results.full.push(await batch(full));
  }
  const best = (list: { cpu: number; rps: number }[]) => ({
    cpuUsPerRequest: Number(Math.min(...list.map((r) => r.cpu)).toFixed(1)),
    requestsPerSecond: Math.round(Math.max(...list.map((r) => r.rps))),
  });
  // The same two paths without sockets (fetch answers from memory), which isolates the
  // pipeline's own CPU from the network stack's noise.
  const stub: typeof fetch = async () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
  const memoryClient = createHttpClient({
    platform: 'bench',
    baseUrl: url,
    context: createContext({ fetch: stub }),
    limits: { default: { kind: 'token-bucket', ratePerSecond: 1e9, burst: 1e9 } },
    classify: amazonClassifier,
  });
  const memory = { bare: [] as { cpu: number; rps: number }[], full: [] as { cpu: number; rps: number }[] };
  const bareMemory = () => ky.get(`${url}/x`, { fetch: stub }).json();
  const fullMemory = () => memoryClient.request({ operation: 'getOrders', method: 'GET', path: '/x' });
  await batch(bareMemory);
  await batch(fullMemory);
  for (let round = 0; round < rounds * 2; round++) {
    memory.bare.push(await batch(bareMemory));
    memory.full.push(await batch(fullMemory));
  }
  try {
    const bareBest = best(results.bare);
    const pipelineBest = best(results.full);
    const bareMem = best(memory.bare);
    const pipelineMem = best(memory.full);
    return {
      requestsPerRound: n,
      rounds,
      localServer: {
        bareKy: bareBest,
        pipeline: pipelineBest,
        addedCpuUsPerRequest: Number((pipelineBest.cpuUsPerRequest - bareBest.cpuUsPerRequest).toFixed(1)),
      },
      inMemoryFetch: {
        bareKy: bareMem,
        pipeline: pipelineMem,
        addedCpuUsPerRequest: Number((pipelineMem.cpuUsPerRequest - bareMem.cpuUsPerRequest).toFixed(1)),
      },
    };
  } finally {
    server.close();
  }
}

/** Runs the pipeline benchmarks and returns their results. */
export async function run(): Promise<Record<string, unknown>> {
  const utilisation: Record<string, unknown> = {};
  for (const workload of workloads) {
    const marketbridge = await viaMarketbridge(workload);
    const pQueue = await viaPQueue(workload);
    const bottleneck = await viaBottleneck(workload);
    utilisation[workload.name] = {
      windowMs: WINDOW_MS,
      limitInWindow: workload.max(WINDOW_MS) / workload.unit,
      marketbridge,
      pQueueByHand: pQueue,
      bottleneckByHand: bottleneck,
      ratioVsPQueue: Number((marketbridge.achievedPerLimit / Math.max(pQueue.achievedPerLimit, 1e-9)).toFixed(2)),
      ratioVsBottleneck: Number((marketbridge.achievedPerLimit / Math.max(bottleneck.achievedPerLimit, 1e-9)).toFixed(2)),
    };
  }
  return { utilisation, overhead: await overhead() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
