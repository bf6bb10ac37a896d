import type { Result } from 'neverthrow';
import type {
  AuthorizationCallback,
  AuthorizationComplete,
  AuthorizationFailureReason,
  AuthorizationRequest,
} from '../../auth/authorization.js';
import type { Keyring } from '../../auth/keyring.js';
import { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { BatchResult } from '../../core/batch.js';
import type { CapabilityDeclaration } from '../../core/capabilities.js';
import type { Context } from '../../core/context.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { HealthStatus, InventoryQuery, ListOrdersQuery, ListProductsQuery } from '../../core/queries.js';
import type { Failure } from '../../core/result.js';
import type { OperationOptions } from '../../core/types.js';
import { OperationLedger } from '../../http/ledger.js';
import { SkuSchema } from '../../model/scalars.js';
import { InventorySetSchema, type InventoryLevel, type InventorySet } from '../../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../../model/offer.js';
import { CancelOrderRequestSchema, type CancelOrderRequest, type Order } from '../../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { ShipmentSchema, type Shipment } from '../../model/shipment.js';
import { createEbayAuth, type EbayAuth, type EbayConnectionStatus } from './auth.js';
import { EbayClient } from './client.js';
import { EbayConfigSchema, type EbayConfig, type ResolvedEbayConfig } from './config.js';
import { resolveEbayUrls, type EbayUrls } from './endpoints.js';
import { ebayMarketplaceInfo } from './marketplaces.js';
import { EbayNotificationApi } from './notifications/manage.js';
import { EbayOfferIndex } from './offer-index.js';
import { cancelOrders } from './operations/cancellations.js';
import { deleteProducts, publishOffers, upsertProducts } from './operations/catalog-write.js';
import { getProduct, listProducts } from './operations/catalog-read.js';
import { getInventory } from './operations/inventory-read.js';
import { offersBySku } from './operations/offers-by-sku.js';
import { ensureLocation, healthCheck } from './operations/locations.js';
import { getOrder, listOrders } from './operations/orders.js';
import {
  checkPriceQuantityBatch,
  EbayPriceQuantityUpdateSchema,
  updatePriceQuantity,
  type EbayPriceQuantityUpdate,
} from './operations/price-quantity.js';
import { setPrices, setStock } from './operations/prices-and-stock.js';
import { confirmShipments } from './operations/shipments.js';
import { EBAY_BULK_MAX } from './requests/inventory.js';
import { EbayRevisionGuard, type EbayRevisionBudget } from './revisions.js';
import type { EbayRuntime } from './runtime.js';
import type { EbayInventoryLocation } from './types.js';

/**
 * Per-instance extras of {@link EbayMarketplace}.
 *
 * @example
 * ```ts
 * new EbayMarketplace(config, context, { keyring });
 * ```
 *
 * @category Marketplace
 */
export interface EbayMarketplaceOptions {
  /** Encrypts the seller's and the application's tokens in the context's store. */
  keyring?: Keyring;
}

/**
 * eBay as a marketbridge marketplace: the Sell Inventory API (inventory items and offers, with
 * prices and stock through `bulkUpdatePriceQuantity`, 25 SKUs a call), the Sell Fulfillment API
 * (orders of the last 90 days, shipping fulfillments), the Post-Order API (cancellations) and the
 * Notification API, with OAuth tokens refreshed once across processes, daily call limits as
 * token buckets, eBay's errors typed, and eBay's limit on revisions per listing respected before
 * anything is sent.
 *
 * @example
 * ```ts
 * const ebay = new EbayMarketplace({ environment: 'sandbox', credentials: { clientId, clientSecret, refreshToken } });
 * await ebay.updatePriceQuantity([{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }]);
 * for await (const order of ebay.listOrders({ status: ['unshipped'] })) console.log(order.id);
 * ```
 *
 * @category Marketplace
 */
export class EbayMarketplace extends BaseMarketplaceAPI {
  readonly platform = 'ebay';
  /** The validated configuration (credentials included: never log it). */
  readonly config: ResolvedEbayConfig;
  /** The URLs in use (environment and overrides). */
  readonly urls: EbayUrls;
  /** The REST client on the request pipeline. */
  readonly client: EbayClient;
  /** The seller's and the application's OAuth tokens. */
  readonly auth: EbayAuth;
  /** Notification destinations, subscriptions and the signature verifier. */
  readonly notifications: EbayNotificationApi;
  readonly #runtime: EbayRuntime;

  /**
   * @param config - validated here; every problem is reported at once
   * @param context - dependencies (fetch, store, lock, clock, events, ...)
   * @param options - keyring
   */
  constructor(config: EbayConfig, context: Context = {}, options: EbayMarketplaceOptions = {}) {
    super(context);
    const parsed = EbayConfigSchema.safeParse(config);
    if (!parsed.success)
      throw ValidationError.fromZod('config for marketplace "ebay"', parsed.error, { platform: 'ebay' });
    this.config = parsed.data;
    const marketplace = ebayMarketplaceInfo(this.config.marketplaceId)!;
    this.urls = resolveEbayUrls(this.config.environment, this.config.endpoints);
    const { credentials } = this.config;
    this.auth = createEbayAuth({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      ruName: credentials.ruName,
      refreshToken: credentials.refreshToken,
      refreshTokenExpiresAt: credentials.refreshTokenExpiresAt,
      urls: this.urls,
      scopes: this.config.scopes,
      connectionId: this.config.connectionId,
      context: this.context,
      requestTimeoutMs: this.config.timeoutMs === 0 ? 0 : Math.min(this.config.timeoutMs, 10_000),
      ...(options.keyring ? { keyring: options.keyring } : {}),
    });
    this.client = new EbayClient({
      apiUrl: this.urls.api,
      marketplaceId: marketplace.id,
      context: this.context,
      auth: this.auth,
      ...(this.config.limits ? { limits: this.config.limits } : {}),
      sharedBudget: this.config.sharedBudget,
      retries: this.config.retries,
      timeoutMs: this.config.timeoutMs,
    });
    this.notifications = new EbayNotificationApi(this.client, this.context.clock);
    const { store, clock, tenantId } = this.context;
    this.#runtime = {
      client: this.client,
      config: this.config,
      context: this.context,
      marketplace,
      contentLanguage: this.config.contentLanguage ?? marketplace.language,
      offers: new EbayOfferIndex(store, tenantId, marketplace.id),
      revisions: new EbayRevisionGuard(store, clock, tenantId, this.config.revisionsPerListingPerDay),
      ledger: new OperationLedger({ store, clock }),
      mapping: { marketplaceId: marketplace.id, mapping: this.config.mapping },
    };
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    return {
      maxBatchSize: { updatePrices: EBAY_BULK_MAX, setInventory: EBAY_BULK_MAX },
      inventoryCompareAndSet: false,
      idempotentAdjustments: false,
      idempotentSets: false,
    };
  }

  /** Starts the consent flow: the eBay page to send the seller to (needs `credentials.ruName`). */
  createAuthorizationUrl(): Promise<AuthorizationRequest> {
    return this.auth.user.createAuthorizationUrl({ connectionId: this.config.connectionId });
  }

  /** Finishes the consent flow from eBay's redirect (`code`, `state`); stores the seller's tokens. */
  completeAuthorization(
    callback: AuthorizationCallback,
    signal?: AbortSignal,
  ): Promise<Result<AuthorizationComplete, Failure<AuthorizationFailureReason>>> {
    return this.auth.user.completeAuthorization(callback, signal);
  }

  /** The seller connection's state; `reconsentDue` when the 18-month refresh token expires within `withinMs` (default 30 days). */
  connectionStatus(withinMs?: number): Promise<EbayConnectionStatus> {
    return this.auth.connectionStatus(withinMs);
  }

  /** How many more revisions the listing of `sku` may take now (eBay's per-listing daily limit). */
  revisionBudget(sku: string): Promise<EbayRevisionBudget> {
    return this.#runtime.revisions.budget(sku);
  }

  /**
   * The merchant location `merchantLocationKey`, created with `location` when eBay has none
   * (offers need one to be published).
   *
   * @example
   * ```ts
   * await ebay.ensureLocation('WH-1', { name: 'Main warehouse', locationTypes: ['WAREHOUSE'], location: { address: { postalCode: '95125', country: 'US' } } });
   * ```
   */
  ensureLocation(
    merchantLocationKey: string,
    location: Omit<EbayInventoryLocation, 'merchantLocationKey'>,
    options?: OperationOptions,
  ): Promise<EbayInventoryLocation> {
    return ensureLocation(this.#runtime, merchantLocationKey, location, options?.signal);
  }

  override listProducts(query?: ListProductsQuery, options?: OperationOptions): AsyncIterable<Product> {
    return listProducts(this.#runtime, query, options?.signal);
  }

  override getProduct(id: string, options?: OperationOptions): Promise<Product> {
    return getProduct(this.#runtime, id, options?.signal);
  }

  /**
   * Offers by SKU without reading the catalog: `bulkGetInventoryItem` (25 SKUs a call), then
   * each existing SKU's offer, by id when the offer index knows it (`getOffer`), else by
   * `getOffers?sku=`. In the order asked; unknown SKUs, and SKUs without a priced offer on the
   * marketplace, are absent; the product id is the SKU.
   */
  override getOffersBySku(skus: readonly string[], options?: OperationOptions): Promise<OfferMatch[]> {
    return offersBySku(this.#runtime, skus, options?.signal);
  }

  override async upsertProducts(
    products: readonly ProductInput[],
    options?: OperationOptions,
  ): Promise<BatchResult<ProductInput, Product>> {
    const valid = this.parseBatch('upsertProducts', ProductInputSchema, products);
    return this.#finish('upsertProducts', await upsertProducts(this.#runtime, valid, options?.signal));
  }

  override async deleteProducts(
    ids: readonly string[],
    options?: OperationOptions,
  ): Promise<BatchResult<string, string>> {
    const valid = this.parseBatch('deleteProducts', SkuSchema, ids);
    return this.#finish('deleteProducts', await deleteProducts(this.#runtime, valid, options?.signal));
  }

  /**
   * Publishes the offers of SKUs as live listings (or revises live ones with their current data).
   *
   * @example
   * ```ts
   * const result = await ebay.publishOffers(['MUG-1']);
   * ```
   */
  async publishOffers(
    skus: readonly string[],
    options?: OperationOptions,
  ): Promise<BatchResult<string, { sku: string; offerId: string; listingId?: string }>> {
    const valid = this.parseBatch('upsertProducts', SkuSchema, skus);
    return publishOffers(this.#runtime, valid, options?.signal);
  }

  /**
   * Prices and stock of many SKUs in one pass of `bulkUpdatePriceQuantity` calls (25 SKUs a
   * call): 10,000 SKUs take 400 calls when their offer ids are known (see the offer index).
   *
   * @example
   * ```ts
   * const result = await ebay.updatePriceQuantity([{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }, { sku: 'MUG-2', locations: { 'WH-1': 3 } }]);
   * console.log(result.succeeded, result.failed);
   * ```
   */
  async updatePriceQuantity(
    updates: readonly EbayPriceQuantityUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<EbayPriceQuantityUpdate, EbayPriceQuantityUpdate>> {
    const valid = this.parseBatch('updatePrices', EbayPriceQuantityUpdateSchema, updates);
    checkPriceQuantityBatch(this.#runtime, valid, 'updatePriceQuantity');
    return updatePriceQuantity(this.#runtime, valid, {
      ...(options?.signal ? { signal: options.signal } : {}),
      onProgress: (done, failed) => this.reportProgress('updatePrices', done, valid.length, failed),
    });
  }

  override async updatePrices(
    updates: readonly PriceUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return setPrices(this.#runtime, valid, {
      ...(options?.signal ? { signal: options.signal } : {}),
      onProgress: (done, failed) => this.reportProgress('updatePrices', done, valid.length, failed),
    });
  }

  override getInventory(query: InventoryQuery, options?: OperationOptions): Promise<InventoryLevel[]> {
    return getInventory(this.#runtime, query, options?.signal);
  }

  /**
   * Absolute stock: without `locationId` (or with `EBAY_SHIP_TO_HOME`) the SKU's ship-to-home
   * total, with a merchant location that location's quantity (the total becomes the sum of the
   * locations). eBay has no compare-and-set, so `expectedVersion`/`expectedAvailable` are refused.
   */
  override async setInventory(
    updates: readonly InventorySet[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    const valid = this.parseBatch('setInventory', InventorySetSchema, updates);
    return setStock(this.#runtime, valid, {
      ...(options?.signal ? { signal: options.signal } : {}),
      onProgress: (done, failed, total) => this.reportProgress('setInventory', done, total, failed),
    });
  }

  override listOrders(query?: ListOrdersQuery, options?: OperationOptions): AsyncIterable<Order> {
    return listOrders(this.#runtime, query, options?.signal);
  }

  override getOrder(id: string, options?: OperationOptions): Promise<Order> {
    return getOrder(this.#runtime, id, options?.signal);
  }

  override async confirmShipment(
    shipments: readonly Shipment[],
    options?: OperationOptions,
  ): Promise<BatchResult<Shipment, Shipment>> {
    const valid = this.parseBatch('confirmShipment', ShipmentSchema, shipments);
    return this.#finish('confirmShipment', await confirmShipments(this.#runtime, valid, options?.signal));
  }

  /** Cancels whole orders; the reason is required (`out_of_stock`, `buyer_request`, `address_issue`). */
  override async cancelOrder(
    requests: readonly CancelOrderRequest[],
    options?: OperationOptions,
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    this.parseBatch('cancelOrder', CancelOrderRequestSchema, requests);
    return this.#finish('cancelOrder', await cancelOrders(this.#runtime, requests, options?.signal));
  }

  /** Reads the seller's merchant locations (one cheap Inventory API call) with the seller's token. */
  override healthCheck(options?: OperationOptions): Promise<HealthStatus> {
    return healthCheck(this.#runtime, options?.signal);
  }

  #finish<I, T>(
    operation: 'upsertProducts' | 'deleteProducts' | 'confirmShipment' | 'cancelOrder',
    result: BatchResult<I, T>,
  ): BatchResult<I, T> {
    this.reportProgress(operation, result.items.length, result.items.length, result.failed);
    return result;
  }
}
