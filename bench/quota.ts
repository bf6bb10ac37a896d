/**
 * Quota utilisation against the pipeline simulators, in real time: the requests (or points) a
 * simulated platform accepted within a window ÷ the most its limit model allows in that window
 * (burst + rate × window), and the throttled answers. The same demand goes through
 * marketbridge, p-queue and bottleneck (both reservoir forms), each configured as its own documentation recommends for
 * the same limit (the configuration is written next to each figure), over a short window
 * (2 s, where the burst weighs most) and a long one (10 s, where the sustained rate does).
 *
 * The simulators add latency with seeded jitter (20 ms + 0–40 ms), so that the moment the
 * platform counts a request is not the moment a client's own model counted it.
 *
 * Workloads:
 * - token bucket: 50 requests/s, burst 10 (an SP-API usage plan, scaled up);
 * - cost bucket: 1,000 points restoring 100/s; each query requests 20 points and costs 10
 *   (Shopify GraphQL); utilisation counts the points actually spent.
 */
import Bottleneck from 'bottleneck';
import PQueue from 'p-queue';
import { systemClock } from '../src/core/clock.js';
import { createContext } from '../src/core/context.js';
import { createHttpClient, type RateLimitSpec } from '../src/http/index.js';
import { shopifyGraphqlClassifier } from '../src/connectors/shopify/index.js';
import { amazonClassifier } from '../src/connectors/amazon/index.js';
import { createPipelineSimulator, type PipelineSimulator } from '../src/testing/pipeline/index.js';

const WINDOWS_MS = (process.env.MB_BENCH_WINDOWS_MS ?? '2000,10000').split(',').map(Number);
const LATENCY = { latencyMs: 20, jitterMs: 40, seed: 7 };
const GRAPHQL_BODY = JSON.stringify({ query: '{ shop { name } }' });

interface Workload {
  name: string;
  spec: RateLimitSpec;
  /** The model's maximum in a window, in the unit utilisation is counted in. */
  max: (windowMs: number) => number;
  /** Units one accepted request counts for. */
  unit: number;
  /** Requested cost of one request. */
  requested: number;
  sim: () => PipelineSimulator;
  demand: (windowMs: number) => number;
}

const tokenBucket: RateLimitSpec = { kind: 'token-bucket', ratePerSecond: 50, burst: 10 };
const costBucket: RateLimitSpec = { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100, bucket: 'graphql' };

const workloads: Workload[] = [
  {
    name: 'token bucket 50 rps, burst 10',
    spec: tokenBucket,
    max: (ms) => 10 + (50 * ms) / 1000,
    unit: 1,
    requested: 1,
    sim: () => createPipelineSimulator({ clock: systemClock, limit: tokenBucket, style: 'amazon', ...LATENCY }),
    demand: (ms) => Math.ceil((10 + (50 * ms) / 1000) * 1.5),
  },
  {
    name: 'cost bucket 1000 points, 100/s (requested 20, actual 10)',
    spec: costBucket,
    max: (ms) => 1000 + (100 * ms) / 1000,
    unit: 10,
    requested: 20,
    sim: () =>
      createPipelineSimulator({
        clock: systemClock,
        limit: costBucket,
        style: 'shopify-graphql',
        cost: () => ({ requested: 20, actual: 10 }),
        respond: () => ({ data: { ok: true } }),
        ...LATENCY,
      }),
    demand: (ms) => Math.ceil(((1000 + (100 * ms) / 1000) / 10) * 1.5),
  },
];

interface Outcome {
  achievedPerLimit: number;
  accepted: number;
  throttled: number;
}

function measure(sim: PipelineSimulator, workload: Workload, windowMs: number): Outcome {
  // The window opens with the first request the platform sees (setting up the demand is not
  // part of the race) and lasts windowMs.
  const first = Math.min(...sim.log.map((entry) => entry.at));
  const inWindow = sim.log.filter((entry) => entry.at - first < windowMs);
  const accepted = inWindow.filter((entry) => entry.outcome === 'ok').length;
  return {
    achievedPerLimit: Number(((accepted * workload.unit) / workload.max(windowMs)).toFixed(3)),
    accepted,
    throttled: inWindow.filter((entry) => entry.outcome === 'throttled').length,
  };
}

const settle = (windowMs: number) => new Promise((resolve) => setTimeout(resolve, windowMs + 300));

/** Sends one request straight to the simulator; resolves the actual cost Shopify reports, if any. */
async function send(sim: PipelineSimulator): Promise<number | undefined> {
  try {
    const response = await sim.fetch('https://bench.test/op', { method: 'POST', body: GRAPHQL_BODY });
    const body = (await response.json()) as { extensions?: { cost?: { actualQueryCost?: number | null } } };
    return body.extensions?.cost?.actualQueryCost ?? undefined;
  } catch {
    return undefined;
  }
}

async function viaMarketbridge(workload: Workload, windowMs: number): Promise<Outcome> {
  const sim = workload.sim();
  const client = createHttpClient({
    platform: 'bench',
    baseUrl: 'https://bench.test',
    context: createContext({ fetch: sim.fetch }),
    limits: { default: workload.spec, jitterMs: 50 },
    classify: workload.spec.kind === 'cost-bucket' ? shopifyGraphqlClassifier : amazonClassifier,
  });
  const controllers = Array.from({ length: workload.demand(windowMs) }, () => new AbortController());
  const all = controllers.map((controller) =>
    client
      .request({
        operation: 'op',
        method: 'POST',
        path: '/op',
        idempotent: true,
        cost: workload.requested,
        body: GRAPHQL_BODY,
        signal: controller.signal,
      })
      .catch(() => undefined),
  );
  await settle(windowMs);
  for (const controller of controllers) controller.abort();
  await Promise.all(all);
  return measure(sim, workload, windowMs);
}

/** p-queue: a fixed window sized to the bucket — its burst per the time the bucket takes to refill it. */
function pQueueOptions(workload: Workload) {
  // token bucket: 10 per 200 ms (burst 10 refilled at 50/s); cost bucket: 50 queries (1,000
  // points ÷ 20 requested) per 5 s (the 500 points they actually cost, restored at 100/s).
  return workload.spec.kind === 'cost-bucket'
    ? { intervalCap: 50, interval: 5_000 }
    : { intervalCap: 10, interval: 200 };
}

async function viaPQueue(workload: Workload, windowMs: number): Promise<Outcome> {
  const sim = workload.sim();
  const queue = new PQueue(pQueueOptions(workload));
  for (let i = 0; i < workload.demand(windowMs); i++) void queue.add(() => send(sim)).catch(() => undefined);
  await settle(windowMs);
  queue.clear();
  await queue.onIdle();
  return measure(sim, workload, windowMs);
}

/**
 * bottleneck, weighted by requested cost, in the two reservoir forms its README describes:
 * `increase` refills continuously up to the bucket's size (the leaky-bucket form, closest to a
 * token bucket); `refresh` resets the reservoir every interval (`reservoirRefreshInterval`),
 * sized so that the refill per interval equals the bucket's.
 */
function bottleneckOptions(workload: Workload, form: 'increase' | 'refresh') {
  if (form === 'refresh') {
    // token bucket: 10 every 200 ms; cost bucket: 1,000 points every 10 s (100/s).
    return workload.spec.kind === 'cost-bucket'
      ? { reservoir: 1000, reservoirRefreshAmount: 1000, reservoirRefreshInterval: 10_000 }
      : { reservoir: 10, reservoirRefreshAmount: 10, reservoirRefreshInterval: 200 };
  }
  return workload.spec.kind === 'cost-bucket'
    ? { reservoir: 1000, reservoirIncreaseAmount: 10, reservoirIncreaseInterval: 100, reservoirIncreaseMaximum: 1000 }
    : { reservoir: 10, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 20, reservoirIncreaseMaximum: 10 };
}

async function viaBottleneck(workload: Workload, windowMs: number, form: 'increase' | 'refresh'): Promise<Outcome> {
  const sim = workload.sim();
  const limiter = new Bottleneck(bottleneckOptions(workload, form));
  const weight = workload.requested;
  for (let i = 0; i < workload.demand(windowMs); i++) {
    void limiter
      .schedule({ weight }, async () => {
        const actual = await send(sim);
        // Shopify reports what the query really cost: give the difference back to the reservoir.
        if (actual !== undefined && actual < weight) await limiter.incrementReservoir(weight - actual);
      })
      .catch(() => undefined);
  }
  await settle(windowMs);
  await limiter.stop({ dropWaitingJobs: true });
  return measure(sim, workload, windowMs);
}

const ratio = (a: Outcome, b: Outcome) => Number((a.achievedPerLimit / Math.max(b.achievedPerLimit, 1e-9)).toFixed(2));

/** Runs the quota benchmarks and returns their results. */
export async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const workload of workloads) {
    const byWindow: Record<string, unknown> = {};
    for (const windowMs of WINDOWS_MS) {
      const marketbridge = await viaMarketbridge(workload, windowMs);
      const pQueue = await viaPQueue(workload, windowMs);
      const bottleneck = await viaBottleneck(workload, windowMs, 'increase');
      const bottleneckRefresh = await viaBottleneck(workload, windowMs, 'refresh');
      const refund =
        workload.spec.kind === 'cost-bucket'
          ? { afterEachQuery: 'incrementReservoir(requested - actualQueryCost)' }
          : {};
      byWindow[`${windowMs / 1000} s`] = {
        limitInWindow: workload.max(windowMs) / workload.unit,
        demand: workload.demand(windowMs),
        marketbridge: { ...marketbridge, config: { limits: { default: workload.spec, jitterMs: 50 } } },
        pQueue: { ...pQueue, config: pQueueOptions(workload) },
        bottleneck: {
          ...bottleneck,
          config: { ...bottleneckOptions(workload, 'increase'), weight: workload.requested, ...refund },
        },
        bottleneckRefresh: {
          ...bottleneckRefresh,
          config: { ...bottleneckOptions(workload, 'refresh'), weight: workload.requested, ...refund },
        },
        ratioVsPQueue: ratio(marketbridge, pQueue),
        ratioVsBottleneck: ratio(marketbridge, bottleneck),
        ratioVsBottleneckRefresh: ratio(marketbridge, bottleneckRefresh),
      };
    }
    results[workload.name] = byWindow;
  }
  return {
    note: 'achievedPerLimit = units the simulated platform accepted in the window ÷ the most its limit allows there (burst + rate × window); ratios are marketbridge ÷ peer (below 1: the peer is ahead). One run per peer and window, in real time on a shared machine.',
    simulatorLatency: LATENCY,
    workloads: results,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
