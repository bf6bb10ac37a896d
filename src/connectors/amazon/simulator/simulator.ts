import type { HttpHandler } from 'msw';
import { getResponse } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import { AMAZON_OPERATION_LIMITS } from '../limits.generated.js';
import type { AmazonOperationLimit } from '../limits-types.js';
import { LWA_TOKEN_URL } from '../endpoints.js';
import { formatMoney, type Money } from '../../../model/money.js';
import { deriveOffer } from './derive-offer.js';
import { jobHandlers } from './handlers-jobs.js';
import { listingHandlers } from './handlers-listings.js';
import { catalogHandlers } from './handlers-catalog.js';
import { fbaInventoryHandlers } from './handlers-fba-inventory.js';
import { financesV0Handlers } from './handlers-finances-v0.js';
import { notificationsHandlers } from './handlers-notifications.js';
import { tokensHandlers } from './handlers-tokens.js';
import { orderHandlers } from './handlers-orders-v0.js';
import { orderHandlers2026 } from './handlers-orders-2026-01-01.js';
import { financeHandlers2024 } from './handlers-finances-2024-06-19.js';
import { ServerLimiter, type AmazonSimulatorStats } from './limiter.js';
import { LwaTokenIssuer } from './lwa-tokens.js';
import { createRuntime, type SimulatorRuntime } from './runtime.js';
import {
  emptyState,
  type SimulatedCatalogItem,
  type SimulatedListing,
  type SimulatedOrder,
  type SimulatorState,
} from './state.js';

/**
 * Options of {@link AmazonSpApiSimulator}.
 *
 * @example
 * ```ts
 * const options: AmazonSimulatorOptions = { clock, sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER', feedProcessingMs: 120_000 };
 * ```
 *
 * @category Simulator
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

/**
 * A faithful in-memory SP-API for tests and benchmarks, as msw handlers: token buckets with
 * the models' usage plans per operation and per selling partner and application (grantless
 * calls: per application; 429 `QuotaExceeded` when empty, `x-amzn-RateLimit-Limit` on
 * success), Login with Amazon tokens (grantless operations refuse seller tokens and the others
 * refuse grantless ones), Restricted Data Tokens required for v0 buyer data, listings whose
 * attributes follow the Listings Items rules (`replace` rewrites a whole attribute, `merge`
 * changes the instance its selectors name, the B2C offer's price and currency are checked,
 * only the requested `includedData` comes back, offer-only puts must match a catalog ASIN and
 * full puts need a product type and product facts) with `VALIDATION_PREVIEW`, feeds and
 * reports that finish after (fake) time with documents behind pre-signed URLs (reports
 * gzipped; a feed for another seller is refused whole), one set of orders served by Orders v0
 * (NextToken paging) and Orders 2026-01-01 (searchOrders and getOrder with `includedData`),
 * FBA inventory, financial events, catalog items and notifications.
 *
 * @example
 * ```ts
 * const simulator = new AmazonSpApiSimulator({ clock });
 * simulator.addListing({ sku: 'MUG-1', price: { amountMinor: 999, currency: 'USD' }, quantity: 5 });
 * const server = setupServer(...simulator.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @category Simulator
 */
export class AmazonSpApiSimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** The simulated account (listings, orders, jobs, documents, ...). */
  readonly state: SimulatorState = emptyState();
  readonly #limiter: ServerLimiter;
  readonly #runtime: SimulatorRuntime;
  readonly #tokens = new LwaTokenIssuer();

  /** @param options - clock, endpoints, seller, store and timings */
  constructor(options: AmazonSimulatorOptions) {
    const base = (options.baseUrl ?? 'https://sellingpartnerapi-na.amazon.com').replace(/\/+$/, '');
    const plan = (operation: string) =>
      options.limits?.[operation] ??
      (AMAZON_OPERATION_LIMITS as Record<string, AmazonOperationLimit>)[operation] ?? { rate: 1, burst: 1 };
    this.#limiter = new ServerLimiter(options.clock, plan);
    const sendHeader = options.rateLimitHeader ?? true;
    const state = this.state;
    const limiter = this.#limiter;
    const tokens = this.#tokens;
    const marketplaceId = options.marketplaceId ?? 'ATVPDKIKX0DER';
    const runtime = createRuntime({ ...options, base, marketplaceId, sendHeader, plan }, state, limiter, tokens);
    this.#runtime = runtime;
    const tokenUrl = options.tokenUrl ?? LWA_TOKEN_URL;
    this.handlers = [
      tokens.handler(tokenUrl),
      ...listingHandlers(runtime),
      ...jobHandlers(runtime),
      ...orderHandlers(runtime),
      ...orderHandlers2026(runtime),
      ...financeHandlers2024(runtime),
      ...fbaInventoryHandlers(runtime),
      ...financesV0Handlers(runtime),
      ...catalogHandlers(runtime),
      ...tokensHandlers(runtime),
      ...notificationsHandlers(runtime),
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
    if (!response)
      throw new TypeError(`fetch failed: the Amazon simulator does not answer ${request.method} ${request.url}`);
    return response;
  };

  /**
   * Adds (or replaces) a listing and its catalog item. Its `purchasable_offer` holds the B2C
   * offer at `price` plus any `offer` fields (a sale price `discounted_price`,
   * `minimum_seller_allowed_price`, ...); its `fulfillment_availability` holds the `DEFAULT`
   * channel with `quantity` plus any `availability` fields (`lead_time_to_ship_max_days`,
   * `restock_date`), or the store's FBA channel when `fba` is given.
   */
  addListing(listing: {
    sku: string;
    price: Money;
    quantity?: number;
    productType?: string;
    title?: string;
    asin?: string;
    fba?: { fulfillable: number; reserved: number };
    offer?: Record<string, unknown>;
    availability?: Record<string, unknown>;
  }): SimulatedListing {
    const rt = this.#runtime;
    const asin = listing.asin ?? `B${String(this.state.listings.size + 1).padStart(9, '0')}`;
    const title = listing.title ?? listing.sku;
    const productType = listing.productType ?? 'PRODUCT';
    const attributes: Record<string, unknown> = {
      condition_type: [{ value: 'new_new', marketplace_id: rt.marketplaceId }],
      purchasable_offer: [
        {
          marketplace_id: rt.marketplaceId,
          currency: listing.price.currency,
          audience: 'ALL',
          our_price: [{ schedule: [{ value_with_tax: Number(formatMoney(listing.price)) }] }],
          ...listing.offer,
        },
      ],
      fulfillment_availability: [
        listing.fba
          ? { fulfillment_channel_code: rt.afnChannel }
          : { fulfillment_channel_code: 'DEFAULT', quantity: listing.quantity ?? 0, ...listing.availability },
      ],
    };
    const seeded: SimulatedListing = {
      sku: listing.sku,
      asin,
      productType,
      title,
      price: listing.price,
      quantity: 0,
      ...(listing.fba ? { fba: listing.fba } : {}),
      attributes,
      updatedAt: rt.clock.now(),
    };
    const derived = deriveOffer(seeded, rt);
    if (!derived.listing)
      throw new TypeError(`addListing(${listing.sku}): ${derived.issues.map((issue) => issue.message).join('; ')}`);
    this.state.listings.set(listing.sku, derived.listing);
    if (!this.state.catalog.has(asin)) this.state.catalog.set(asin, { asin, title, productType });
    return derived.listing;
  }

  /** Adds an item to the catalog without a listing of the seller: an ASIN to sell offer-only. */
  addCatalogItem(item: { asin: string; title: string; brand?: string; productType?: string }): SimulatedCatalogItem {
    const stored: SimulatedCatalogItem = {
      asin: item.asin,
      title: item.title,
      productType: item.productType ?? 'PRODUCT',
      ...(item.brand ? { brand: item.brand } : {}),
    };
    this.state.catalog.set(stored.asin, stored);
    return stored;
  }

  /**
   * The stock side of a buyer's order: `quantity` units of a merchant-fulfilled listing are
   * taken from its `DEFAULT` channel, as Amazon takes them when an order is placed, and the
   * listing's `lastUpdatedDate` moves to now (to the millisecond, so two sales in one second
   * share the second). Refuses more units than are available, like a listing that is sold out.
   * Add the order itself with {@link addOrder} when a test reads orders too.
   *
   * @example
   * ```ts
   * simulator.sell('MUG-1', 2); // 10 → 8
   * ```
   */
  sell(sku: string, quantity = 1): SimulatedListing {
    const listing = this.state.listings.get(sku);
    if (!listing) throw new TypeError(`sell(${sku}): no such listing.`);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > listing.quantity)
      throw new TypeError(`sell(${sku}, ${quantity}): ${listing.quantity} available.`);
    const channels = (listing.attributes.fulfillment_availability as Record<string, unknown>[] | undefined) ?? [];
    const attributes = {
      ...listing.attributes,
      fulfillment_availability: channels.map((channel) =>
        channel.fulfillment_channel_code === 'DEFAULT'
          ? { ...channel, quantity: listing.quantity - quantity }
          : channel,
      ),
    };
    const sold: SimulatedListing = {
      ...listing,
      attributes,
      quantity: listing.quantity - quantity,
      updatedAt: this.#runtime.clock.now(),
    };
    this.state.listings.set(sku, sold);
    return sold;
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
    this.#tokens.expireAll();
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
