import type { Keyring } from '../../auth/keyring.js';
import { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { BatchResult } from '../../core/batch.js';
import type { CapabilityDeclaration, OperationName } from '../../core/capabilities.js';
import type { Context } from '../../core/context.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { HealthStatus, InventoryQuery, ListOrdersQuery, ListProductsQuery } from '../../core/queries.js';
import type { OperationOptions } from '../../core/types.js';
import { OperationLedger } from '../../http/ledger.js';
import { InventorySetSchema, type InventoryLevel, type InventorySet } from '../../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../../model/offer.js';
import { CancelOrderRequestSchema, type CancelOrderRequest, type Order } from '../../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { ShipmentSchema, type Shipment } from '../../model/shipment.js';
import { createMercadoLibreAuth, type MercadoLibreAuth } from './auth.js';
import { MercadoLibreClient } from './client.js';
import { MercadoLibreConfigSchema, type MercadoLibreConfig, type MercadoLibreConfigInput } from './config.js';
import * as catalog from './operations/catalog.js';
import { MERCADOLIBRE_ITEM_LOCATION, readItemStock, setItemStock } from './operations/item-stock.js';
import * as orders from './operations/orders.js';
import { offersBySku } from './operations/offers-by-sku.js';
import { updatePrices } from './operations/prices.js';
import type { MercadoLibreRuntime } from './operations/runtime.js';
import { confirmShipments } from './operations/shipments.js';
import { SkuIndex } from './operations/sku-index.js';
import { readUserProductStock, setUserProductStock } from './operations/user-product-stock.js';
import { MERCADOLIBRE_API_URL, MERCADOLIBRE_SITES } from './sites.js';

/**
 * Per-instance extras of {@link MercadoLibreMarketplace}.
 *
 * @example
 * ```ts
 * new MercadoLibreMarketplace(config, context, { keyring });
 * ```
 *
 * @category Marketplace
 */
export interface MercadoLibreMarketplaceOptions {
  /** Encrypts the seller's tokens in the context's store. */
  keyring?: Keyring;
}

/**
 * MercadoLibre as a marketbridge marketplace: the seller's items and variations (scan search
 * and multiget), prices in the listing currency, stock on items or, for multi-warehouse
 * sellers, per warehouse through user products with compare-and-set versions, orders,
 * Mercado Envíos shipments the seller ships, cancellations where MercadoLibre allows them,
 * and a health check. Tokens refresh once across processes (single-use refresh tokens), and
 * every call is paced by the application's budget for its resource family.
 *
 * @example
 * ```ts
 * const ml = new MercadoLibreMarketplace({ site: 'MLA', sellerId: 468424240, credentials: { clientId, clientSecret, refreshToken } }, { store, lock });
 * await ml.setInventory([{ sku: 'MUG-1', quantity: 12 }]);
 * for await (const order of ml.listOrders({ since: '2026-11-01T00:00:00Z' })) console.log(order.id, order.status);
 * ```
 *
 * @category Marketplace
 */
export class MercadoLibreMarketplace extends BaseMarketplaceAPI {
  readonly platform = 'mercadolibre';
  /** Validated configuration (credentials included: never log it). */
  readonly config: MercadoLibreConfig;
  /** The endpoint-level client. */
  readonly client: MercadoLibreClient;
  /** The seller's tokens: `auth.oauth.connectionStatus(auth.connectionId)`. */
  readonly auth: MercadoLibreAuth;
  readonly #runtime: MercadoLibreRuntime;
  #stockMode?: Promise<'items' | 'user-products'>;

  /**
   * @param config - site, seller, credentials; validated whole, every problem reported together
   * @param context - dependencies (fetch, store, lock, clock, events, ...)
   * @param options - a keyring for the tokens at rest
   */
  constructor(config: MercadoLibreConfigInput, context: Context = {}, options: MercadoLibreMarketplaceOptions = {}) {
    super(context);
    const parsed = MercadoLibreConfigSchema.safeParse(config);
    if (!parsed.success)
      throw ValidationError.fromZod('config for marketplace "mercadolibre"', parsed.error, {
        platform: 'mercadolibre',
      });
    this.config = parsed.data;
    const { credentials } = this.config;
    this.auth = createMercadoLibreAuth(
      {
        site: this.config.site,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        ...(credentials.refreshToken ? { refreshToken: credentials.refreshToken } : {}),
        ...(this.config.endpoints.token ? { tokenUrl: this.config.endpoints.token } : {}),
        requestTimeoutMs: this.config.timeoutMs === 0 ? 0 : Math.min(this.config.timeoutMs, 10_000),
      },
      {
        ...this.context,
        connectionId: this.config.connectionId ?? this.config.sellerId,
        ...(options.keyring ? { keyring: options.keyring } : {}),
      },
    );
    this.client = new MercadoLibreClient({
      baseUrl: this.config.endpoints.api ?? MERCADOLIBRE_API_URL,
      context: this.context,
      auth: this.auth,
      applicationId: credentials.clientId,
      limits: this.config.limits,
      sharedBudget: this.config.sharedBudget,
      retries: this.config.retries,
      timeoutMs: this.config.timeoutMs,
    });
    this.#runtime = {
      client: this.client,
      config: this.config,
      context: this.context,
      currency: MERCADOLIBRE_SITES[this.config.site].currency,
      ledger: new OperationLedger({
        store: this.context.store,
        clock: this.context.clock,
        prefix: `mb:ledger:${this.context.tenantId}`,
        ttlMs: 86_400_000,
      }),
      skus: new SkuIndex({
        client: this.client,
        sellerId: this.config.sellerId,
        clock: this.context.clock,
        ttlMs: this.config.skuIndexTtlMs,
        concurrency: this.config.concurrency,
      }),
      stockMode: (signal) => (this.#stockMode ??= this.#detectStockMode(signal)),
    };
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    // Stock per user product is compare-and-set on its x-version; item stock is not. Batches
    // of any size are taken (one call per item, paced by the application's budgets).
    return {
      inventoryCompareAndSet: this.config.stock === 'user-products',
      idempotentSets: false,
      idempotentAdjustments: false,
    };
  }

  /** The SKU → item index (call `clear()` after changing listings outside marketbridge). */
  get skuIndex(): SkuIndex {
    return this.#runtime.skus;
  }

  /** How this seller's stock is written: `items`, or `user-products` for multi-warehouse sellers. */
  stockMode(options?: OperationOptions): Promise<'items' | 'user-products'> {
    return this.#runtime.stockMode(options?.signal);
  }

  override listProducts(query?: ListProductsQuery, options?: OperationOptions): AsyncIterable<Product> {
    return catalog.listProducts(this.#runtime, query, options?.signal);
  }

  override getProduct(id: string, options?: OperationOptions): Promise<Product> {
    return catalog.getProduct(this.#runtime, id, options?.signal);
  }

  /**
   * Offers by SKU without scanning the catalog: one `items/search?seller_sku=` per SKU (item and
   * variation SKUs alike), then multiget, 20 items a call. The product id is the item id, the
   * offer's `externalId` the variation id (or the item id). In the order asked; unknown SKUs are
   * absent.
   */
  override getOffersBySku(skus: readonly string[], options?: OperationOptions): Promise<OfferMatch[]> {
    return offersBySku(this.#runtime, skus, options?.signal);
  }

  override async upsertProducts(
    products: readonly ProductInput[],
    options?: OperationOptions,
  ): Promise<BatchResult<ProductInput, Product>> {
    const valid = this.parseBatch('upsertProducts', ProductInputSchema, products) as ProductInput[];
    return this.#report('upsertProducts', await catalog.upsertProducts(this.#runtime, valid, options?.signal));
  }

  override async deleteProducts(
    ids: readonly string[],
    options?: OperationOptions,
  ): Promise<BatchResult<string, string>> {
    return this.#report('deleteProducts', await catalog.deleteProducts(this.#runtime, ids, options?.signal));
  }

  override async updatePrices(
    updates: readonly PriceUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    this.#refuse(
      'updatePrices',
      valid.map((update, index) =>
        update.compareAtPrice
          ? {
              path: [index, 'compareAtPrice'],
              message: 'MercadoLibre shows a crossed-out price only through promotions; leave compareAtPrice out.',
            }
          : undefined,
      ),
    );
    this.#rejectDuplicates(
      'updatePrices',
      valid.map((update) => update.sku),
    );
    return this.#report('updatePrices', await updatePrices(this.#runtime, valid, options?.signal));
  }

  override async getInventory(query: InventoryQuery, options?: OperationOptions): Promise<InventoryLevel[]> {
    const skus = this.parseBatch('getInventory', InventorySetSchema.shape.sku, query?.skus ?? []);
    const locationId = query?.locationId;
    if ((await this.stockMode(options)) === 'user-products')
      return readUserProductStock(this.#runtime, skus, locationId, options?.signal);
    const levels = await readItemStock(this.#runtime, skus, options?.signal);
    return locationId === undefined ? levels : levels.filter((level) => level.locationId === locationId);
  }

  override async setInventory(
    updates: readonly InventorySet[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    const valid = this.parseBatch('setInventory', InventorySetSchema, updates);
    this.#rejectDuplicates(
      'setInventory',
      valid.map((update) => `${update.sku}\u0000${update.locationId ?? ''}`),
    );
    this.#refuse(
      'setInventory',
      valid.map((update, index) =>
        update.idempotencyKey !== undefined
          ? {
              path: [index, 'idempotencyKey'],
              message:
                'MercadoLibre stock writes are absolute; an idempotency key is not needed (capabilities.idempotentSets is false).',
            }
          : undefined,
      ),
    );
    if ((await this.stockMode(options)) === 'user-products')
      return this.#report('setInventory', await setUserProductStock(this.#runtime, valid, options?.signal));
    this.#refuse(
      'setInventory',
      valid.map((update, index) =>
        update.expectedVersion !== undefined || update.expectedAvailable !== undefined
          ? {
              path: [index, 'expectedVersion'],
              message:
                "MercadoLibre item stock has no compare-and-set (capabilities.inventoryCompareAndSet is false); only multi-warehouse stock (stock: 'user-products') has versions.",
            }
          : update.locationId !== undefined && update.locationId !== MERCADOLIBRE_ITEM_LOCATION
            ? {
                path: [index, 'locationId'],
                message: `Item stock has one location ("${MERCADOLIBRE_ITEM_LOCATION}"); warehouses need stock: 'user-products'.`,
              }
            : undefined,
      ),
    );
    return this.#report('setInventory', await setItemStock(this.#runtime, valid, options?.signal));
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
    this.#refuse(
      'confirmShipment',
      valid.map((shipment, index) =>
        shipment.lineItems?.length
          ? { path: [index, 'lineItems'], message: 'MercadoLibre ships whole orders; leave lineItems out.' }
          : undefined,
      ),
    );
    return this.#report('confirmShipment', await confirmShipments(this.#runtime, valid, options?.signal));
  }

  override async cancelOrder(
    requests: readonly CancelOrderRequest[],
    options?: OperationOptions,
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    const valid = this.parseBatch('cancelOrder', CancelOrderRequestSchema, requests);
    this.#refuse(
      'cancelOrder',
      valid.map((request, index) =>
        request.lineItems?.length
          ? { path: [index, 'lineItems'], message: 'MercadoLibre cancels whole orders; leave lineItems out.' }
          : undefined,
      ),
    );
    return this.#report('cancelOrder', await orders.cancelOrders(this.#runtime, valid, options?.signal));
  }

  override async healthCheck(options?: OperationOptions): Promise<HealthStatus> {
    const { clock } = this.context;
    const started = clock.now();
    const checkedAt = new Date(started).toISOString();
    try {
      await this.client.getUser(this.config.sellerId, options?.signal);
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

  async #detectStockMode(signal?: AbortSignal): Promise<'items' | 'user-products'> {
    if (this.config.stock !== 'auto') return this.config.stock;
    try {
      const user = await this.client.getUser(this.config.sellerId, signal);
      return user.tags?.includes('warehouse_management') ? 'user-products' : 'items';
    } catch (error) {
      this.#stockMode = undefined;
      throw error;
    }
  }

  #report<I, T>(operation: OperationName, result: BatchResult<I, T>): BatchResult<I, T> {
    this.reportProgress(operation, result.items.length, result.items.length, result.failed);
    return result;
  }

  #refuse(operation: OperationName, issues: (ValidationIssue | undefined)[]): void {
    const found = issues.filter((issue): issue is ValidationIssue => issue !== undefined);
    if (found.length > 0)
      throw new ValidationError(`input of ${operation}()`, found, { platform: 'mercadolibre', operation });
  }

  #rejectDuplicates(operation: OperationName, keys: readonly string[]): void {
    const first = new Map<string, number>();
    this.#refuse(
      operation,
      keys.map((key, index) => {
        const earlier = first.get(key);
        if (earlier === undefined) first.set(key, index);
        return earlier === undefined
          ? undefined
          : {
              path: [index, 'sku'],
              message: `Duplicate of item ${earlier}: one change per SKU (and location) a call. Combine them.`,
            };
      }),
    );
  }
}
