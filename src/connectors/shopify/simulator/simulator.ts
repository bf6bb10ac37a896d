import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import { systemClock, type Clock } from '../../../core/clock.js';
import {
  SHOPIFY_PLAN_LIMITS,
  type ShopifyCostLimits,
  type ShopifyPlan,
  type ShopifyThrottleStatus,
} from '../cost-planner.js';
import { estimateQueryCost } from '../query-cost.js';
import type { ShopifyOperationName } from '../operation-names.js';
import { adminResolvers } from './admin.js';
import { bulkResult, SIM_BULK_BASE_URL } from './bulk.js';
import { addVariant, catalogResolvers } from './catalog.js';
import { inventoryResolvers } from './inventory.js';
import { oauthHandler, type SimIssuedTokens, type SimOAuthOptions } from './oauth.js';
import { orderResolvers } from './orders.js';
import { SimGraphqlError, type SimResolver } from './resolver.js';
import { createSimState, levelKey, nextId, type ShopifySimState, type SimOrder } from './state.js';

/**
 * Options of {@link ShopifySimulator}.
 *
 * @example
 * ```ts
 * const options: ShopifySimulatorOptions = { plan: 'standard', products: 100, variantsPerProduct: 2, clock };
 * ```
 *
 * @category Simulator
 */
export interface ShopifySimulatorOptions {
  /** The shop's myshopify domain (default `sim-shop.myshopify.com`). */
  shop?: string;
  /** The Admin API access token the shop accepts (default `shpat_simulator`). */
  accessToken?: string;
  /** Time for the cost bucket and timestamps (default: the system clock). */
  clock?: Clock;
  /** The plan whose budget the bucket enforces (default `standard`). */
  plan?: ShopifyPlan;
  /** Overrides the plan's budget, e.g. a tiny bucket for tests. */
  limits?: ShopifyCostLimits;
  /** Largest cost of a single query (default 1000). */
  singleQueryMaxCost?: number;
  /** The shop's currency (default `EUR`). */
  currency?: string;
  /** Number of locations (default 1). */
  locations?: number;
  /** Products to seed (default 0), each with `variantsPerProduct` variants (default 1). */
  products?: number;
  variantsPerProduct?: number;
  /** Available stock of every seeded variant at every location (default 10). */
  initialAvailable?: number;
  /** Polls a bulk operation takes to complete (default 2). */
  bulkPollsToComplete?: number;
  /** When set, every response carries `X-Shopify-API-Deprecated-Reason` with this value. */
  deprecatedReason?: string;
  /**
   * The oldest API version the shop still serves (default `2025-10`). A request for an older
   * version is served with this one, and says so in `X-Shopify-API-Version`, as Shopify falls
   * forward when a version leaves support.
   */
  oldestSupportedVersion?: string;
  /** The app credentials the OAuth endpoint accepts. */
  oauth?: SimOAuthOptions;
}

/**
 * What the simulator counted.
 *
 * @category Simulator
 */
export interface ShopifySimulatorStats {
  /** GraphQL requests received. */
  requests: number;
  /** Requests answered THROTTLED. */
  throttled: number;
  /** Requests refused for exceeding the single-query maximum. */
  maxCostExceeded: number;
  /** Points actually spent. */
  costSpent: number;
  /** Requests per operation name. */
  byOperation: Record<string, number>;
}

/**
 * A stateful Shopify Admin GraphQL API for msw: it enforces the cost bucket (requested cost
 * reserved, actual cost refunded, THROTTLED with HTTP 200 and no `data` when the bucket is
 * short, MAX_COST_EXCEEDED above the single-query maximum), answers with Shopify's shapes
 * (`extensions.cost`, `userErrors`, stale compare quantities), and keeps products, stock,
 * orders, webhooks and bulk operations so a full sync can run against it.
 *
 * @example
 * ```ts
 * const simulator = new ShopifySimulator({ products: 50, clock });
 * const server = setupServer(...simulator.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * const shopify = new ShopifyMarketplace({ shop: simulator.shop, accessToken: simulator.accessToken }, { clock });
 * ```
 *
 * @category Simulator
 */
export class ShopifySimulator {
  /** The msw handlers: GraphQL endpoint, bulk downloads and OAuth. */
  readonly handlers: HttpHandler[];
  /** The shop's state; tests may read and change it. */
  readonly state: ShopifySimState;
  readonly #stats: ShopifySimulatorStats = {
    requests: 0,
    throttled: 0,
    maxCostExceeded: 0,
    costSpent: 0,
    byOperation: {},
  };
  /** The shop's myshopify domain. */
  readonly shop: string;
  /** The access token the shop accepts. */
  readonly accessToken: string;
  readonly #clock: Clock;
  readonly #limits: ShopifyCostLimits;
  readonly #maxCost: number;
  readonly #resolvers: Record<string, SimResolver>;
  #bucket: { tokens: number; at: number };
  #forcedThrottles = 0;
  #forcedFailures: number[] = [];
  #lostResponses = 0;
  #failedAttempts = 0;
  readonly #issued: SimIssuedTokens = new Map();
  readonly #hooks = new Map<string, ((state: ShopifySimState, variables: Record<string, unknown>) => void)[]>();

  /** @param options - shop, plan, seed data and clock */
  constructor(private readonly options: ShopifySimulatorOptions = {}) {
    this.shop = options.shop ?? 'sim-shop.myshopify.com';
    this.accessToken = options.accessToken ?? 'shpat_simulator';
    this.#clock = options.clock ?? systemClock;
    this.#limits = options.limits ?? SHOPIFY_PLAN_LIMITS[options.plan ?? 'standard'];
    this.#maxCost = options.singleQueryMaxCost ?? 1000;
    this.#bucket = { tokens: this.#limits.maximumAvailable, at: this.#clock.now() };
    this.state = createSimState(options.currency ?? 'EUR', options.locations ?? 1);
    this.#resolvers = {
      ...catalogResolvers,
      ...inventoryResolvers,
      ...orderResolvers,
      ...adminResolvers(this.shop, options.bulkPollsToComplete ?? 2),
    };
    if (options.products)
      this.seedCatalog(options.products, options.variantsPerProduct ?? 1, options.initialAvailable ?? 10);
    this.handlers = [
      http.post(`https://${this.shop}/admin/api/:version/graphql.json`, async ({ request, params }) =>
        this.#graphql(request, String(params.version)),
      ),
      http.get(`${SIM_BULK_BASE_URL}/:file`, ({ params }) => {
        const body = bulkResult(this.state, Number(String(params.file).replace(/\.jsonl$/, '')));
        return body === undefined
          ? new HttpResponse('NoSuchKey', { status: 404 })
          : new HttpResponse(body, { headers: { 'content-type': 'application/jsonl' } });
      }),
      oauthHandler(this.shop, options.oauth, this.#clock, this.#issued),
    ];
  }

  /**
   * What the simulator has served so far: requests, throttled answers, cost spent and calls per
   * operation (a copy; later calls do not change it).
   *
   * @example
   * ```ts
   * expect(simulator.stats().byOperation.MbProducts).toBe(1);
   * ```
   */
  stats(): ShopifySimulatorStats {
    return structuredClone(this.#stats);
  }

  /** The GraphQL endpoint for an API version. */
  endpoint(version: string): string {
    return `https://${this.shop}/admin/api/${version}/graphql.json`;
  }

  /** Adds `count` products with `variantsPerProduct` variants each (SKUs `SKU-<n>`). */
  seedCatalog(count: number, variantsPerProduct = 1, available = 10): void {
    const now = new Date(this.#clock.now()).toISOString();
    for (let p = 0; p < count; p++) {
      const product = {
        id: nextId(this.state),
        title: `Product ${this.state.products.size + 1}`,
        descriptionHtml: '',
        vendor: 'Sim',
        status: 'ACTIVE' as const,
        productType: '',
        updatedAt: now,
        variantIds: [],
      };
      this.state.products.set(product.id, product);
      for (let v = 0; v < variantsPerProduct; v++) {
        const sku = `SKU-${this.state.variantsBySku.size + 1}`;
        const options = variantsPerProduct > 1 ? [{ name: 'Size', value: `S${v + 1}` }] : undefined;
        addVariant(
          this.state,
          product,
          { sku, price: `${10 + (v % 10)}.99`, ...(options ? { options } : {}) },
          available,
          now,
        );
      }
    }
  }

  /** A buyer orders: commits stock at the location and opens a fulfillment order. */
  placeOrder(input: {
    lines: { sku: string; quantity: number }[];
    locationId?: number;
    shipping?: string;
    tax?: string;
  }): SimOrder {
    const now = new Date(this.#clock.now()).toISOString();
    const locationId = input.locationId ?? 1;
    const id = nextId(this.state);
    const lines = input.lines.map((line) => {
      const variant = this.state.variantsBySku.get(line.sku);
      if (!variant) throw new Error(`No variant with SKU ${line.sku} in the simulated shop.`);
      const level = this.state.levels.get(levelKey(variant.inventoryItemId, locationId));
      if (level) {
        level.available -= line.quantity;
        level.committed += line.quantity;
        level.updatedAt = now;
      }
      return {
        id: nextId(this.state) * 2,
        sku: line.sku,
        title: this.state.products.get(variant.productId)!.title,
        quantity: line.quantity,
        currentQuantity: line.quantity,
        fulfilled: 0,
        unitPrice: variant.price,
        inventoryItemId: variant.inventoryItemId,
      };
    });
    const order: SimOrder = {
      id,
      name: `#${1000 + this.state.orders.size + 1}`,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      email: 'buyer@example.com',
      lines,
      shipping: input.shipping ?? '4.95',
      tax: input.tax ?? '0.00',
      locationId,
      fulfillmentOrderId: nextId(this.state),
      fulfillments: [],
    };
    this.state.orders.set(id, order);
    return order;
  }

  /** Available stock of a SKU at a location (default location 1). */
  available(sku: string, locationId = 1): number | undefined {
    const variant = this.state.variantsBySku.get(sku);
    return variant ? this.state.levels.get(levelKey(variant.inventoryItemId, locationId))?.available : undefined;
  }

  /** Changes available stock behind the connector's back (a sale in the shop's POS, say). */
  setAvailable(sku: string, quantity: number, locationId = 1): void {
    const variant = this.state.variantsBySku.get(sku);
    const level = variant && this.state.levels.get(levelKey(variant.inventoryItemId, locationId));
    if (!level) throw new Error(`SKU ${sku} is not stocked at location ${locationId}.`);
    level.available = quantity;
    level.updatedAt = new Date(this.#clock.now()).toISOString();
  }

  /**
   * Runs `hook` before every request of the operation `name` (the document's operation name)
   * is resolved: simulate a concurrent change between a connector's read and its write.
   * Returns a function that removes the hook.
   *
   * @example
   * ```ts
   * const stop = simulator.before(SHOPIFY_OPERATIONS.inventorySetIdempotent, (state) => { state.levels.clear(); });
   * stop();
   * ```
   */
  before(
    name: ShopifyOperationName,
    hook: (state: ShopifySimState, variables: Record<string, unknown>) => void,
  ): () => void {
    this.#hooks.set(name, [...(this.#hooks.get(name) ?? []), hook]);
    return () =>
      this.#hooks.set(
        name,
        (this.#hooks.get(name) ?? []).filter((entry) => entry !== hook),
      );
  }

  /** Answers the next `count` requests THROTTLED whatever the bucket holds. */
  throttleNext(count = 1): void {
    this.#forcedThrottles += count;
  }

  /** Answers the next requests with these HTTP statuses (e.g. 503, 429). */
  failNext(...statuses: number[]): void {
    this.#forcedFailures.push(...statuses);
  }

  /**
   * Runs the next `count` requests but answers them 503, as if the response was lost on the
   * way back: the write happened, the client does not know.
   */
  loseNextResponse(count = 1): void {
    this.#lostResponses += count;
  }

  /**
   * Makes the next `count` mutations that carry an `@idempotent` key fail inside Shopify (HTTP
   * 500, nothing applied) after the key was taken. From 2026-10 a request that reuses such a key
   * for `inventorySetQuantities` is answered `IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED` ("retry with
   * a new idempotency key"); on older versions, and for other mutations, it runs anew.
   */
  failNextAttempt(count = 1): void {
    this.#failedAttempts += count;
  }

  /** The API version a request for `requested` is served with. */
  servedVersion(requested: string): string {
    const oldest = this.options.oldestSupportedVersion ?? '2025-10';
    return requested !== 'unstable' && requested < oldest ? oldest : requested;
  }

  /** The bucket as `throttleStatus` reports it now. */
  throttleStatus(): ShopifyThrottleStatus {
    this.#refill();
    return {
      maximumAvailable: this.#limits.maximumAvailable,
      currentlyAvailable: Math.floor(this.#bucket.tokens),
      restoreRate: this.#limits.restoreRate,
    };
  }

  #accepts(token: string | null): boolean {
    if (!token) return false;
    if (token === this.accessToken) return true;
    if (!this.#issued.has(token)) return false;
    const expiresAt = this.#issued.get(token);
    return expiresAt === undefined || expiresAt > this.#clock.now();
  }

  #refill(): void {
    const now = this.#clock.now();
    const elapsed = Math.max(0, now - this.#bucket.at) / 1000;
    this.#bucket = {
      tokens: Math.min(this.#limits.maximumAvailable, this.#bucket.tokens + elapsed * this.#limits.restoreRate),
      at: now,
    };
  }

  #headers(version?: string): Record<string, string> {
    const headers: Record<string, string> = { 'x-request-id': `sim-${this.#stats.requests}` };
    if (version) headers['x-shopify-api-version'] = version;
    if (this.options.deprecatedReason) headers['x-shopify-api-deprecated-reason'] = this.options.deprecatedReason;
    return headers;
  }

  async #graphql(request: Request, requestedVersion: string): Promise<Response> {
    this.#stats.requests++;
    const version = this.servedVersion(requestedVersion);
    const headers = () => this.#headers(version);
    const failure = this.#forcedFailures.shift();
    if (failure !== undefined) {
      return HttpResponse.json(
        {
          errors:
            failure === 429
              ? 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.'
              : 'Internal Server Error',
        },
        {
          status: failure,
          headers: { ...headers(), ...(failure === 429 ? { 'retry-after': '1.0' } : {}) },
        },
      );
    }
    if (!this.#accepts(request.headers.get('x-shopify-access-token'))) {
      return HttpResponse.json(
        { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
        { status: 401, headers: headers() },
      );
    }
    const body = (await request.json().catch(() => ({}))) as { query?: string; variables?: Record<string, unknown> };
    const query = String(body.query ?? '');
    const variables = body.variables ?? {};
    const name = /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? '';
    this.#stats.byOperation[name] = (this.#stats.byOperation[name] ?? 0) + 1;
    const requested = estimateQueryCost(query, variables);
    this.#refill();
    const cost = (actual: number | null) => ({
      cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.throttleStatus() },
    });
    if (requested > this.#maxCost) {
      this.#stats.maxCostExceeded++;
      return HttpResponse.json(
        {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${this.#maxCost}).`,
              extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: this.#maxCost },
            },
          ],
          extensions: cost(null),
        },
        { headers: headers() },
      );
    }
    if (this.#forcedThrottles > 0 || this.#bucket.tokens < requested) {
      if (this.#forcedThrottles > 0) this.#forcedThrottles--;
      this.#stats.throttled++;
      return HttpResponse.json(
        {
          errors: [
            {
              message: 'Throttled',
              extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
            },
          ],
          extensions: cost(null),
        },
        { headers: headers() },
      );
    }
    this.#bucket.tokens -= requested;
    const resolver = this.#resolvers[name];
    const idempotencyKey = /@idempotent\(\s*key:\s*\$([_A-Za-z][_0-9A-Za-z]*)\s*\)/.exec(query)?.[1];
    try {
      if (!resolver) throw new SimGraphqlError(`The simulator does not know operation "${name}".`, 'UNKNOWN_OPERATION');
      for (const hook of this.#hooks.get(name) ?? []) hook(this.state, variables);
      const keyValue = idempotencyKey ? variables[idempotencyKey] : undefined;
      const keyed = typeof keyValue === 'string';
      const failAttempt = () => this.#failedAttempts > 0 && this.#failedAttempts-- > 0;
      const result = resolver({
        state: this.state,
        variables,
        query,
        version,
        now: new Date(this.#clock.now()).toISOString(),
        ...(keyed ? { idempotencyKey: keyValue, failAttempt } : {}),
      });
      const actual =
        result.returned === undefined ? requested : estimateQueryCost(query, { ...variables, first: result.returned });
      const spent = Math.min(requested, actual);
      this.#bucket.tokens += requested - spent;
      this.#stats.costSpent += spent;
      if (this.#lostResponses > 0) {
        this.#lostResponses--;
        return HttpResponse.json({ errors: 'Service Unavailable' }, { status: 503, headers: headers() });
      }
      return HttpResponse.json({ data: result.data, extensions: cost(spent) }, { headers: headers() });
    } catch (error) {
      if (!(error instanceof SimGraphqlError)) throw error;
      this.#bucket.tokens += requested - 1;
      this.#stats.costSpent += 1;
      return HttpResponse.json(
        { errors: [{ message: error.message, extensions: { code: error.code } }], extensions: cost(1) },
        { status: error.status, headers: headers() },
      );
    }
  }
}
