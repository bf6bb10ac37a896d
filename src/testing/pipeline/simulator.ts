import type { Clock } from '../../core/clock.js';
import type { RateLimitSpec } from '../../http/rate-limit/spec.js';
import { amazonQuotaExceededBody } from '../../connectors/amazon/simulator/quota-exceeded.js';
import { shopifyCostExtensions, shopifyThrottledBody } from '../../connectors/shopify/simulator/throttle-bodies.js';
import { problemBody } from './problem-body.js';
import { faultSchedule, type FaultKind, type FaultRule, type FaultSchedule } from './faults.js';
import { ServerLimit, type ServerLimitVerdict } from './server-limit.js';
import { SeededRandom } from '../../simulated/random.js';

/**
 * How the simulated platform says "throttled": a plain 429 (with `Retry-After`), Shopify's
 * GraphQL `THROTTLED` in a 200, Amazon's 429 `QuotaExceeded`, or bol.com's 429 problem+json.
 *
 * @category Pipeline simulator
 */
export type ThrottleStyle = 'http-429' | 'shopify-graphql' | 'amazon' | 'problem-json';

/**
 * A request as a simulator's `respond` callback sees it.
 *
 * @category Pipeline simulator
 */
export interface SimulatedRequest {
  request: Request;
  url: URL;
  /** 0-based arrival index. */
  index: number;
  /** The body: parsed JSON, text, or undefined. */
  body: unknown;
  /** Set to `partial-page` when the schedule asks for a short page. */
  fault?: FaultKind;
}

/**
 * Options of {@link createPipelineSimulator}.
 *
 * @example
 * ```ts
 * const options: PipelineSimulatorOptions = { clock, limit: { kind: 'token-bucket', ratePerSecond: 5, burst: 10 }, style: 'amazon' };
 * ```
 *
 * @category Pipeline simulator
 */
export interface PipelineSimulatorOptions {
  clock: Clock;
  /** The limit enforced (default: none). */
  limit?: RateLimitSpec;
  /** Splits requests into separate buckets of the same limit (default: one bucket). */
  bucketOf?: (request: SimulatedRequest) => string;
  /** How throttling looks (default `http-429`). */
  style?: ThrottleStyle;
  /** Send `Retry-After` (whole seconds) with throttled answers (default: for `http-429` and `problem-json`). */
  retryAfter?: boolean;
  /** Rate-limit headers on every answer. */
  limitHeaders?: 'shopify-rest' | 'amazon' | 'x-ratelimit';
  /** Requested and actual cost of a request (cost buckets; default 1 and 1). */
  cost?: (request: SimulatedRequest) => { requested: number; actual: number };
  /** Latency added to every answer, ms (by the simulator's clock). */
  latencyMs?: number;
  /**
   * Extra latency drawn per request, uniformly between 0 and `jitterMs` ms, from a generator
   * seeded with `seed` (default 1): the same runs give the same delays, and a client's model of
   * the limit does not line up exactly with when the platform counts a request.
   */
  jitterMs?: number;
  /** Seed of the jitter (default 1). */
  seed?: number;
  /** Scheduled faults. */
  faults?: FaultSchedule | readonly FaultRule[];
  /** How long a `timeout` fault hangs, ms (default one hour; aborting the request ends it). */
  hangMs?: number;
  /** Produces the normal answer: a `Response`, or a JSON value (default `{ ok: true }`). */
  respond?: (request: SimulatedRequest) => unknown;
}

/**
 * One line of a simulator's request log.
 *
 * @category Pipeline simulator
 */
export interface SimulatorLogEntry {
  index: number;
  at: number;
  method: string;
  path: string;
  idempotencyKey?: string;
  outcome: 'ok' | 'throttled' | FaultKind;
}

/**
 * Counters of a simulator.
 *
 * @category Pipeline simulator
 */
export interface SimulatorStats {
  received: number;
  ok: number;
  throttled: number;
  faults: number;
  firstAt?: number;
  lastAt?: number;
}

/**
 * A simulated platform endpoint: a fetch-compatible `handle` plus stats and a request log.
 * Wrap it in msw with `simulatorHandler` (from `marketbridge/testing/msw`), or pass `fetch` straight into a context.
 *
 * @example
 * ```ts
 * const sim = createPipelineSimulator({ clock, limit: { kind: 'token-bucket', ratePerSecond: 2, burst: 5 } });
 * const context = createContext({ clock, fetch: sim.fetch });
 * ```
 *
 * @category Pipeline simulator
 */
export interface PipelineSimulator {
  /** Answers a request; `'reset'` when the connection should drop. */
  handle(request: Request): Promise<Response | 'reset'>;
  /** A fetch implementation backed by {@link PipelineSimulator.handle}. */
  fetch: typeof globalThis.fetch;
  /** Whether a request sent through {@link PipelineSimulator.fetch} is still on the wire. */
  busy(): boolean;
  /** A copy of the counters. */
  stats(): SimulatorStats;
  /** Every request, in arrival order. */
  readonly log: readonly SimulatorLogEntry[];
}

async function readRequestBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const text = await request.clone().text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Creates a {@link PipelineSimulator} that enforces a platform's limit model and error shapes,
 * adds latency and injects scheduled faults.
 *
 * @example
 * ```ts
 * const sim = createPipelineSimulator({
 *   clock,
 *   limit: { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100 },
 *   style: 'shopify-graphql',
 *   cost: ({ body }) => ({ requested: 50, actual: 10 }),
 *   faults: [{ kind: 'server-error', at: [3] }],
 * });
 * server.use(simulatorHandler(sim, 'https://shop.test/admin/api/2026-01/graphql.json'));
 * ```
 *
 * @category Pipeline simulator
 */
export function createPipelineSimulator(options: PipelineSimulatorOptions): PipelineSimulator {
  const { clock } = options;
  const style = options.style ?? 'http-429';
  const sendRetryAfter = options.retryAfter ?? (style === 'http-429' || style === 'problem-json');
  const schedule = typeof options.faults === 'function' ? options.faults : faultSchedule(options.faults ?? []);
  const limits = new Map<string, ServerLimit>();
  const log: SimulatorLogEntry[] = [];
  const stats: SimulatorStats = { received: 0, ok: 0, throttled: 0, faults: 0 };
  const jitter = options.jitterMs ? new SeededRandom(options.seed ?? 1) : undefined;

  const limitFor = (sim: SimulatedRequest) => {
    if (!options.limit) return undefined;
    const key = options.bucketOf?.(sim) ?? 'default';
    let limit = limits.get(key);
    if (!limit) limits.set(key, (limit = new ServerLimit(options.limit, clock)));
    return limit;
  };

  const headersFor = (verdict: ServerLimitVerdict | undefined): Headers => {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (!verdict) return headers;
    if (options.limitHeaders === 'shopify-rest')
      headers.set(
        'x-shopify-shop-api-call-limit',
        `${Math.ceil(verdict.capacity - verdict.available)}/${verdict.capacity}`,
      );
    if (options.limitHeaders === 'amazon') headers.set('x-amzn-ratelimit-limit', String(verdict.refillPerSecond));
    if (options.limitHeaders === 'x-ratelimit')
      headers.set('x-ratelimit-remaining', String(Math.floor(verdict.available)));
    return headers;
  };

  const throttled = (sim: SimulatedRequest, verdict: ServerLimitVerdict | undefined, requested: number): Response => {
    const headers = headersFor(verdict);
    const waitMs = verdict?.retryAfterMs ?? 1000;
    if (sendRetryAfter) headers.set('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
    const status = {
      maximumAvailable: verdict?.capacity ?? 0,
      currentlyAvailable: verdict?.available ?? 0,
      restoreRate: verdict?.refillPerSecond ?? 0,
    };
    switch (style) {
      case 'shopify-graphql':
        return new Response(JSON.stringify(shopifyThrottledBody(requested, status)), { status: 200, headers });
      case 'amazon':
        return new Response(JSON.stringify(amazonQuotaExceededBody()), { status: 429, headers });
      case 'problem-json':
        headers.set('content-type', 'application/problem+json');
        return new Response(JSON.stringify(problemBody(429, 'Too Many Requests', `Retry after ${waitMs} ms.`)), {
          status: 429,
          headers,
        });
      default:
        return new Response(JSON.stringify({ error: 'Too Many Requests' }), { status: 429, headers });
    }
  };

  async function handle(request: Request): Promise<Response | 'reset'> {
    const index = stats.received++;
    const arrivedAt = clock.now();
    const url = new URL(request.url);
    stats.firstAt ??= clock.now();
    stats.lastAt = clock.now();
    const sim: SimulatedRequest = { request, url, index, body: await readRequestBody(request) };
    const entry: SimulatorLogEntry = {
      index,
      at: arrivedAt,
      method: request.method,
      path: url.pathname,
      outcome: 'ok',
    };
    const key = request.headers.get('idempotency-key');
    if (key !== null) entry.idempotencyKey = key;
    log.push(entry);
    const fault = schedule(index);
    const delayMs = (options.latencyMs ?? 0) + (jitter ? jitter.next() * (options.jitterMs ?? 0) : 0);
    if (delayMs > 0) await clock.sleep(delayMs, request.signal);
    const { requested, actual } = options.cost?.(sim) ?? { requested: 1, actual: 1 };
    if (fault && fault.kind !== 'partial-page') {
      stats.faults++;
      entry.outcome = fault.kind;
      switch (fault.kind) {
        case 'throttle':
          stats.throttled++;
          return throttled(sim, undefined, requested);
        case 'server-error':
          return new Response(JSON.stringify({ error: 'Service Unavailable' }), {
            status: fault.status ?? 503,
            headers: { 'content-type': 'application/json' },
          });
        case 'reset':
          return 'reset';
        case 'malformed':
          return new Response('{"data": {"items": [{"id": 1}, {"id"', {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
        default:
          await clock.sleep(options.hangMs ?? 3_600_000, request.signal).catch(() => {});
          return 'reset';
      }
    }
    if (fault) {
      stats.faults++;
      sim.fault = 'partial-page';
      entry.outcome = 'partial-page';
    }
    const limit = limitFor(sim);
    // With latency, the platform counts the request when it arrives there, after the delay.
    const verdict = limit?.check(requested, actual, delayMs > 0 ? clock.now() : arrivedAt);
    if (verdict && !verdict.allowed) {
      stats.throttled++;
      entry.outcome = 'throttled';
      return throttled(sim, verdict, requested);
    }
    stats.ok++;
    const answer = options.respond ? await options.respond(sim) : { ok: true };
    if (answer instanceof Response) return answer;
    let body = answer;
    if (style === 'shopify-graphql' && verdict && body && typeof body === 'object') {
      const status = {
        maximumAvailable: verdict.capacity,
        currentlyAvailable: verdict.available,
        restoreRate: verdict.refillPerSecond,
      };
      body = { ...(body as object), extensions: shopifyCostExtensions(requested, actual, status) };
    }
    return new Response(JSON.stringify(body), { status: 200, headers: headersFor(verdict) });
  }

  let onWire = 0;
  return {
    handle,
    fetch: async (input, init) => {
      onWire++;
      try {
        const answer = await handle(new Request(input, init));
        if (answer === 'reset') throw new TypeError('fetch failed: connection reset by the simulator');
        return answer;
      } finally {
        onWire--;
      }
    },
    busy: () => onWire > 0,
    stats: () => ({ ...stats }),
    log,
  };
}
