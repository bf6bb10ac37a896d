import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import type { Clock } from '../../core/clock.js';
import { AMAZON_OPERATION_LIMITS } from '../../connectors/amazon/limits.generated.js';
import type { AmazonOperationLimit } from '../../connectors/amazon/limits-types.js';
import { LWA_TOKEN_URL } from '../../connectors/amazon/endpoints.js';
import { formatMoney, type Money } from '../../model/money.js';
import { jobHandlers } from './handlers-jobs.js';
import { listingHandlers } from './handlers-listings.js';
import { miscHandlers } from './handlers-misc.js';
import { orderHandlers } from './handlers-orders.js';
import { orderHandlers2026 } from './handlers-orders-2026.js';
import { financeHandlers2024 } from './handlers-finances-2024.js';
import { ServerLimiter, type AmazonSimulatorStats } from './limiter.js';
import { emptyState, type SimulatedListing, type SimulatedOrder, type SimulatorState } from './state.js';

/**
 * Options of {@link AmazonSpApiSimulator}.
 *
 * @example
 * ```ts
 * const options: AmazonSimulatorOptions = { clock, sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER', feedProcessingMs: 120_000 };
 * ```
 */
export interface AmazonSimulatorOptions {
  /** The time the usage plans and async jobs run on (a FakeClock in tests). */
  clock: Clock;
  /** SP-API base URL to answer on (default: the NA production endpoint). */
  baseUrl?: string;
  /** Login with Amazon token URL to answer on. */
  tokenUrl?: string;
  sellerId?: string;
  marketplaceId?: string;
  currency?: string;
  /** How long a feed takes from creation to DONE (default 2 minutes). */
  feedProcessingMs?: number;
  /** How long a report takes from creation to DONE (default 1 minute). */
  reportProcessingMs?: number;
  /** Usage plan overrides; default: the models' plans. */
  limits?: Record<string, { rate: number; burst: number }>;
  /** Send `x-amzn-RateLimit-Limit` on successful answers (default true). */
  rateLimitHeader?: boolean;
}

/** What every handler file gets from the simulator. */
export interface SimulatorRuntime {
  readonly base: string;
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly currency: string;
  readonly clock: Clock;
  readonly state: SimulatorState;
  readonly feedProcessingMs: number;
  readonly reportProcessingMs: number;
  /** Runs the auth check and the usage plan of `operation`; returns an error response or undefined. */
  gate(operation: string, request: Request, options?: { restricted?: boolean }): Response | undefined;
  /** A JSON answer with the rate-limit and request-id headers. */
  json(operation: string, body: unknown, status?: number): Response;
  /** An SP-API error answer. */
  error(status: number, code: string, message: string): Response;
  nextId(prefix: string): string;
  listingJson(listing: SimulatedListing): Record<string, unknown>;
}

/**
 * A faithful in-memory SP-API for tests and benchmarks, as msw handlers: per-operation token
 * buckets with the models' usage plans (429 `QuotaExceeded` when empty, `x-amzn-RateLimit-Limit`
 * on success), Login with Amazon tokens, Restricted Data Tokens required for v0 buyer data,
 * listings with JSON Patch and `VALIDATION_PREVIEW`, feeds and reports that finish after
 * (fake) time with documents behind pre-signed URLs (reports gzipped), one set of orders served
 * by Orders v0 (NextToken paging) and Orders 2026-01-01 (searchOrders and getOrder with
 * `includedData`), FBA inventory, financial events, catalog items and notifications.
 *
 * @example
 * ```ts
 * const simulator = new AmazonSpApiSimulator({ clock });
 * simulator.addListing({ sku: 'MUG-1', price: { amountMinor: 999, currency: 'USD' }, quantity: 5 });
 * const server = setupServer(...simulator.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export class AmazonSpApiSimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** The simulated account (listings, orders, jobs, documents, ...). */
  readonly state: SimulatorState = emptyState();
  readonly #limiter: ServerLimiter;
  readonly #runtime: SimulatorRuntime;
  #tokens = 0;
  #expiredUpTo = 0;

  /** @param options - clock, endpoints, seller, store and timings */
  constructor(options: AmazonSimulatorOptions) {
    const base = (options.baseUrl ?? 'https://sellingpartnerapi-na.amazon.com').replace(/\/+$/, '');
    const plan = (operation: string) => options.limits?.[operation] ?? (AMAZON_OPERATION_LIMITS as Record<string, AmazonOperationLimit>)[operation] ?? { rate: 1, burst: 1 };
    this.#limiter = new ServerLimiter(options.clock, plan);
    const sendHeader = options.rateLimitHeader ?? true;
    const state = this.state;
    const limiter = this.#limiter;
    const expiredUpTo = () => this.#expiredUpTo;
    const runtime: SimulatorRuntime = {
      base,
      sellerId: options.sellerId ?? 'A1SIMSELLER',
      marketplaceId: options.marketplaceId ?? 'ATVPDKIKX0DER',
      currency: options.currency ?? 'USD',
      clock: options.clock,
      state,
      feedProcessingMs: options.feedProcessingMs ?? 120_000,
      reportProcessingMs: options.reportProcessingMs ?? 60_000,
      gate(operation, request, gateOptions = {}) {
        const token = request.headers.get('x-amz-access-token') ?? '';
        if (!token) return runtime.error(403, 'Unauthorized', 'Access to requested resource is denied. The request has no x-amz-access-token.');
        const issued = /^Atza\|sim-(\d+)$/.exec(token);
        if (issued && Number(issued[1]) <= expiredUpTo()) return runtime.error(403, 'Unauthorized', 'Access to requested resource is denied. The access token you provided has expired.');
        if (gateOptions.restricted && !token.startsWith('Atz.sprdt|')) {
          return runtime.error(403, 'Unauthorized', 'Access to requested resource is denied. Use a Restricted Data Token for this operation.');
        }
        if (!limiter.take(operation)) return runtime.error(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
        return undefined;
      },
      json(operation, body, status = 200) {
        const headers: Record<string, string> = { 'x-amzn-RequestId': runtime.nextId('req') };
        if (sendHeader) headers['x-amzn-RateLimit-Limit'] = String(plan(operation).rate);
        return HttpResponse.json(body as Record<string, unknown>, { status, headers });
      },
      error(status, code, message) {
        return HttpResponse.json({ errors: [{ code, message, details: '' }] }, { status, headers: { 'x-amzn-RequestId': runtime.nextId('req') } });
      },
      nextId(prefix) {
        return `${prefix}-${++state.sequence}`;
      },
      listingJson(listing) {
        return {
          sku: listing.sku,
          summaries: [
            {
              marketplaceId: runtime.marketplaceId,
              asin: listing.asin,
              productType: listing.productType,
              conditionType: 'new_new',
              status: listing.quantity > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'],
              itemName: listing.title,
              createdDate: new Date(0).toISOString(),
              lastUpdatedDate: new Date(listing.updatedAt).toISOString(),
            },
          ],
          attributes: listing.attributes,
          offers: [{ marketplaceId: runtime.marketplaceId, offerType: 'B2C', price: { currencyCode: listing.price.currency, amount: formatMoney(listing.price) } }],
          fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: listing.quantity }],
          issues: [],
        };
      },
    };
    this.#runtime = runtime;
    const tokenUrl = options.tokenUrl ?? LWA_TOKEN_URL;
    this.handlers = [
      http.post(tokenUrl, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        const grant = form.get('grant_type');
        if (!form.get('client_id') || !form.get('client_secret') || (grant === 'refresh_token' && !form.get('refresh_token')) || (grant !== 'refresh_token' && grant !== 'client_credentials')) {
          return HttpResponse.json({ error: 'invalid_grant', error_description: 'The request has an invalid grant parameter.' }, { status: 400 });
        }
        return HttpResponse.json({ access_token: `Atza|sim-${++this.#tokens}`, token_type: 'bearer', expires_in: 3600, ...(grant === 'refresh_token' ? { refresh_token: form.get('refresh_token') } : {}) });
      }),
      ...listingHandlers(runtime),
      ...jobHandlers(runtime),
      ...orderHandlers(runtime),
      ...orderHandlers2026(runtime),
      ...financeHandlers2024(runtime),
      ...miscHandlers(runtime),
    ];
  }

  /**
   * A `fetch` answered by the simulator directly, without installing msw: pass it as
   * `context.fetch` (requests to other hosts fail with a network error).
   *
   * @example
   * ```ts
   * const amazon = new AmazonMarketplace(config, { clock, fetch: simulator.fetch });
   * ```
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    // Only handlers whose method and literal path prefix fit: resolving against all of them
    // costs more than the simulated work itself when a benchmark sends 10,000 requests.
    const candidates = this.handlers.filter((handler) => {
      const info = (handler as unknown as { info: { method?: unknown; path?: unknown } }).info;
      const method = String(info.method ?? '').toUpperCase();
      if (method !== request.method && method !== 'ALL') return false;
      const path = typeof info.path === 'string' ? info.path : '';
      return request.url.startsWith(path.split(/[:*]/)[0] ?? '');
    });
    const response = await getResponse(candidates, request);
    if (!response) throw new TypeError(`fetch failed: the Amazon simulator does not answer ${request.method} ${request.url}`);
    return response;
  };

  /** Adds (or replaces) a listing. */
  addListing(listing: { sku: string; price: Money; quantity?: number; productType?: string; title?: string; asin?: string; fba?: { fulfillable: number; reserved: number } }): SimulatedListing {
    const stored: SimulatedListing = {
      sku: listing.sku,
      asin: listing.asin ?? `B${String(this.state.listings.size + 1).padStart(9, '0')}`,
      productType: listing.productType ?? 'PRODUCT',
      title: listing.title ?? listing.sku,
      price: listing.price,
      quantity: listing.quantity ?? 0,
      ...(listing.fba ? { fba: listing.fba } : {}),
      attributes: {},
      updatedAt: this.#runtime.clock.now(),
    };
    this.state.listings.set(stored.sku, stored);
    return stored;
  }

  /** Adds an order with its items (SP-API shapes) and optional buyer data. */
  addOrder(order: Omit<SimulatedOrder, 'shipments'>): void {
    this.state.orders.set(order.order.AmazonOrderId, { ...order, shipments: [] });
  }

  /**
   * Sets the financial events (a Finances v0 `FinancialEvents` object): `listFinancialEvents`
   * returns them as they are, `listTransactions` (2024-06-19) as one transaction per event.
   */
  setFinancialEvents(events: Record<string, unknown[]>): void {
    this.state.financialEvents = events;
    this.state.financialEventsPostedAt = this.#runtime.clock.now();
  }

  /** Makes every access token issued so far expire (403 "The access token you provided has expired"). */
  expireTokens(): void {
    this.#expiredUpTo = this.#tokens;
  }

  /** Calls and throttled answers per operation. */
  stats(): AmazonSimulatorStats {
    return this.#limiter.stats();
  }

  /** Forgets the usage-plan buckets and the counters (not the data). */
  resetLimits(): void {
    this.#limiter.reset();
  }
}
