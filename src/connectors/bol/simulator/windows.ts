import type { Clock } from '../../../core/clock.js';
import { ServerLimit, type ServerLimitVerdict } from '../../../testing/pipeline/server-limit.js';

/**
 * A window as the simulator enforces it: `limit` requests per `windowMs`, opened by the first
 * request after the previous window ended.
 *
 * @category Simulator
 */
export interface BolSimulatorWindow {
  limit: number;
  windowMs: number;
}

/**
 * The windows the simulator enforces by default: bol.com's conventions page's order rules, the
 * same starting figures as the connector elsewhere.
 *
 * @example
 * ```ts
 * new BolRetailerSimulator({ clock, windows: { ...BOL_SIMULATOR_WINDOWS, 'offers-stock': { limit: 50, windowMs: 1000 } } });
 * ```
 *
 * @category Simulator
 */
export const BOL_SIMULATOR_WINDOWS: Readonly<Record<string, BolSimulatorWindow>> = {
  'offers-stock': { limit: 25, windowMs: 1000 },
  'offers-price': { limit: 25, windowMs: 1000 },
  'offers-write': { limit: 10, windowMs: 1000 },
  'offers-read': { limit: 10, windowMs: 1000 },
  'offers-export': { limit: 2, windowMs: 60_000 },
  'offers-export-read': { limit: 10, windowMs: 60_000 },
  'orders-list': { limit: 7, windowMs: 180_000 },
  'orders-read': { limit: 8, windowMs: 60_000 },
  'orders-write': { limit: 25, windowMs: 60_000 },
  'shipments-write': { limit: 25, windowMs: 60_000 },
  'process-status': { limit: 25, windowMs: 1000 },
  'process-status-bulk': { limit: 5, windowMs: 1000 },
  subscriptions: { limit: 10, windowMs: 60_000 },
  retailers: { limit: 10, windowMs: 60_000 },
  inventory: { limit: 10, windowMs: 60_000 },
};

/**
 * The rule (group) a request falls under, by method and path relative to its API, as bol.com's
 * throttle matches them.
 *
 * @example
 * ```ts
 * windowGroup('PUT', 'retailer', '/offers/abc/stock'); // 'offers-stock'
 * ```
 *
 * @category Simulator
 */
export function windowGroup(method: string, api: 'retailer' | 'shared', path: string): string {
  if (api === 'shared') return method === 'POST' ? 'process-status-bulk' : 'process-status';
  if (/^\/offers\/export(\/|$)/.test(path)) return method === 'POST' ? 'offers-export' : 'offers-export-read';
  if (/^\/offers\/[^/]+\/stock$/.test(path)) return 'offers-stock';
  if (/^\/offers\/[^/]+\/price$/.test(path)) return 'offers-price';
  if (/^\/offers(\/|$)/.test(path)) return method === 'GET' ? 'offers-read' : 'offers-write';
  if (path === '/orders') return 'orders-list';
  if (/^\/orders\//.test(path)) return method === 'GET' ? 'orders-read' : 'orders-write';
  if (/^\/shipments/.test(path)) return 'shipments-write';
  if (/^\/subscriptions/.test(path)) return 'subscriptions';
  if (/^\/inventory/.test(path)) return 'inventory';
  return 'retailers';
}

/**
 * Counters of one window group.
 *
 * @category Simulator
 */
export interface BolWindowStats {
  requests: number;
  accepted: number;
  throttled: number;
  firstAt: number;
  lastAt: number;
}

/** bol.com's side of the windows: one anchored fixed window per group and client. */
export class SimulatorWindows {
  readonly #limits = new Map<string, ServerLimit>();
  readonly #stats: Record<string, BolWindowStats> = {};

  constructor(
    private readonly clock: Clock,
    private readonly windows: Readonly<Record<string, BolSimulatorWindow>>,
  ) {}

  /** Checks (and counts) one request of `group` for `client`. */
  check(group: string, client: string): ServerLimitVerdict & { limit: number } {
    const window = this.windows[group] ?? { limit: 10, windowMs: 1000 };
    const key = `${client}:${group}`;
    let limit = this.#limits.get(key);
    if (!limit)
      this.#limits.set(
        key,
        (limit = new ServerLimit(
          { kind: 'fixed-window', limit: window.limit, windowMs: window.windowMs, anchor: 'first-request' },
          this.clock,
        )),
      );
    const verdict = limit.check();
    const now = this.clock.now();
    const stats = (this.#stats[group] ??= { requests: 0, accepted: 0, throttled: 0, firstAt: now, lastAt: now });
    stats.requests++;
    stats.lastAt = now;
    if (verdict.allowed) stats.accepted++;
    else stats.throttled++;
    return { ...verdict, limit: window.limit };
  }

  /** The `x-ratelimit-*` headers of a verdict (and `Retry-After` when refused). */
  headers(verdict: ServerLimitVerdict & { limit: number }): Record<string, string> {
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(verdict.limit),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(verdict.available))),
      'x-ratelimit-reset': String(Math.max(0, Math.ceil(verdict.resetMs / 1000))),
    };
    if (!verdict.allowed) headers['retry-after'] = String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
    return headers;
  }

  stats(): Record<string, BolWindowStats> {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#limits.clear();
    for (const key of Object.keys(this.#stats)) delete this.#stats[key];
  }
}
