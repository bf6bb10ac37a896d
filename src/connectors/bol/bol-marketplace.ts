import type { Keyring } from '../../auth/keyring.js';
import type { AuthHook } from '../../core/auth-hook.js';
import { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import { toBatchResult, type BatchResult } from '../../core/batch.js';
import type { CapabilityDeclaration } from '../../core/capabilities.js';
import type { Context } from '../../core/context.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import { fnv1a32 } from '../../core/hash.js';
import type { HealthStatus, InventoryQuery, ListOrdersQuery, ListProductsQuery } from '../../core/queries.js';
import type { OperationOptions } from '../../core/types.js';
import { OperationLedger } from '../../http/ledger.js';
import { InventorySetSchema, type InventoryLevel, type InventorySet } from '../../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../../model/offer.js';
import { CancelOrderRequestSchema, type CancelOrderRequest, type Order } from '../../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { ShipmentSchema, type Shipment } from '../../model/shipment.js';
import { createBolAuth } from './auth.js';
import { BolClient } from './client.js';
import { BolConfigSchema, type BolConfig, type ResolvedBolConfig } from './config.js';
import { resolveBolEndpoints, type BolEndpoints } from './endpoints.js';
import { factsOfRetailerOffer, offerToProduct } from './mapper/offer.js';
import { BolNotifications } from './notifications/subscriptions.js';
import { BolOfferIndex } from './offers-export/offer-index.js';
import { getBolInventory } from './operations/inventory.js';
import { exportOffers, refreshOfferIndex } from './operations/offer-export.js';
import { offersBySku } from './operations/offers-by-sku.js';
import { getBolOrder, listBolOrders, listOrderSummaries } from './operations/orders.js';
import { bolRateLimitPlan } from './limits.js';
import { SettledStatusCache } from './process-status/settled-cache.js';
import { getOfferRequest } from './requests/offers.js';
import { getRetailerRequest } from './requests/retailer.js';
import type { BolRuntime } from './runtime.js';
import type { BolPricing, BolReducedOrder, BolRetailerOffer } from './types.js';
import type { BolWriteOptions } from './writes/by-sku.js';
import { cancelOrderItems, shipOrderItems } from './writes/order-writes.js';
import { deleteOffers, upsertOffers } from './writes/offers.js';
import { setBundlePrices, setPrices, type BolBundlePriceUpdate } from './writes/prices.js';
import { setStock } from './writes/stock.js';

/**
 * Per-instance extras of {@link BolMarketplace}.
 *
 * @example
 * ```ts
 * new BolMarketplace(config, context, { keyring });
 * ```
 *
 * @category Marketplace
 */
export interface BolMarketplaceOptions {
  /** Encrypts the stored access tokens. */
  keyring?: Keyring;
}

/**
 * bol.com's Retailer API v10 as a marketbridge marketplace: offers (listed through the offers
 * export, read, created, updated, deleted), prices (bundle prices, exact euro cents), stock
 * (0–999 per offer), orders (open orders by fulfilment method, each with its items),
 * shipments with transport and track-and-trace, cancellations per order item with reason
 * codes, push subscriptions, and a health check. Every write is answered by a process status
 * that the connector polls (in bulk, with backoff and a deadline) and reports per item; writes
 * under a key are recorded in the operation ledger first, so a crash never makes them go out
 * twice. Requests are paced by per-endpoint fixed windows learned from bol.com's
 * `x-ratelimit-*` headers.
 *
 * @example
 * ```ts
 * const bol = new BolMarketplace({ clientId: process.env.BOL_CLIENT_ID!, clientSecret: process.env.BOL_CLIENT_SECRET! });
 * const result = await bol.setInventory([{ sku: '8712626055143', quantity: 12 }]);
 * for (const item of result.items) if (!item.ok) console.warn(item.input.sku, item.error.message);
 * ```
 *
 * @category Marketplace
 */
export class BolMarketplace extends BaseMarketplaceAPI {
  readonly platform = 'bol';
  /** Validated configuration (credentials included: never log it). */
  readonly config: ResolvedBolConfig;
  /** Where requests go. */
  readonly endpoints: BolEndpoints;
  /** The client on the request pipeline. */
  readonly client: BolClient;
  /** The auth stage in use. */
  readonly auth: AuthHook;
  /** Push subscriptions and their signature keys. */
  readonly notifications: BolNotifications;
  readonly #runtime: BolRuntime;

  /**
   * @param config - connector configuration (validated here; every problem reported at once)
   * @param context - dependencies
   * @param options - token encryption
   */
  constructor(config: BolConfig, context: Context = {}, options: BolMarketplaceOptions = {}) {
    super(context);
    const parsed = BolConfigSchema.safeParse(config);
    if (!parsed.success)
      throw ValidationError.fromZod('config for marketplace "bol"', parsed.error, { platform: 'bol' });
    this.config = parsed.data;
    this.endpoints = resolveBolEndpoints({ environment: this.config.environment, endpoints: this.config.endpoints });
    const ctx = this.context;
    this.auth =
      this.config.auth ??
      createBolAuth(
        { clientId: this.config.clientId!, clientSecret: this.config.clientSecret!, tokenUrl: this.endpoints.token },
        ctx,
        {
          // `timeoutMs: 0` means no timeouts at all, token requests included.
          requestTimeoutMs: this.config.timeoutMs === 0 ? 0 : Math.min(this.config.timeoutMs, 10_000),
          ...(options.keyring ? { keyring: options.keyring } : {}),
        },
      );
    this.client = new BolClient({
      context: ctx,
      endpoints: this.endpoints,
      auth: this.auth,
      limits: bolRateLimitPlan(this.config.limits, this.config.sharedBudget),
      retry: { limit: this.config.retries },
      timeoutMs: this.config.timeoutMs,
      ...(this.config.clientSecret ? { secrets: [this.config.clientSecret] } : {}),
    });
    const prefix = `mb:bol:${ctx.tenantId}:${fnv1a32(`${this.config.environment}:${this.config.clientId ?? 'auth'}`).toString(36)}`;
    this.#runtime = {
      client: this.client,
      config: this.config,
      context: ctx,
      ledger: new OperationLedger({ store: ctx.store, clock: ctx.clock, prefix: `${prefix}:ledger` }),
      offers: new BolOfferIndex(ctx.store, ctx.clock, `${prefix}:offer-index`),
      settled: new SettledStatusCache(ctx.store, prefix, 7 * 86_400_000),
      prefix,
    };
    this.notifications = new BolNotifications(this.#runtime);
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    // One request per item either way; 1,000 is what one bulk process status query covers.
    return {
      maxBatchSize: {
        setInventory: 1000,
        updatePrices: 1000,
        upsertProducts: 1000,
        deleteProducts: 1000,
        confirmShipment: 100,
        cancelOrder: 100,
      },
      inventoryCompareAndSet: false,
      idempotentAdjustments: false,
      idempotentSets: true,
    };
  }

  #progress(operation: 'setInventory' | 'updatePrices', total: number): () => void {
    let done = 0;
    return () => this.reportProgress(operation, ++done, total, 0);
  }

  /** Every offer, from the offers export (one export job, resumed if one is running). */
  override async *listProducts(query: ListProductsQuery = {}, options: OperationOptions = {}): AsyncIterable<Product> {
    const since = query.updatedSince ? Date.parse(query.updatedSince) : undefined;
    for await (const facts of exportOffers(this.#runtime, options.signal)) {
      const product = offerToProduct(facts, this.config.identifier);
      if (product.isErr()) {
        this.context.logger.warn('bol.com offer skipped', { offerId: facts.offerId, reason: product.error.message });
        continue;
      }
      if (query.status && product.value.status !== query.status) continue;
      if (since !== undefined && (!product.value.updatedAt || Date.parse(product.value.updatedAt) < since)) continue;
      yield product.value;
    }
  }

  /**
   * One offer by offer id. An answer the connector cannot read as an offer (no offer id or
   * EAN, no unit price for quantity 1, no SKU under `identifier`) rejects with a
   * `MarketplaceApiError` that is not retryable.
   */
  override async getProduct(id: string, options: OperationOptions = {}): Promise<Product> {
    const { data } = await this.client.send<BolRetailerOffer>(getOfferRequest(id), options.signal);
    const unreadable = (reason: string) =>
      new MarketplaceApiError(`bol.com answered offer ${id} in a shape the connector cannot read: ${reason}`, {
        platform: 'bol',
        operation: 'getProduct',
        retryable: false,
      });
    if (typeof data?.offerId !== 'string' || typeof data.ean !== 'string')
      throw unreadable('it has no offerId or ean.');
    const product = offerToProduct(factsOfRetailerOffer(data), this.config.identifier);
    if (product.isErr()) throw unreadable(product.error.message);
    return product.value;
  }

  /**
   * Offers by SKU (EAN or reference, as `identifier` says): the offer index names the offers,
   * each is then read fresh with `GET /retailer/offers/{offer-id}`. bol.com has no lookup by
   * EAN or reference, so a SKU missing from a cold index (or one older than `offerIndexTtlMs`)
   * makes one asynchronous offers export first, which can take minutes: call
   * `refreshOfferIndex()` at start-up to keep it off agents' actions. The product id is the
   * offer id; an EAN offered in two conditions matches twice; unknown SKUs are absent.
   */
  override getOffersBySku(skus: readonly string[], options: OperationOptions = {}): Promise<OfferMatch[]> {
    return offersBySku(this.#runtime, skus, options.signal);
  }

  /** Creates offers (products without `id`) and updates the others; see `upsertOffers`. */
  override async upsertProducts(
    products: readonly ProductInput[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<ProductInput, Product>> {
    const valid = this.parseBatch('upsertProducts', ProductInputSchema, products);
    const outcomes = await upsertOffers(this.#runtime, valid as never, options);
    return toBatchResult(outcomes.map((outcome) => ({ ...outcome, input: products[outcome.index]! })));
  }

  /** Deletes offers by offer id. */
  override async deleteProducts(
    ids: readonly string[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<string, string>> {
    const issues = Array.isArray(ids)
      ? ids.flatMap((id, index) =>
          typeof id === 'string' && id.length > 0 ? [] : [{ path: [index], message: 'Expected a bol.com offer id.' }],
        )
      : [{ path: [], message: 'Expected an array of offer ids.' }];
    if (issues.length > 0)
      throw new ValidationError('input of deleteProducts()', issues, { platform: 'bol', operation: 'deleteProducts' });
    return toBatchResult(await deleteOffers(this.#runtime, ids, options));
  }

  /** Sets each SKU's unit price (its only bundle price); see `setPrices`. */
  override async updatePrices(
    updates: readonly PriceUpdate[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return toBatchResult(await setPrices(this.#runtime, valid, options, this.#progress('updatePrices', valid.length)));
  }

  /**
   * Sets volume prices (1 to 4 tiers per SKU), checked against bol.com's rules per item before
   * anything is sent.
   *
   * @example
   * ```ts
   * await bol.updateBundlePrices([{ sku: '8712626055143', bundlePrices: [{ quantity: 1, unitPrice: money(1299, 'EUR') }, { quantity: 3, unitPrice: money(1199, 'EUR') }] }]);
   * ```
   */
  async updateBundlePrices(
    updates: readonly BolBundlePriceUpdate[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<BolBundlePriceUpdate, BolPricing>> {
    const issues = Array.isArray(updates)
      ? updates.flatMap((update, index) =>
          typeof update?.sku === 'string' && update.sku.length > 0 && Array.isArray(update.bundlePrices)
            ? []
            : [{ path: [index], message: 'Expected { sku, bundlePrices: [{ quantity, unitPrice }] }.' }],
        )
      : [{ path: [], message: 'Expected an array of bundle price updates.' }];
    if (issues.length > 0)
      throw new ValidationError('input of updateBundlePrices()', issues, {
        platform: 'bol',
        operation: 'updatePrices',
      });
    return toBatchResult(
      await setBundlePrices(this.#runtime, updates, options, this.#progress('updatePrices', updates.length)),
    );
  }

  /** Stock of FBR offers (retailer stock) and FBB offers (bol.com warehouses); see `getBolInventory`. */
  override async getInventory(query: InventoryQuery, options: OperationOptions = {}): Promise<InventoryLevel[]> {
    return getBolInventory(this.#runtime, query, options.signal);
  }

  /**
   * Absolute stock writes (0–999 per offer); see `setStock`. bol.com has no compare-and-set:
   * items with `expectedVersion`/`expectedAvailable` reject the whole batch.
   */
  override async setInventory(
    updates: readonly InventorySet[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    const valid = this.parseBatch('setInventory', InventorySetSchema, updates);
    const compare = valid.flatMap((update, index) =>
      update.expectedVersion !== undefined || update.expectedAvailable !== undefined ? [index] : [],
    );
    if (compare.length > 0) {
      throw new ValidationError(
        'input of setInventory()',
        compare.map((index) => ({
          path: [index, 'expectedVersion'],
          message:
            'bol.com has no compare-and-set for stock; send absolute quantities without expectedVersion/expectedAvailable.',
        })),
        { platform: 'bol', operation: 'setInventory' },
      );
    }
    return toBatchResult(await setStock(this.#runtime, valid, options, this.#progress('setInventory', valid.length)));
  }

  /** Orders (open ones unless `status` asks otherwise), each read with its items. */
  override listOrders(query: ListOrdersQuery = {}, options: OperationOptions = {}): AsyncIterable<Order> {
    return listBolOrders(this.#runtime, query, options.signal);
  }

  /**
   * Orders as `GET /orders` lists them, without prices or addresses: one call per 50 orders.
   *
   * @example
   * ```ts
   * for await (const order of bol.listOrderSummaries({ status: 'OPEN', fulfilmentMethod: 'FBR' })) console.log(order.orderId);
   * ```
   */
  listOrderSummaries(
    query: { status?: 'OPEN' | 'SHIPPED' | 'ALL'; fulfilmentMethod?: 'FBR' | 'FBB' | 'ALL' } = {},
    options: OperationOptions = {},
  ): AsyncIterable<BolReducedOrder> {
    return listOrderSummaries(this.#runtime, query, options.signal);
  }

  /** One order with its items. */
  override async getOrder(id: string, options: OperationOptions = {}): Promise<Order> {
    return (await getBolOrder(this.#runtime, id, options.signal)).order;
  }

  /** Ships order items with transport and track-and-trace; see `shipOrderItems`. */
  override async confirmShipment(
    shipments: readonly Shipment[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<Shipment, Shipment>> {
    return toBatchResult(
      await shipOrderItems(this.#runtime, this.parseBatch('confirmShipment', ShipmentSchema, shipments), options),
    );
  }

  /** Cancels order items with reason codes; see `cancelOrderItems`. */
  override async cancelOrder(
    requests: readonly CancelOrderRequest[],
    options: BolWriteOptions = {},
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    const valid = this.parseBatch('cancelOrder', CancelOrderRequestSchema, requests);
    const outcomes = await cancelOrderItems(this.#runtime, valid, options);
    return toBatchResult(outcomes.map((outcome) => ({ ...outcome, input: requests[outcome.index]! })));
  }

  /**
   * Rebuilds the SKU → offer index from a fresh offers export; resolves how many SKUs it holds.
   *
   * @example
   * ```ts
   * await bol.refreshOfferIndex(); // after creating offers in the seller dashboard
   * ```
   */
  refreshOfferIndex(options: OperationOptions = {}): Promise<number> {
    return refreshOfferIndex(this.#runtime, options.signal);
  }

  /** Reads the connected retailer account (`GET /retailers/current`). */
  override async healthCheck(options: OperationOptions = {}): Promise<HealthStatus> {
    const started = this.context.clock.now();
    const checkedAt = new Date(started).toISOString();
    try {
      await this.client.send(getRetailerRequest(), options.signal);
      return { ok: true, latencyMs: this.context.clock.now() - started, checkedAt };
    } catch (error) {
      return { ok: false, latencyMs: this.context.clock.now() - started, checkedAt, message: (error as Error).message };
    }
  }
}
