import type { HttpHandler } from 'msw';
import { getResponse } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import type { Money } from '../../../model/money.js';
import { createEbayTestKey, signEbayTestRequest, type EbayTestKey } from './test-key.js';
import { EBAY_ENDPOINTS } from '../endpoints.js';
import type { EbayCallLimit } from '../limits.js';
import { ebayMarketplaceInfo } from '../marketplaces.js';
import type { EbayApi } from '../operations-table.js';
import { EBAY_DEFAULT_USER_SCOPES } from '../scopes.js';
import { EbaySimGate, type EbaySimulatorStats } from './gate.js';
import { bulkPriceQuantityHandler } from './handlers-bulk.js';
import { fulfillmentHandlers } from './handlers-fulfillment.js';
import { inventoryHandlers } from './handlers-inventory.js';
import { notificationHandlers } from './handlers-notification.js';
import { oauthHandler, type EbaySimOAuthOptions } from './handlers-oauth.js';
import { offerHandlers } from './handlers-offers.js';
import { postOrderHandlers } from './handlers-post-order.js';
import { simOrder, type EbaySimOrderInput } from './orders.js';
import { createEbaySimRuntime, type EbaySimRuntime } from './runtime.js';
import { emptyEbayState, type EbaySimState } from './state.js';

/**
 * Options of {@link EbaySimulator}.
 *
 * @example
 * ```ts
 * const options: EbaySimulatorOptions = { clock, environment: 'sandbox', limits: { inventory: { callsPerDay: 86_400, burst: 10 } } };
 * ```
 *
 * @category Simulator
 */
export interface EbaySimulatorOptions extends EbaySimOAuthOptions {
  /** Simulated time: call limits, token lifetimes, the 90-day order window (a FakeClock in tests). */
  clock: Clock;
  /** Which eBay hosts to answer on (default `production`). */
  environment?: 'production' | 'sandbox';
  /** Answer on this host instead (an endpoint override of the connector). */
  apiUrl?: string;
  /** The seller's marketplace (default `EBAY_US`): the currency prices must be in. */
  marketplaceId?: string;
  /** Call limits per API (default: eBay's published defaults, as token buckets). */
  limits?: Partial<Record<EbayApi, EbayCallLimit>>;
  /** Revisions of one listing per UTC day (default 250). */
  revisionsPerListingPerDay?: number;
  /** Sends requests to notification endpoints (the endpoint challenge, deliveries); without it destinations are not challenged and nothing is delivered. */
  deliver?: typeof globalThis.fetch;
}

/**
 * A listing to seed: an inventory item with stock and an offer with a price, published unless
 * `published` is false.
 *
 * @category Simulator
 */
export interface EbaySimListingInput {
  sku: string;
  title?: string;
  price: Money;
  quantity?: number;
  /** Quantities per merchant location (the total is their sum). */
  locations?: Record<string, number>;
  condition?: string;
  published?: boolean;
  categoryId?: string;
}

/**
 * A faithful eBay for tests and benchmarks, as msw handlers with state: the token endpoint
 * (user, refresh and application tokens with eBay's lifetimes), the Sell Inventory API
 * (inventory items, offers, publish, locations, bulkGetInventoryItem and bulkUpdatePriceQuantity
 * with its 25-entry limit and per-item statuses), the Sell Fulfillment API (orders with its
 * filter syntax and 90-day window, shipping fulfillments), Post-Order cancellations (IAF
 * tokens) and the Notification API (destinations validated by the endpoint challenge,
 * subscriptions by topic scope, signed deliveries). Every call passes eBay's checks in eBay's
 * error shapes: token scheme, validity, kind and scope; the daily call limit of its API as a
 * token bucket on the simulator's clock (429, errorId 2001); and the revision limit of live
 * listings. `stats()` counts calls, throttled answers and token requests.
 *
 * @example
 * ```ts
 * const simulator = new EbaySimulator({ clock });
 * simulator.addListing({ sku: 'MUG-1', title: 'Mug', price: money(1299, 'USD'), quantity: 5 });
 * setupServer(...simulator.handlers).listen({ onUnhandledRequest: 'error' });
 * const ebay = new EbayMarketplace({ credentials: { clientId: 'app', clientSecret: 'cert', refreshToken: simulator.issueRefreshToken() } }, { clock });
 * ```
 *
 * @category Simulator
 */
export class EbaySimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** The simulated account. */
  readonly state: EbaySimState = emptyEbayState();
  /** The host it answers on. */
  readonly apiUrl: string;
  readonly #gate: EbaySimGate;
  readonly #runtime: EbaySimRuntime;
  #key: Promise<EbayTestKey> | undefined;

  /** @param options - clock, hosts, marketplace, limits and OAuth checks */
  constructor(options: EbaySimulatorOptions) {
    this.apiUrl = (options.apiUrl ?? EBAY_ENDPOINTS[options.environment ?? 'production'].api).replace(/\/+$/, '');
    const marketplace = ebayMarketplaceInfo(options.marketplaceId ?? 'EBAY_US') ?? ebayMarketplaceInfo('EBAY_US')!;
    this.#gate = new EbaySimGate(options.clock, this.state, options.limits ?? {});
    this.#runtime = createEbaySimRuntime({
      base: this.apiUrl,
      clock: options.clock,
      state: this.state,
      gate: this.#gate,
      marketplaceId: marketplace.id,
      currency: marketplace.currency,
      revisionsPerListingPerDay: options.revisionsPerListingPerDay ?? 250,
      deliver: options.deliver,
    });
    this.handlers = [
      oauthHandler(this.#runtime, options),
      bulkPriceQuantityHandler(this.#runtime),
      ...inventoryHandlers(this.#runtime),
      ...offerHandlers(this.#runtime),
      ...fulfillmentHandlers(this.#runtime),
      ...postOrderHandlers(this.#runtime),
      ...notificationHandlers(this.#runtime, (topicId, destinationId) =>
        this.notify(topicId, { test: true }, { destinationId }),
      ),
    ];
  }

  /**
   * A `fetch` answered by the simulator directly, without installing msw (requests to other
   * hosts fail with a network error), for benchmarks of many thousand calls.
   *
   * @example
   * ```ts
   * const ebay = new EbayMarketplace(config, { clock, fetch: simulator.fetch });
   * ```
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse(this.handlers, request);
    if (!response)
      throw new TypeError(`fetch failed: the eBay simulator does not answer ${request.method} ${request.url}`);
    return response;
  };

  /** Stores a seller's consent and returns the authorization code eBay's redirect would carry. */
  issueAuthorizationCode(scopes: readonly string[] = EBAY_DEFAULT_USER_SCOPES): string {
    const code = `v^1.1#i^1#sim-code-${this.#runtime.nextId()}`;
    this.state.codes.set(code, { scopes: [...scopes] });
    return code;
  }

  /** A refresh token for a seller who consented to `scopes` (to configure a connector with). */
  issueRefreshToken(scopes: readonly string[] = EBAY_DEFAULT_USER_SCOPES, lifetimeSeconds = 47_304_000): string {
    const token = `v^1.1#i^1#sim-refresh-${this.#runtime.nextId()}`;
    this.state.refreshTokens.set(token, {
      scopes: [...scopes],
      expiresAt: this.#runtime.clock.now() + lifetimeSeconds * 1000,
    });
    return token;
  }

  /** Makes every access token issued so far invalid (401, errorId 1001). */
  expireAccessTokens(): void {
    for (const token of this.state.accessTokens.values()) token.expiresAt = 0;
  }

  /** Adds (or replaces) a listing: inventory item, offer and, unless unpublished, a live listing. */
  addListing(listing: EbaySimListingInput): { offerId: string; listingId?: string } {
    const locations = Object.entries(listing.locations ?? {});
    const quantity =
      locations.length > 0 ? locations.reduce((sum, [, value]) => sum + value, 0) : (listing.quantity ?? 0);
    this.state.items.set(listing.sku, {
      sku: listing.sku,
      locale: 'en_US',
      item: {
        condition: listing.condition ?? 'NEW',
        product: { title: listing.title ?? listing.sku },
        availability: {
          shipToLocationAvailability: {
            quantity,
            ...(locations.length > 0
              ? {
                  availabilityDistributions: locations.map(([merchantLocationKey, value]) => ({
                    merchantLocationKey,
                    quantity: value,
                  })),
                }
              : {}),
          },
        },
      },
    });
    for (const offer of this.state.offers.ofSku(listing.sku)) this.state.offers.delete(offer.offerId);
    const offerId = this.#runtime.nextId();
    const published = listing.published ?? true;
    const listingId = published ? String(110_000_000_000 + ++this.state.sequence) : undefined;
    this.state.offers.set(offerId, {
      offerId,
      sku: listing.sku,
      marketplaceId: this.#runtime.marketplaceId,
      format: 'FIXED_PRICE',
      status: published ? 'PUBLISHED' : 'UNPUBLISHED',
      price: listing.price,
      body: {
        categoryId: listing.categoryId ?? '20625',
        merchantLocationKey: 'default',
        listingPolicies: { fulfillmentPolicyId: '1', paymentPolicyId: '2', returnPolicyId: '3' },
      },
      ...(listingId ? { listingId, listingStatus: 'ACTIVE' as const } : {}),
    });
    return { offerId, ...(listingId ? { listingId } : {}) };
  }

  /** Adds an order (a sale): builds eBay's order shape and takes the sold units from stock. */
  addOrder(input: EbaySimOrderInput): string {
    const order = simOrder(this.#runtime, input);
    this.state.orders.set(order.orderId!, { order, fulfillments: [] });
    for (const line of order.lineItems ?? []) {
      const item = line.sku ? this.state.items.get(line.sku) : undefined;
      const availability = item?.item.availability?.shipToLocationAvailability;
      if (availability) availability.quantity = Math.max(0, (availability.quantity ?? 0) - (line.quantity ?? 0));
    }
    return order.orderId!;
  }

  /** The signing key of notifications (its public half is served by getPublicKey). */
  async signingKey(): Promise<EbayTestKey> {
    this.#key ??= createEbayTestKey().then((key) => {
      this.state.publicKeys.set(key.kid, key.publicKey);
      return key;
    });
    return this.#key;
  }

  /**
   * Sends a signed notification of `topicId` to every enabled subscription's destination (or
   * only `destinationId`'s) through `deliver`; resolves the HTTP status of each delivery.
   */
  async notify(
    topicId: string,
    data: Record<string, unknown>,
    only: { destinationId?: string } = {},
  ): Promise<{ endpoint: string; status: number }[]> {
    const deliver = this.#runtime.deliver;
    if (!deliver) return [];
    const key = await this.signingKey();
    const results: { endpoint: string; status: number }[] = [];
    for (const subscription of this.state.subscriptions.values()) {
      if (
        subscription.topicId !== topicId ||
        subscription.status !== 'ENABLED' ||
        (only.destinationId && subscription.destinationId !== only.destinationId)
      )
        continue;
      const destination = this.state.destinations.get(subscription.destinationId);
      if (destination?.status !== 'ENABLED') continue;
      const now = new Date(this.#runtime.clock.now()).toISOString();
      const body = JSON.stringify({
        metadata: { topic: topicId, schemaVersion: '1.0', deprecated: false },
        notification: {
          notificationId: crypto.randomUUID(),
          eventDate: now,
          publishDate: now,
          publishAttemptCount: 1,
          data,
        },
      });
      const signed = await signEbayTestRequest({ key, body });
      const response = await deliver(destination.deliveryConfig.endpoint, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      results.push({ endpoint: destination.deliveryConfig.endpoint, status: response.status });
    }
    return results;
  }

  /** Calls, throttled answers, token requests and refused revisions. */
  stats(): EbaySimulatorStats {
    return this.#gate.stats();
  }

  /** Forgets the call budgets and the counters (not the data). */
  resetLimits(): void {
    this.#gate.reset();
  }
}
