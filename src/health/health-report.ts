import type { BaseMarketplaceAPI } from '../core/base-marketplace-api.js';
import type { LimiterSnapshot } from '../http/rate-limit/keyed-limiter.js';
import { budgetUsage, type BudgetUsage } from './budgets.js';

/**
 * Anything whose rate-limit budgets can be read: a `KeyedLimiter`, an `HttpClient`'s `limiter`.
 *
 * @category Health
 */
export interface LimiterSource {
  /** The budgets by key, as `KeyedLimiter.toJSON()` gives them. */
  toJSON(): LimiterSnapshot;
}

/**
 * A job queue that reports its counts: the BullMQ and pg-boss schedulers.
 *
 * @category Health
 */
export interface QueueCountsSource {
  /** Jobs waiting (due), delayed, running and failed. */
  counts(): Promise<{ waiting: number; delayed: number; active: number; failed: number }>;
}

/**
 * Anything with a lag: a stream consumer or source.
 *
 * @category Health
 */
export interface LagSource {
  /** Messages not yet acknowledged, when known. */
  lag(): Promise<number | undefined>;
}

/**
 * What {@link healthReport} looks at. Every part is optional.
 *
 * @example
 * ```ts
 * const inputs: HealthInputs = {
 *   connections: { shop: shopify, amazon },
 *   limiters: { shop: shopify.http.limiter },
 *   breakers: { shop: shopify.http.breaker },
 *   queues: { jobs: scheduler },
 *   streams: { webhooks: consumer },
 * };
 * ```
 *
 * @category Health
 */
export interface HealthInputs {
  /** Connections by name; each one's `healthCheck()` runs (when it has one), in parallel. */
  connections?: Record<string, BaseMarketplaceAPI>;
  /** Rate limiters by name (anything with `toJSON()` giving a limiter snapshot). */
  limiters?: Record<string, LimiterSource | undefined>;
  /** Circuit breakers by name (anything with a `state`). */
  breakers?: Record<string, { readonly state: 'closed' | 'open' | 'half-open' } | undefined>;
  /** Job queues by name, e.g. a BullMQ or pg-boss scheduler. */
  queues?: Record<string, QueueCountsSource>;
  /** Stream consumers or sources by name. */
  streams?: Record<string, LagSource>;
  /** A connection check slower than this counts as failed (default 5,000 ms). */
  timeoutMs?: number;
  /** Queue lag (waiting jobs) or stream lag above this makes the report degraded (default 1,000). */
  maxLag?: number;
  /** Current time (default `Date.now`). */
  now?: () => number;
}

/**
 * The health of everything a host runs, as JSON for a route, a probe or the CLI.
 *
 * - `ok`: every check passed; `degraded`: something needs a look (a budget exhausted, a
 *   circuit open, a lag above `maxLag`, a connection failing while others work);
 *   `down`: every connection failed.
 *
 * @example
 * ```ts
 * const report: HealthReport = await healthReport({ connections: { shop } });
 * if (report.status !== 'ok') console.warn(report.problems);
 * ```
 *
 * @category Health
 */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checkedAt: string;
  /** Why the status is not `ok`, one line each. */
  problems: string[];
  connections: { name: string; platform: string; ok: boolean; latencyMs?: number; message?: string }[];
  budgets: (BudgetUsage & { limiter: string })[];
  breakers: { name: string; state: 'closed' | 'open' | 'half-open' }[];
  queues: { name: string; waiting?: number; delayed?: number; active?: number; failed?: number; error?: string }[];
  streams: { name: string; lag?: number; error?: string }[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

async function check(
  name: string,
  api: BaseMarketplaceAPI,
  timeoutMs: number,
): Promise<HealthReport['connections'][number]> {
  const platform = api.platform;
  if (!api.capabilities.supports('healthCheck'))
    return { name, platform, ok: true, message: 'no health check: not probed' };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const status = await Promise.race([
      api.healthCheck({ signal }),
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`))),
      ),
    ]);
    return {
      name,
      platform,
      ok: status.ok,
      latencyMs: status.latencyMs,
      ...(status.message ? { message: status.message } : {}),
    };
  } catch (error) {
    return { name, platform, ok: false, message: message(error) };
  }
}

/**
 * Aggregates the health of connections, circuit breakers, rate-limit budgets, job queues and
 * stream consumers into one {@link HealthReport}. Framework-free: serve it from any route
 * (answer 503 when `status` is `down`). Nothing throws: a failing check is reported.
 *
 * @example
 * ```ts
 * import { healthReport } from 'marketbridge/health';
 *
 * export async function GET() {
 *   const report = await healthReport({ connections: { shop }, queues: { jobs: scheduler } });
 *   return Response.json(report, { status: report.status === 'down' ? 503 : 200 });
 * }
 * ```
 *
 * @category Health
 */
export async function healthReport(inputs: HealthInputs = {}): Promise<HealthReport> {
  const now = inputs.now ?? Date.now;
  const timeoutMs = inputs.timeoutMs ?? 5_000;
  const maxLag = inputs.maxLag ?? 1_000;
  const [connections, queues, streams] = await Promise.all([
    Promise.all(Object.entries(inputs.connections ?? {}).map(([name, api]) => check(name, api, timeoutMs))),
    Promise.all(
      Object.entries(inputs.queues ?? {}).map(async ([name, queue]): Promise<HealthReport['queues'][number]> => {
        try {
          return { name, ...(await queue.counts()) };
        } catch (error) {
          return { name, error: message(error) };
        }
      }),
    ),
    Promise.all(
      Object.entries(inputs.streams ?? {}).map(async ([name, stream]): Promise<HealthReport['streams'][number]> => {
        try {
          const lag = await stream.lag();
          return lag === undefined ? { name } : { name, lag };
        } catch (error) {
          return { name, error: message(error) };
        }
      }),
    ),
  ]);
  const at = now();
  const budgets = Object.entries(inputs.limiters ?? {}).flatMap(([limiter, source]) =>
    source ? budgetUsage(source.toJSON(), at).map((usage) => ({ limiter, ...usage })) : [],
  );
  const breakers = Object.entries(inputs.breakers ?? {}).flatMap(([name, breaker]) =>
    breaker ? [{ name, state: breaker.state }] : [],
  );

  const problems: string[] = [];
  for (const connection of connections)
    if (!connection.ok)
      problems.push(`connection ${connection.name} (${connection.platform}) failed: ${connection.message ?? 'not ok'}`);
  for (const breaker of breakers)
    if (breaker.state !== 'closed') problems.push(`circuit ${breaker.name} is ${breaker.state}`);
  for (const budget of budgets)
    if (budget.utilisation >= 1)
      problems.push(
        `budget ${budget.key} is exhausted${budget.pausedUntil ? ` until ${new Date(budget.pausedUntil).toISOString()}` : ''}`,
      );
  for (const queue of queues) {
    if (queue.error) problems.push(`queue ${queue.name} unreachable: ${queue.error}`);
    else if ((queue.waiting ?? 0) > maxLag) problems.push(`queue ${queue.name} has ${queue.waiting} jobs waiting`);
  }
  for (const stream of streams) {
    if (stream.error) problems.push(`stream ${stream.name} unreachable: ${stream.error}`);
    else if ((stream.lag ?? 0) > maxLag) problems.push(`stream ${stream.name} lags by ${stream.lag} messages`);
  }
  const allDown = connections.length > 0 && connections.every((connection) => !connection.ok);
  return {
    status: allDown ? 'down' : problems.length > 0 ? 'degraded' : 'ok',
    checkedAt: new Date(at).toISOString(),
    problems,
    connections,
    budgets,
    breakers,
    queues,
    streams,
  };
}
