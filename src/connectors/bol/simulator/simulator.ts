import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import type { BolOrder } from '../types.js';
import { correctedStock } from './corrected-stock.js';
import { SimulatedLogin } from './login.js';
import { ProcessStatusBook } from './process-statuses.js';
import { buildOffer, buildOrder, type BolSimulatorOfferInput, type BolSimulatorOrderInput } from './seed.js';
import { invalid, json, problem } from './problems.js';
import { offerRoute } from './routes-offers.js';
import { orderRoute } from './routes-orders.js';
import { sharedRoute, subscriptionRoute } from './routes-shared.js';
import type { BolSimulatorRuntime, SimulatedPush, SimulatedWrite } from './runtime.js';
import { createBolSigningKeys, signBolNotification, type BolSigningKeys } from './signing.js';
import { emptyState, type BolSimulatorState, type SimulatedBolOffer } from './state.js';
import {
  BOL_SIMULATOR_WINDOWS,
  SimulatorWindows,
  windowGroup,
  type BolSimulatorWindow,
  type BolWindowStats,
} from './windows.js';

const MEDIA = 'application/vnd.retailer.v10+json';

/**
 * Options of {@link BolRetailerSimulator}.
 *
 * @example
 * ```ts
 * const options: BolSimulatorOptions = { clock, processingMs: 2000, windows: { 'offers-stock': { limit: 25, windowMs: 1000 } } };
 * ```
 *
 * @category Simulator
 */
export interface BolSimulatorOptions {
  /** The time windows and process statuses run on (a FakeClock in tests). */
  clock: Clock;
  /** Which base URLs to answer on by default (`production`: `/retailer`, `/shared`; `demo`: `/retailer-demo`, `/shared-demo`). */
  environment?: 'production' | 'demo';
  /** Retailer API base URL (default `https://api.bol.com/retailer`). */
  retailerUrl?: string;
  /** Shared API base URL (default `https://api.bol.com/shared`). */
  sharedUrl?: string;
  /** Token endpoint (default `https://login.bol.com/token`). */
  tokenUrl?: string;
  /** The only client credentials the login service accepts (default: any non-empty pair). */
  credentials?: { clientId: string; clientSecret: string };
  /** Window overrides per group (default {@link BOL_SIMULATOR_WINDOWS}). */
  windows?: Readonly<Record<string, BolSimulatorWindow>>;
  /** How long a write takes from accepted to final, ms (default 1,500), or per write. */
  processingMs?: number | ((write: SimulatedWrite) => number);
  /** Overrides the final state of a write (default: SUCCESS, unless a business rule fails it). */
  decide?: (write: SimulatedWrite) => { status: 'FAILURE' | 'TIMEOUT'; errorMessage?: string } | undefined;
  /** How long a final process status stays readable, ms (default 7 days). */
  retentionMs?: number;
  /** Access token lifetime, seconds (default 299). */
  tokenLifetimeSeconds?: number;
  /** The account's retailer id (default `1234567`). */
  retailerId?: string;
}

/**
 * Counters of the simulator.
 *
 * @category Simulator
 */
export interface BolSimulatorStats {
  requests: number;
  throttled: number;
  tokens: number;
  unauthorized: number;
  /** Per window group (see `windowGroup`). */
  groups: Record<string, BolWindowStats>;
  /** Process statuses created and how they ended. */
  processStatuses: { created: number; SUCCESS: number; FAILURE: number; TIMEOUT: number };
}

/**
 * A faithful in-memory bol.com Retailer API v10 and Shared API for tests and benchmarks, as
 * msw handlers (or a `fetch`): the login service's five-minute client-credentials tokens
 * (expired ones answered 401), bol.com's media types (406 and 415 otherwise), a fixed window
 * per endpoint group opened by its first request, with `x-ratelimit-limit`,
 * `x-ratelimit-remaining` and `x-ratelimit-reset` on every answer and 429 with `Retry-After`
 * when spent; the contract's body rules (400 with `violations`); every write answered 202 with
 * a process status that settles over (injected) time — `SUCCESS`, a business `FAILURE`, or a
 * `TIMEOUT` you inject — with the single, bulk and by-entity queries; offers with stock,
 * corrected stock and bundle prices; the offers export as CSV; orders with shipments and
 * cancellations; push subscriptions with RSA-signed events.
 *
 * @example
 * ```ts
 * const simulator = new BolRetailerSimulator({ clock });
 * simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 3 });
 * const server = setupServer(...simulator.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @category Simulator
 */
export class BolRetailerSimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** The simulated account. */
  readonly state: BolSimulatorState = emptyState();
  /** Pushed events waiting to be delivered (PROCESS_STATUS events, test messages). */
  readonly outbox: SimulatedPush[] = [];
  readonly #options: BolSimulatorOptions;
  readonly #windows: SimulatorWindows;
  readonly #runtime: BolSimulatorRuntime;
  readonly #retailer: string;
  readonly #shared: string;
  readonly #tokenUrl: string;
  readonly #login: SimulatedLogin;
  readonly #retailerId: string;
  readonly #statuses: ProcessStatusBook;
  #keys: Promise<BolSigningKeys> | undefined;
  #counters = { requests: 0, throttled: 0, unauthorized: 0 };

  /** @param options - clock, endpoints, windows, timings and outcome rules */
  constructor(options: BolSimulatorOptions) {
    this.#options = options;
    const demo = options.environment === 'demo';
    this.#retailer = (options.retailerUrl ?? `https://api.bol.com/${demo ? 'retailer-demo' : 'retailer'}`).replace(
      /\/+$/,
      '',
    );
    this.#shared = (options.sharedUrl ?? `https://api.bol.com/${demo ? 'shared-demo' : 'shared'}`).replace(/\/+$/, '');
    this.#tokenUrl = (options.tokenUrl ?? 'https://login.bol.com/token').split('?')[0]!;
    this.#login = new SimulatedLogin(options.clock, options.credentials, options.tokenLifetimeSeconds ?? 299);
    this.#windows = new SimulatorWindows(options.clock, { ...BOL_SIMULATOR_WINDOWS, ...options.windows });
    this.#retailerId = options.retailerId ?? '1234567';
    this.#statuses = new ProcessStatusBook({
      clock: options.clock,
      state: this.state,
      sharedBase: this.#shared,
      retailerId: this.#retailerId,
      outbox: this.outbox,
      ...(options.processingMs !== undefined ? { processingMs: options.processingMs } : {}),
      ...(options.decide ? { decide: options.decide } : {}),
      ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}),
    });
    this.#runtime = this.#makeRuntime();
    const handle = ({ request }: { request: Request }) => this.handle(request);
    this.handlers = [
      http.post(this.#tokenUrl, handle),
      http.all(`${this.#retailer}/*`, handle),
      http.all(`${this.#shared}/*`, handle),
    ];
  }

  #makeRuntime(): BolSimulatorRuntime {
    const state = this.state;
    const book = this.#statuses;
    return {
      clock: this.#options.clock,
      state,
      sharedBase: this.#shared,
      retailerId: this.#retailerId,
      outbox: this.outbox,
      nextId: (prefix) => `${prefix}-${++state.sequence}`,
      createStatus: (input) => book.create(input),
      settleDue: () => book.settleDue(),
      statusJson: (status) => book.json(status),
      correctedStock: (offer) => correctedStock(state, offer),
    };
  }

  /**
   * A `fetch` answered by the simulator directly, without installing msw: pass it as
   * `context.fetch` (requests to other hosts fail with a network error).
   *
   * @example
   * ```ts
   * const bol = new BolMarketplace(config, { clock, fetch: simulator.fetch });
   * ```
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = request.url.split('?')[0]!;
    if (url !== this.#tokenUrl && !url.startsWith(`${this.#retailer}/`) && !url.startsWith(`${this.#shared}/`)) {
      throw new TypeError(`fetch failed: the bol.com simulator does not answer ${request.method} ${request.url}`);
    }
    return this.handle(request);
  };

  /** Answers one request as bol.com would. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const bare = `${url.origin}${url.pathname}`;
    if (bare === this.#tokenUrl) return this.#login.token(request, url);
    this.#counters.requests++;
    const api = bare.startsWith(`${this.#shared}/`) ? 'shared' : 'retailer';
    const path = bare.slice((api === 'shared' ? this.#shared : this.#retailer).length);
    const client = this.#login.clientOf(request);
    if (!client) {
      this.#counters.unauthorized++;
      return problem(401, 'Unauthorized', 'The access token is missing, unknown or expired; request a new one.');
    }
    const verdict = this.#windows.check(windowGroup(request.method, api, path), client);
    const limitHeaders = this.#windows.headers(verdict);
    if (!verdict.allowed) {
      this.#counters.throttled++;
      return problem(
        429,
        'Too Many Requests',
        `Rate limit exceeded; retry after ${limitHeaders['retry-after']} second(s).`,
        undefined,
        limitHeaders,
      );
    }
    const answer = await this.#route(request, api, path, url.searchParams);
    for (const [name, value] of Object.entries(limitHeaders)) answer.headers.set(name, value);
    return answer;
  }

  async #route(request: Request, api: 'retailer' | 'shared', path: string, query: URLSearchParams): Promise<Response> {
    const accept = request.headers.get('accept') ?? '';
    const csv = api === 'retailer' && /^\/offers\/export\/[^/]+$/.test(path) && request.method === 'GET';
    if (!accept.includes(csv ? 'application/vnd.retailer.v10+csv' : MEDIA))
      return problem(406, 'Not Acceptable', `Send Accept: ${csv ? 'application/vnd.retailer.v10+csv' : MEDIA}.`);
    let body: unknown;
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    if (text) {
      if (!(request.headers.get('content-type') ?? '').includes(MEDIA))
        return problem(415, 'Unsupported Media Type', `Send Content-Type: ${MEDIA}.`);
      try {
        body = JSON.parse(text);
      } catch {
        return invalid([{ name: 'body', reason: 'Malformed JSON.' }]);
      }
    }
    this.#statuses.settleDue();
    this.#statuses.forgetOld();
    const method = request.method;
    const answer =
      api === 'shared'
        ? sharedRoute(this.#runtime, method, path, query, body)
        : path === '/subscriptions/signature-keys' && method === 'GET'
          ? json({
              signatureKeys: [
                { id: (await this.signingKeys()).keyId, type: 'RSA', publicKey: (await this.signingKeys()).publicKey },
              ],
            })
          : (offerRoute(this.#runtime, method, path, body) ??
            orderRoute(this.#runtime, method, path, query, body) ??
            subscriptionRoute(this.#runtime, method, path, body));
    return answer ?? problem(404, 'Not Found', `No endpoint ${method} ${path}.`);
  }

  /**
   * Adds an offer (a new offer id unless one is given).
   *
   * @example
   * ```ts
   * const offer = simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 5, reference: 'MUG-1' });
   * ```
   */
  addOffer(input: BolSimulatorOfferInput): SimulatedBolOffer {
    const offer = buildOffer(this.state, input, this.#options.clock.now());
    this.state.offers.set(offer.offerId, offer);
    return offer;
  }

  /**
   * Adds an order for offers in the account (prices from the offers unless given).
   *
   * @example
   * ```ts
   * const order = simulator.addOrder({ items: [{ offerId: offer.offerId, quantity: 2 }] });
   * ```
   */
  addOrder(input: BolSimulatorOrderInput): BolOrder {
    const order = buildOrder(this.state, input, this.#options.clock.now());
    this.state.orders.set(order.orderId, order);
    const { placedAt: _placedAt, ...answer } = order;
    return answer;
  }

  /** Settles every process status whose time has come (also done on every request). */
  settle(): void {
    this.#statuses.settleDue();
  }

  /** Makes every access token issued so far invalid (the next call with one gets 401). */
  expireTokens(): void {
    this.#login.expireAll();
  }

  /** The key pair that signs pushed events (created on first use). */
  signingKeys(): Promise<BolSigningKeys> {
    this.#keys ??= createBolSigningKeys('0');
    return this.#keys;
  }

  /**
   * A pushed event as bol.com would POST it to a webhook subscription: body and `signature`
   * header.
   *
   * @example
   * ```ts
   * const push = simulator.outbox.shift()!;
   * const { headers, body } = await simulator.signedPush(push);
   * const outcome = await processor.receive('bol', { headers, body });
   * ```
   */
  async signedPush(
    push: SimulatedPush | SimulatedPush['body'],
  ): Promise<{ headers: Record<string, string>; body: string }> {
    return signBolNotification(await this.signingKeys(), 'subscriptionId' in push ? push.body : push);
  }

  /** Counters since creation (or the last `resetStats`). */
  stats(): BolSimulatorStats {
    const { requests, throttled, unauthorized } = this.#counters;
    return {
      requests,
      throttled,
      tokens: this.#login.issued,
      unauthorized,
      groups: this.#windows.stats(),
      processStatuses: { ...this.#statuses.counts },
    };
  }

  /** Forgets the windows and the counters (not the data). */
  resetStats(): void {
    this.#windows.reset();
    this.#login.issued = 0;
    this.#counters = { requests: 0, throttled: 0, unauthorized: 0 };
    this.#statuses.counts = { created: 0, SUCCESS: 0, FAILURE: 0, TIMEOUT: 0 };
  }
}
