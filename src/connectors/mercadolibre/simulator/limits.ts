import type { Clock } from '../../../core/clock.js';
import { ServerLimit } from '../../../testing/pipeline/server-limit.js';
import { MERCADOLIBRE_LIMITS, type MercadoLibreLimit, type MercadoLibreResource } from '../limits.js';

/**
 * Calls and throttled answers of one resource family, as the simulator counted them.
 *
 * @category Simulator
 */
export interface SimResourceStats {
  calls: number;
  accepted: number;
  throttled: number;
  firstAt: number;
  lastAt: number;
}

/**
 * The resource family of a request, decided from its method and path alone (independently
 * of how any client names its operations).
 *
 * @example
 * ```ts
 * resourceOfRequest('PUT', '/items/MLA1'); // 'items-write'
 * ```
 *
 * @category Simulator
 */
export function resourceOfRequest(method: string, path: string): MercadoLibreResource {
  if (/^\/items(\/|$)/.test(path)) return method === 'GET' ? 'items-read' : 'items-write';
  if (/^\/users\/[^/]+\/items\/search$/.test(path)) return 'items-read';
  if (path.startsWith('/user-products/')) return 'user-products';
  if (path.startsWith('/orders')) return 'orders';
  if (path.startsWith('/shipments/')) return 'shipments';
  if (path === '/missed_feeds') return 'notifications';
  if (path.startsWith('/users/')) return 'users';
  return 'other';
}

/**
 * MercadoLibre's side of the rate limits: a token bucket per application and resource family
 * (what its rate-limit FAQ describes: per client id and per endpoint, whatever the seller).
 * A refused request spends nothing and is answered 429.
 *
 * @example
 * ```ts
 * const limits = new SimLimits(clock, { 'items-write': { ratePerSecond: 1, burst: 1 } });
 * limits.take('5503910054141466', 'items-write'); // true, then false until a second passes
 * ```
 */
export class SimLimits {
  readonly #clock: Clock;
  readonly #limits: Record<MercadoLibreResource, MercadoLibreLimit>;
  readonly #buckets = new Map<string, ServerLimit>();
  #stats: Record<string, SimResourceStats> = {};

  /**
   * @param clock - bucket time
   * @param overrides - budgets per resource family (default: the connector's published defaults)
   */
  constructor(clock: Clock, overrides: Partial<Record<MercadoLibreResource, MercadoLibreLimit>> = {}) {
    this.#clock = clock;
    this.#limits = { ...MERCADOLIBRE_LIMITS, ...overrides };
  }

  /** Spends one request of `resource` for `applicationId`; false means answer 429. */
  take(applicationId: string, resource: MercadoLibreResource): boolean {
    const key = `${applicationId}:${resource}`;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      const { ratePerSecond, burst } = this.#limits[resource];
      bucket = new ServerLimit({ kind: 'token-bucket', ratePerSecond, burst }, this.#clock);
      this.#buckets.set(key, bucket);
    }
    const now = this.#clock.now();
    const allowed = bucket.check().allowed;
    const entry = (this.#stats[resource] ??= { calls: 0, accepted: 0, throttled: 0, firstAt: now, lastAt: now });
    entry.calls++;
    entry.lastAt = now;
    if (allowed) entry.accepted++;
    else entry.throttled++;
    return allowed;
  }

  /** The budget of a resource family. */
  limitOf(resource: MercadoLibreResource): MercadoLibreLimit {
    return this.#limits[resource];
  }

  /** A copy of the counters per resource family. */
  stats(): Record<string, SimResourceStats> {
    return structuredClone(this.#stats);
  }

  /** Forgets buckets and counters. */
  reset(): void {
    this.#buckets.clear();
    this.#stats = {};
  }
}
