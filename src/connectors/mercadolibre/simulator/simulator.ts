import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import { faultSchedule, type FaultRule, type FaultSchedule } from '../../../testing/pipeline/faults.js';
import type { MercadoLibreLimit, MercadoLibreResource } from '../limits.js';
import { MERCADOLIBRE_API_URL, MERCADOLIBRE_TOKEN_URL, type MercadoLibreSiteId } from '../sites.js';
import type { MercadoLibreMissedFeed } from '../types/index.js';
import type { SimRequest } from './context.js';
import { resourceOfRequest, SimLimits, type SimResourceStats } from './limits.js';
import { mlError } from './responses.js';
import { routeOf } from './router.js';
import { SimCatalog } from './seeding.js';
import { emptySimState, type MercadoLibreSimState } from './state.js';
import { SimTokens, type SimTokenStats } from './tokens.js';

/**
 * Options of {@link MercadoLibreSimulator}.
 *
 * @example
 * ```ts
 * const options: MercadoLibreSimulatorOptions = { clock, site: 'MLA', applications: { '5503910054141466': 'secret' } };
 * ```
 *
 * @category Simulator
 */
export interface MercadoLibreSimulatorOptions {
  /** Time of token lifetimes, rate limits, scrolls and timestamps (a FakeClock in tests). */
  clock: Clock;
  /** API base URL to answer on (default `https://api.mercadolibre.com`). */
  baseUrl?: string;
  /** Token endpoint to answer on (default the API's `/oauth/token`). */
  tokenUrl?: string;
  /** The site of the default seller (default `MLA`). */
  site?: MercadoLibreSiteId;
  /** Applications: client id → secret (default one: `1234567890123456` / `simulator-secret`). */
  applications?: Record<string, string>;
  /** Budgets per resource family the simulator enforces (default: the connector's defaults). */
  limits?: Partial<Record<MercadoLibreResource, MercadoLibreLimit>>;
  /** Faults injected into API requests (not the token endpoint) by arrival index. */
  faults?: FaultSchedule | readonly FaultRule[];
  /** Record a notification for every change made through the API (default false). */
  notifyChanges?: boolean;
}

/**
 * What the simulator counted.
 *
 * @category Simulator
 */
export interface MercadoLibreSimulatorStats {
  /** API requests received (token endpoint excluded). */
  calls: number;
  /** Requests answered 429. */
  throttled: number;
  /** Injected faults. */
  faults: number;
  /** Per resource family. */
  resources: Record<string, SimResourceStats>;
  /** The token endpoint's counters. */
  tokens: SimTokenStats;
}

/**
 * A faithful in-memory MercadoLibre for tests and benchmarks, as msw handlers (or a `fetch`):
 * OAuth with single-use rotating refresh tokens (a spent one is refused with `invalid_grant`)
 * and six-hour access tokens; items with variations and `SELLER_SKU`, the scan search with
 * `scroll_id`, multiget (20 ids), item writes with MercadoLibre's rules (closed items, one
 * price per item, variations left out are deleted, stock per variation); user products with
 * stock per warehouse and `x-version` (409 when stale); orders search with paging (cancelled
 * ones only on request), cancellation by feedback; ME1 shipments with tracking; notifications
 * and missed feeds; a token bucket per application and resource family answering 429 with
 * MercadoLibre's envelope; injected faults.
 *
 * @example
 * ```ts
 * const simulator = new MercadoLibreSimulator({ clock });
 * const refreshToken = simulator.tokens.grant(simulator.sellerId);
 * simulator.catalog.addItem({ title: 'Mug', price: 1500, quantity: 3, sku: 'MUG-1' });
 * setupServer(...simulator.handlers).listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @category Simulator
 */
export class MercadoLibreSimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** Everything the simulated MercadoLibre holds. */
  readonly state: MercadoLibreSimState = emptySimState();
  /** The token endpoint: grants, codes, faults, counters. */
  readonly tokens: SimTokens;
  /** Seeding: sellers, items, user products, orders, questions. */
  readonly catalog: SimCatalog;
  /** The default seller's id. */
  readonly sellerId: number;
  /** The default application's client id. */
  readonly applicationId: string;
  /** The API base URL answered. */
  readonly baseUrl: string;
  /** The token URL answered. */
  readonly tokenUrl: string;
  /** Notifications waiting to be delivered (see {@link MercadoLibreSimulator.takeDeliveries}). */
  readonly outbox: MercadoLibreMissedFeed[] = [];
  readonly #clock: Clock;
  readonly #limits: SimLimits;
  readonly #faults: FaultSchedule;
  readonly #notifyChanges: boolean;
  #calls = 0;
  #throttled = 0;
  #faulted = 0;

  /** @param options - clock, endpoints, applications, limits and faults */
  constructor(options: MercadoLibreSimulatorOptions) {
    this.#clock = options.clock;
    this.baseUrl = (options.baseUrl ?? MERCADOLIBRE_API_URL).replace(/\/+$/, '');
    this.tokenUrl = options.tokenUrl ?? (options.baseUrl ? `${this.baseUrl}/oauth/token` : MERCADOLIBRE_TOKEN_URL);
    const applications = options.applications ?? { '1234567890123456': 'simulator-secret' };
    this.applicationId = Object.keys(applications)[0]!;
    this.tokens = new SimTokens(options.clock, applications);
    this.#limits = new SimLimits(options.clock, options.limits);
    this.#faults = typeof options.faults === 'function' ? options.faults : faultSchedule(options.faults ?? []);
    this.#notifyChanges = options.notifyChanges ?? false;
    const site = options.site ?? 'MLA';
    this.catalog = new SimCatalog(this.state, options.clock, site, (topic, resource, userId, missed) =>
      this.notify(topic, resource, { userId, missed }),
    );
    this.sellerId = this.catalog.addSeller({ id: 468424240, nickname: 'TESTSELLER', siteId: site }).id;
    const answer = async (request: Request) => {
      const response = await this.handle(request);
      return response === 'reset' ? HttpResponse.error() : response;
    };
    this.handlers = [
      http.post(this.tokenUrl, ({ request }) => answer(request)),
      http.all(`${this.baseUrl}/*`, ({ request }) => answer(request)),
    ];
  }

  /**
   * A `fetch` answered by the simulator directly, without msw (requests to other hosts fail
   * with a network error): the fast path for benchmarks of thousands of calls.
   *
   * @example
   * ```ts
   * const ml = new MercadoLibreMarketplace(config, { clock, fetch: simulator.fetch });
   * ```
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const answer = await this.handle(new Request(input, init));
    if (answer === 'reset') throw new TypeError('fetch failed: the connection was reset by the MercadoLibre simulator');
    return answer;
  };

  /** Answers one request; `'reset'` when the connection should drop. */
  async handle(request: Request): Promise<Response | 'reset'> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.href.split('?')[0] === this.tokenUrl) return this.tokens.handle(request);
    if (!url.href.startsWith(`${this.baseUrl}/`)) return mlError(404, 'not_found', `No such host: ${url.host}`);
    const path = url.pathname.slice(new URL(this.baseUrl).pathname.replace(/\/$/, '').length);
    const fault = this.#faults(this.#calls++);
    if (fault && fault.kind !== 'partial-page') {
      this.#faulted++;
      if (fault.kind === 'throttle') return this.#throttle();
      if (fault.kind === 'server-error')
        return mlError(fault.status ?? 503, 'internal_error', 'Service temporarily unavailable');
      if (fault.kind === 'reset') return 'reset';
      if (fault.kind === 'malformed')
        return new Response('{"id": "MLA1", "title": "Tru', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      await this.#clock.sleep(60 * 60_000, request.signal).catch(() => {});
      return 'reset';
    }
    const auth = this.tokens.authenticate(request);
    if (auth instanceof Response) return auth;
    const seller = this.state.sellers.get(auth.userId);
    if (!seller) return mlError(403, 'forbidden', 'The user of this token is not active.');
    if (!this.#limits.take(auth.clientId, resourceOfRequest(request.method, path))) return this.#throttle();
    const route = routeOf(request.method, path);
    if (!route) return mlError(404, 'not_found', `Resource ${request.method} ${path} not found`);
    let body: unknown;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const text = await request.text();
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return mlError(400, 'bad_request', 'The body is not valid JSON.');
      }
    }
    const sim: SimRequest = {
      state: this.state,
      clock: this.#clock,
      request,
      url,
      params: route.params,
      body,
      seller,
      applicationId: auth.clientId,
      changed: (topic, resource) => {
        if (this.#notifyChanges) this.notify(topic, resource, { userId: seller.id });
      },
    };
    return route.handler(sim);
  }

  #throttle(): Response {
    this.#throttled++;
    return mlError(429, 'local_rate_limited', 'Too Many Requests');
  }

  /**
   * Records a notification about `resource` for delivery (`outbox`), or as missed (what
   * `/missed_feeds` returns) with `missed: true`.
   *
   * @example
   * ```ts
   * const notification = simulator.notify('orders_v2', '/orders/2000000001', { missed: true });
   * ```
   */
  notify(
    topic: string,
    resource: string,
    options: { userId?: number; missed?: boolean; applicationId?: string } = {},
  ): MercadoLibreMissedFeed {
    const at = new Date(this.#clock.now()).toISOString();
    const notification: MercadoLibreMissedFeed = {
      _id: `${(++this.state.sequence).toString(16).padStart(8, '0')}-sim-${topic}`,
      resource,
      user_id: options.userId ?? this.sellerId,
      topic,
      application_id: Number(options.applicationId ?? this.applicationId),
      attempts: options.missed ? 8 : 1,
      sent: at,
      received: at,
    };
    if (options.missed)
      this.state.missedFeeds.push({
        ...notification,
        request: { url: 'https://app.example/notifications' },
        response: { status: 500, req_time: 501 },
      });
    else this.outbox.push(notification);
    return notification;
  }

  /**
   * The notifications waiting in the outbox as delivery requests (JSON bodies as MercadoLibre
   * posts them), emptying it.
   *
   * @example
   * ```ts
   * for (const delivery of simulator.takeDeliveries()) await notifications.receive(delivery);
   * ```
   */
  takeDeliveries(): { headers: Record<string, string>; body: string }[] {
    return this.outbox
      .splice(0)
      .map((notification) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification) }));
  }

  /** Moves every notification of the outbox to the missed feeds (their deliveries failed). */
  missDeliveries(): void {
    for (const notification of this.outbox.splice(0)) this.state.missedFeeds.push({ ...notification, attempts: 8 });
  }

  /** Calls, throttled answers and faults, per resource family, and the token endpoint's counters. */
  stats(): MercadoLibreSimulatorStats {
    return {
      calls: this.#calls,
      throttled: this.#throttled,
      faults: this.#faulted,
      resources: this.#limits.stats(),
      tokens: this.tokens.stats(),
    };
  }

  /** The budget the simulator enforces on a resource family. */
  limitOf(resource: MercadoLibreResource): MercadoLibreLimit {
    return this.#limits.limitOf(resource);
  }

  /** Forgets the rate-limit buckets and counters (not the data). */
  resetLimits(): void {
    this.#limits.reset();
    this.#calls = 0;
    this.#throttled = 0;
    this.#faulted = 0;
  }
}
