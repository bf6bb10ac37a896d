import { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import { toBatchResult, type BatchResult } from '../../core/batch.js';
import type { CapabilityDeclaration } from '../../core/capabilities.js';
import type { Context } from '../../core/context.js';
import { NotFoundError } from '../../core/errors/not-found-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { HealthStatus, InventoryQuery, ListOrdersQuery, ListProductsQuery } from '../../core/queries.js';
import type { OperationOptions } from '../../core/types.js';
import {
  InventoryAdjustmentSchema,
  InventorySetSchema,
  type InventoryAdjustment,
  type InventoryLevel,
  type InventorySet,
} from '../../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../../model/offer.js';
import { CancelOrderRequestSchema, type CancelOrderRequest, type Order } from '../../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { ShipmentSchema, type Shipment } from '../../model/shipment.js';
import { adjustFingerprint, keyChecks, setFingerprint } from '../../simulated/batch-checks.js';
import { versionFeatures } from './api-version.js';
import { exportCatalog, exportInventory, type ShopifyBulkExportOptions } from './bulk.js';
import { fromGid } from './gid.js';
import {
  ShopifyConfigSchema,
  shopifyAccessTokenAuth,
  type ResolvedShopifyConfig,
  type ShopifyConfig,
} from './config.js';
import { SHOPIFY_PLAN_LIMITS } from './cost-planner.js';
import { LOCATIONS_QUERY, SHOP_QUERY } from './documents.js';
import { ShopifyGraphqlClient } from './graphql-client.js';
import * as catalog from './operations/catalog.js';
import { offersBySku } from './operations/offers-by-sku.js';
import { getInventory } from './operations/inventory-read.js';
import { adjustAtLocation, byLocation, inventoryWriteChunkSize, setAtLocation } from './operations/inventory-write.js';
import * as orders from './operations/orders.js';
import type { ShopifyRuntime } from './runtime.js';
import { ShopifyWebhookSubscriptions } from './subscriptions.js';
import type { ShopifyConnection } from './types.js';

// Items without locationId go to the shop's default location, found only by reading; the batch
// checks compare them with each other under this name.
const DEFAULT_LOCATION = '(default)';

/**
 * The Shopify connector: the Admin GraphQL API behind the canonical interface, with
 * cost-based throttling that waits instead of being throttled, compare-and-set inventory
 * writes chunked to Shopify's maximum, `@idempotent` deltas and absolute sets on versions that
 * have them (keyed items replay their first outcome), and per-item outcomes for every batch write.
 *
 * @example
 * ```ts
 * const shopify = new ShopifyMarketplace({ shop: 'acme.myshopify.com', accessToken: process.env.SHOPIFY_TOKEN! });
 * await shopify.setInventory([{ sku: 'MUG-1', quantity: 12 }]);
 * for await (const order of shopify.listOrders({ since: '2026-11-01T00:00:00Z' })) console.log(order.id);
 * ```
 *
 * @category Marketplace
 */
export class ShopifyMarketplace extends BaseMarketplaceAPI {
  readonly platform = 'shopify';
  /** The validated configuration (the shop domain normalised). */
  readonly config: ResolvedShopifyConfig;
  /** The GraphQL client (cost bucket, retries, deprecation events). */
  readonly client: ShopifyGraphqlClient;
  /** The shop's webhook subscriptions (create, list, delete, ensure). */
  readonly webhooks: ShopifyWebhookSubscriptions;
  readonly #runtime: ShopifyRuntime;
  #currency?: Promise<string>;
  #location?: Promise<string>;

  /**
   * @param config - shop, credentials, API version, plan; validated whole, every problem reported together
   * @param context - dependencies (fetch, store, clock, events, ...)
   */
  constructor(config: ShopifyConfig, context: Context = {}) {
    super(context);
    const parsed = ShopifyConfigSchema.safeParse(config);
    if (!parsed.success)
      throw ValidationError.fromZod('config for marketplace "shopify"', parsed.error, { platform: 'shopify' });
    this.config = parsed.data;
    const auth = parsed.data.auth ?? shopifyAccessTokenAuth(parsed.data.accessToken!);
    this.client = new ShopifyGraphqlClient({
      shop: parsed.data.shop,
      apiVersion: parsed.data.apiVersion,
      ...(parsed.data.endpoint ? { endpoint: parsed.data.endpoint } : {}),
      context: this.context,
      auth,
      limits: SHOPIFY_PLAN_LIMITS[parsed.data.plan],
      sharedBudget: parsed.data.sharedBudget,
      retries: parsed.data.retries,
      timeoutMs: parsed.data.timeoutMs,
    });
    this.webhooks = new ShopifyWebhookSubscriptions(this.client);
    this.#runtime = {
      client: this.client,
      config: this.config,
      context: this.context,
      currency: (signal) =>
        (this.#currency ??= this.config.currency ? Promise.resolve(this.config.currency) : this.#readCurrency(signal)),
      learnCurrency: (code) => {
        this.#currency ??= Promise.resolve(code);
      },
      defaultLocation: (signal) => (this.#location ??= this.#readLocation(signal)),
      features: () => versionFeatures(this.client.apiVersion),
    };
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    return {
      maxBatchSize: {
        setInventory: inventoryWriteChunkSize(),
        adjustInventory: inventoryWriteChunkSize(),
        updatePrices: 250,
      },
      inventoryCompareAndSet: true,
      idempotentAdjustments: versionFeatures(this.config.apiVersion).idempotentDirective,
      idempotentSets: versionFeatures(this.config.apiVersion).idempotentDirective,
    };
  }

  override listProducts(query?: ListProductsQuery, options?: OperationOptions): AsyncIterable<Product> {
    return catalog.listProducts(this.#runtime, query, options?.signal);
  }

  override getProduct(id: string, options?: OperationOptions): Promise<Product> {
    return catalog.getProduct(this.#runtime, id, options?.signal);
  }

  override getOffersBySku(skus: readonly string[], options?: OperationOptions): Promise<OfferMatch[]> {
    return offersBySku(this.#runtime, skus, options?.signal);
  }

  override async upsertProducts(
    products: readonly ProductInput[],
    options?: OperationOptions,
  ): Promise<BatchResult<ProductInput, Product>> {
    this.parseBatch('upsertProducts', ProductInputSchema, products);
    return this.#finish('upsertProducts', await catalog.upsertProducts(this.#runtime, products, options?.signal));
  }

  override async deleteProducts(
    ids: readonly string[],
    options?: OperationOptions,
  ): Promise<BatchResult<string, string>> {
    return this.#finish('deleteProducts', await catalog.deleteProducts(this.#runtime, ids, options?.signal));
  }

  override async updatePrices(
    updates: readonly PriceUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return this.#finish('updatePrices', await catalog.updatePrices(this.#runtime, valid, options?.signal));
  }

  override getInventory(query: InventoryQuery, options?: OperationOptions): Promise<InventoryLevel[]> {
    return getInventory(this.#runtime, query, options?.signal);
  }

  override async setInventory(
    updates: readonly InventorySet[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    // One idempotency key names one write: two different writes under one key in a batch are
    // refused whole, before anything is sent (a key reused across calls is caught per item).
    const valid = this.parseBatch(
      'setInventory',
      InventorySetSchema,
      updates,
      keyChecks<InventorySet>(DEFAULT_LOCATION, (update, location) => setFingerprint(update, fromGid(location))),
    );
    this.#rejectDuplicates('setInventory', valid);
    const outcomes = [];
    for (const [location, items] of await byLocation(this.#runtime, valid, options?.signal)) {
      outcomes.push(...(await setAtLocation(this.#runtime, location, items, options?.signal)));
      this.reportProgress(
        'setInventory',
        outcomes.length,
        valid.length,
        outcomes.filter((outcome) => !outcome.ok).length,
      );
    }
    return toBatchResult(outcomes);
  }

  override async adjustInventory(
    adjustments: readonly InventoryAdjustment[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventoryAdjustment, InventoryLevel>> {
    const valid = this.parseBatch(
      'adjustInventory',
      InventoryAdjustmentSchema,
      adjustments,
      keyChecks<InventoryAdjustment>(DEFAULT_LOCATION, (adjustment, location) =>
        adjustFingerprint(adjustment, fromGid(location)),
      ),
    );
    this.#rejectDuplicates('adjustInventory', valid);
    const outcomes = [];
    for (const [location, items] of await byLocation(this.#runtime, valid, options?.signal)) {
      outcomes.push(...(await adjustAtLocation(this.#runtime, location, items, options?.signal)));
      this.reportProgress(
        'adjustInventory',
        outcomes.length,
        valid.length,
        outcomes.filter((outcome) => !outcome.ok).length,
      );
    }
    return toBatchResult(outcomes);
  }

  override listOrders(query?: ListOrdersQuery, options?: OperationOptions): AsyncIterable<Order> {
    return orders.listOrders(this.#runtime, query, options?.signal);
  }

  override getOrder(id: string, options?: OperationOptions): Promise<Order> {
    return orders.getOrder(this.#runtime, id, options?.signal);
  }

  override async confirmShipment(
    shipments: readonly Shipment[],
    options?: OperationOptions,
  ): Promise<BatchResult<Shipment, Shipment>> {
    const valid = this.parseBatch('confirmShipment', ShipmentSchema, shipments);
    return this.#finish('confirmShipment', await orders.confirmShipment(this.#runtime, valid, options?.signal));
  }

  override async cancelOrder(
    requests: readonly CancelOrderRequest[],
    options?: OperationOptions,
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    this.parseBatch('cancelOrder', CancelOrderRequestSchema, requests);
    return this.#finish('cancelOrder', await orders.cancelOrder(this.#runtime, requests, options?.signal));
  }

  /**
   * The whole catalog through a bulk operation (one query on Shopify's side, then a JSONL
   * download streamed product by product; rows may come in any order and are joined holding only
   * unresolved products). Resumable: the job's state is in the store, so a process that calls
   * this again continues the same operation.
   */
  exportCatalog(options?: ShopifyBulkExportOptions): AsyncIterable<Product> {
    return exportCatalog(this.#runtime, options);
  }

  /** Stock of every variant at every location through a bulk operation (see `exportCatalog`). */
  exportInventory(options?: ShopifyBulkExportOptions): AsyncIterable<InventoryLevel> {
    return exportInventory(this.#runtime, options);
  }

  override async healthCheck(options?: OperationOptions): Promise<HealthStatus> {
    const { clock } = this.context;
    const started = clock.now();
    const checkedAt = new Date(started).toISOString();
    try {
      await this.client.request(
        SHOP_QUERY,
        {},
        { operation: 'healthCheck', ...(options?.signal ? { signal: options.signal } : {}) },
      );
      return { ok: true, latencyMs: clock.now() - started, checkedAt };
    } catch (error) {
      return {
        ok: false,
        latencyMs: clock.now() - started,
        checkedAt,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  #finish<I, T>(
    operation: 'upsertProducts' | 'deleteProducts' | 'updatePrices' | 'confirmShipment' | 'cancelOrder',
    outcomes: Parameters<typeof toBatchResult<I, T>>[0],
  ): BatchResult<I, T> {
    const result = toBatchResult(outcomes);
    this.reportProgress(operation, result.items.length, result.items.length, result.failed);
    return result;
  }

  #rejectDuplicates(
    operation: 'setInventory' | 'adjustInventory',
    items: readonly { sku: string; locationId?: string | undefined }[],
  ): void {
    const seen = new Map<string, number>();
    const issues = [];
    for (const [index, item] of items.entries()) {
      const key = `${item.sku}\u0000${fromGid(item.locationId ?? DEFAULT_LOCATION)}`;
      const first = seen.get(key);
      if (first !== undefined)
        issues.push({
          path: [index, 'sku'],
          message: `Duplicate of item ${first} (same SKU and location); Shopify takes one change per item and location a call. Combine them.`,
        });
      else seen.set(key, index);
    }
    if (issues.length > 0)
      throw new ValidationError(`input of ${operation}()`, issues, { platform: 'shopify', operation });
  }

  async #readCurrency(signal?: AbortSignal): Promise<string> {
    const { data } = await this.client.request<{ shop: { currencyCode: string } }>(
      SHOP_QUERY,
      {},
      { operation: 'shop', ...(signal ? { signal } : {}) },
    );
    return data.shop.currencyCode;
  }

  async #readLocation(signal?: AbortSignal): Promise<string> {
    if (this.config.locationId)
      return this.config.locationId.startsWith('gid://')
        ? this.config.locationId
        : `gid://shopify/Location/${this.config.locationId}`;
    const { data } = await this.client.request<{ locations: ShopifyConnection<{ id: string; isActive: boolean }> }>(
      LOCATIONS_QUERY,
      { first: 50, after: null },
      {
        operation: 'locations',
        ...(signal ? { signal } : {}),
      },
    );
    const active = data.locations.nodes.find((location) => location.isActive);
    if (!active)
      throw new NotFoundError('The shop has no active location; name one with the locationId option.', {
        platform: 'shopify',
        operation: 'locations',
      });
    return active.id;
  }
}
