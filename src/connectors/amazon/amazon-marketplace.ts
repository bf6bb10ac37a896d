import type { Keyring } from '../../auth/keyring.js';
import { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import { toBatchResult, type BatchResult, type ItemOutcome } from '../../core/batch.js';
import type { CapabilityDeclaration } from '../../core/capabilities.js';
import type { Context } from '../../core/context.js';
import type { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type {
  HealthStatus,
  InventoryQuery,
  ListFinancialEventsQuery,
  ListOrdersQuery,
  ListProductsQuery,
} from '../../core/queries.js';
import type { OperationOptions } from '../../core/types.js';
import type { FinancialEvent } from '../../model/finance.js';
import { InventorySetSchema, type InventoryLevel, type InventorySet } from '../../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../../model/offer.js';
import type { Order } from '../../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { ShipmentSchema, type Shipment } from '../../model/shipment.js';
import { SpApiClient } from './client.js';
import { AmazonConfigSchema, type AmazonConfig, type AmazonConfigInput } from './config.js';
import { resolveBaseUrl } from './endpoints.js';
import { checkOfferOnly, checkPuts, putEach, upsertEach, type AmazonListingPut } from './listing-puts.js';
import { feedEach, patchEach, type ListingUpdate, type ListingUpdateOptions } from './listing-updates.js';
import { readInventory } from './inventory-reads.js';
import { amazonStockPool, mfnLocationId } from './mapper/inventory.js';
import { fromSpApiListingsItem, type SpApiListingsItem } from './mapper/listings.js';
import { unwrapMapped } from './mapper/unwrap.js';
import { confirmShipments } from './orders/confirm-shipment.js';
import { createAmazonOrdersApi } from './orders/create-orders-api.js';
import type { AmazonOrdersApi } from './orders/orders-api.js';
import { createAmazonFinancesApi } from './finances/create-finances-api.js';
import type { AmazonFinancesApi } from './finances/finances-api.js';
import { AmazonNotificationsApi } from './notifications/manage.js';
import { createAmazonPipelineTransport } from './transport/pipeline-transport.js';
import { createLwaAuth, type LwaAuth } from './transport/lwa-auth.js';
import { amazonSellerConnectionId } from './transport/seller-record.js';
import type { AmazonTransport } from './transport/types.js';

/**
 * Per-instance extras of {@link AmazonMarketplace}: which transport sends the requests.
 *
 * @example
 * ```ts
 * new AmazonMarketplace(config, context, { transport: myTransport });
 * ```
 *
 * @category Marketplace
 */
export interface AmazonMarketplaceOptions {
  /** `pipeline` (default): the library's request pipeline; or any {@link AmazonTransport}. */
  transport?: AmazonTransport | 'pipeline';
  /** Encrypts the seller's LWA tokens in the context's store. */
  keyring?: Keyring;
}

/**
 * Amazon Selling Partner API as a marketbridge marketplace: listings (price and quantity by
 * JSON Patch, or by JSON_LISTINGS_FEED for large batches), FBA inventory, orders with their
 * items and buyer data in one call per page (Orders 2026-01-01), shipment confirmation (Orders
 * v0) and financial transactions (Finances 2024-06-19), each call paced by its operation's
 * usage plan.
 *
 * @example
 * ```ts
 * const amazon = new AmazonMarketplace({ sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER', credentials }, { clock });
 * const result = await amazon.updatePrices([{ sku: 'MUG-1', price: { amountMinor: 1299, currency: 'USD' } }]);
 * ```
 *
 * @category Marketplace
 */
export class AmazonMarketplace extends BaseMarketplaceAPI {
  readonly platform = 'amazon';
  /** Validated configuration (credentials included: never log it). */
  readonly config: AmazonConfig;
  /** The operation-level client. */
  readonly client: SpApiClient;
  /** Notifications API: destinations and subscriptions. */
  readonly notifications: AmazonNotificationsApi;
  /** The Login with Amazon auth hook in use. */
  readonly auth: LwaAuth;
  /** The Orders API generation that reads orders (`ordersApi`), chosen at construction. */
  readonly orders: AmazonOrdersApi;
  /** The Finances API generation behind `listFinancialEvents` (`financesApi`), chosen at construction. */
  readonly finances: AmazonFinancesApi;

  /**
   * @param config - connector configuration (validated here; every problem reported at once)
   * @param context - dependencies
   * @param options - transport override
   */
  constructor(config: AmazonConfigInput, context: Context = {}, options: AmazonMarketplaceOptions = {}) {
    super(context);
    const parsed = AmazonConfigSchema.safeParse(config);
    if (!parsed.success)
      throw ValidationError.fromZod('config for marketplace "amazon"', parsed.error, { platform: 'amazon' });
    this.config = parsed.data;
    this.auth = createLwaAuth(
      { ...this.config.credentials, ...(this.config.endpoints.token ? { tokenUrl: this.config.endpoints.token } : {}) },
      {
        ...this.context,
        // One record per seller and region (a seller authorises each region separately);
        // records of earlier versions, kept under the bare seller id, are carried over.
        connectionId: amazonSellerConnectionId(this.config.sellerId, this.config.region),
        earlierConnectionId: this.config.sellerId,
        requestTimeoutMs: this.config.timeoutMs,
        ...(options.keyring ? { keyring: options.keyring } : {}),
      },
    );
    const budgetScope = {
      region: this.config.region,
      sellerId: this.config.sellerId,
      applicationId: this.config.credentials.clientId,
    };
    const common = {
      baseUrl: resolveBaseUrl({
        region: this.config.region,
        sandbox: this.config.sandbox,
        ...(this.config.endpoints.api ? { baseUrl: this.config.endpoints.api } : {}),
      }),
      context: this.context,
      auth: this.auth,
      budgetScope,
      ...(this.config.limits ? { limits: this.config.limits } : {}),
    };
    const choice = options.transport ?? 'pipeline';
    const transport =
      choice === 'pipeline' ? createAmazonPipelineTransport({ ...common, timeoutMs: this.config.timeoutMs }) : choice;
    this.client = new SpApiClient({
      transport,
      context: this.context,
      sellerId: this.config.sellerId,
      marketplaceId: this.config.marketplaceId,
      budgetScope,
    });
    this.notifications = new AmazonNotificationsApi(this.client);
    this.orders = createAmazonOrdersApi(this.config.ordersApi, {
      client: this.client,
      clock: this.context.clock,
      includeBuyerData: this.config.includeBuyerData,
    });
    this.finances = createAmazonFinancesApi(this.config.financesApi, {
      client: this.client,
      clock: this.context.clock,
    });
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    return {
      maxBatchSize: { updatePrices: 25_000, setInventory: 25_000 },
      inventoryCompareAndSet: false,
      idempotentAdjustments: false,
    };
  }

  /**
   * Price and/or quantity changes of many SKUs in one call: patches one by one below
   * `feedThreshold` items, JSON_LISTINGS_FEED documents (25,000 messages each) from there on.
   *
   * @example
   * ```ts
   * await amazon.updateListings([{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }], { via: 'feed' });
   * ```
   */
  async updateListings(
    updates: readonly ListingUpdate[],
    options: ListingUpdateOptions = {},
  ): Promise<BatchResult<ListingUpdate, ListingUpdate>> {
    const via =
      options.via === 'feed' || options.via === 'patch'
        ? options.via
        : updates.length >= this.config.feedThreshold && !options.dryRun
          ? 'feed'
          : 'patch';
    if (via === 'feed' && options.dryRun) {
      throw new ValidationError(
        'updateListings options',
        [
          {
            path: ['dryRun'],
            message: 'A dry run uses VALIDATION_PREVIEW, which only patchListingsItem supports; use via: "patch".',
          },
        ],
        { platform: 'amazon' },
      );
    }
    const common = { ...options, productType: this.config.productType };
    let done = 0;
    const outcomes =
      via === 'feed'
        ? await feedEach(this.client, updates, {
            ...common,
            clock: this.context.clock,
            pollIntervalMs: this.config.pollIntervalMs,
          })
        : await patchEach(this.client, updates, {
            ...common,
            onDone: () => this.reportProgress('updatePrices', ++done, updates.length, 0),
          });
    return toBatchResult(outcomes);
  }

  override async updatePrices(
    updates: readonly PriceUpdate[],
    options: OperationOptions = {},
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    const result = await this.updateListings(
      valid.map((update) => ({ sku: update.sku, price: update.price })),
      options.signal ? { signal: options.signal } : {},
    );
    return toBatchResult(
      result.items.map(
        (item): ItemOutcome<PriceUpdate, Offer> =>
          item.ok
            ? {
                index: item.index,
                input: valid[item.index]!,
                ok: true,
                value: { sku: item.input.sku, price: item.input.price!, condition: 'new', options: {} },
              }
            : { index: item.index, input: valid[item.index]!, ok: false, error: item.error },
      ),
    );
  }

  /**
   * Sets merchant-fulfilled quantities (absolute, merged into the listing's
   * `fulfillment_availability` so its handling time and restock date stay). The location is a
   * merchant channel: `MFN:<channel>`, a bare channel code, or omitted for `DEFAULT`. FBA stock
   * (`AFN:` locations) belongs to Amazon and is refused, as is compare-and-set, which Amazon does
   * not have; either refusal rejects the whole batch before anything is sent. Each level it
   * answers has the quantity written as its `version`, as reads do (see `getInventory`).
   *
   * @example
   * ```ts
   * await amazon.setInventory([{ sku: 'MUG-1', quantity: 40 }]); // level at 'MFN:DEFAULT'
   * ```
   */
  override async setInventory(
    updates: readonly InventorySet[],
    options: OperationOptions = {},
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    const valid = this.parseBatch('setInventory', InventorySetSchema, updates);
    const issues = valid.flatMap((update, index) => [
      ...(update.expectedVersion !== undefined || update.expectedAvailable !== undefined
        ? [
            {
              path: [index, 'expectedVersion'],
              message:
                'Amazon has no compare-and-set for quantities; send absolute quantities without expectedVersion/expectedAvailable.',
            },
          ]
        : []),
      ...(update.locationId !== undefined && amazonStockPool(update.locationId).network === 'AFN'
        ? [
            {
              path: [index, 'locationId'],
              message: `${update.locationId} is FBA stock, which only Amazon changes (send inventory to FBA with an inbound shipment); set merchant-fulfilled stock at MFN:<channel>.`,
            },
          ]
        : []),
    ]);
    if (issues.length > 0)
      throw new ValidationError('input of setInventory()', issues, { platform: 'amazon', operation: 'setInventory' });
    const channelOf = (update: InventorySet) =>
      update.locationId === undefined
        ? 'DEFAULT'
        : (amazonStockPool(update.locationId) as { channelCode: string }).channelCode;
    const result = await this.updateListings(
      valid.map((update) => ({
        sku: update.sku,
        quantity: update.quantity,
        fulfillmentChannelCode: channelOf(update),
      })),
      options.signal ? { signal: options.signal } : {},
    );
    const now = new Date(this.context.clock.now()).toISOString();
    return toBatchResult(
      result.items.map((item): ItemOutcome<InventorySet, InventoryLevel> => {
        const input = valid[item.index]!;
        return item.ok
          ? {
              index: item.index,
              input,
              ok: true,
              value: {
                sku: input.sku,
                locationId: mfnLocationId(channelOf(input)),
                available: input.quantity,
                reserved: 0,
                onHand: input.quantity,
                updatedAt: now,
                version: input.quantity,
              },
            }
          : { index: item.index, input, ok: false, error: item.error };
      }),
    );
  }

  /**
   * Offers of canonical products on existing ASINs. A SKU that is not listed yet becomes an
   * offer-only listing (`putListingsItem` with `requirements: LISTING_OFFER_ONLY`,
   * `merchant_suggested_asin` from `offers[0].externalId` or `attributes.asin`, the condition,
   * the B2C price and the stock: `attributes.quantity` units in the `DEFAULT` merchant channel, 0
   * when not given, or the FBA channel named by `attributes.fulfillmentChannelCode`). A SKU that
   * is listed gets its price and condition merged in with `patchListingsItem`, leaving its stock
   * and other sales terms alone. Product facts (title, brand, description) belong to the ASIN's
   * catalog page and are not sent. The product type is `attributes.productType` or the
   * connector's default (`PRODUCT` takes offer-only listings). Products without an ASIN, or with
   * more than one offer, are refused whole before anything is sent: create a new product with
   * {@link AmazonMarketplace.putListings}.
   *
   * @example
   * ```ts
   * await amazon.upsertProducts([{ title: 'Teapot', offers: [{ sku: 'TEA-1', externalId: 'B0TEAPOT01', price: money(2499, 'USD') }], attributes: { quantity: '12' } }]);
   * ```
   */
  override async upsertProducts(
    products: readonly ProductInput[],
    options: OperationOptions = {},
  ): Promise<BatchResult<ProductInput, Product>> {
    const valid = this.parseBatch('upsertProducts', ProductInputSchema, products);
    checkOfferOnly(valid);
    const outcomes = await upsertEach(this.client, valid, {
      productType: (product) => product.attributes.productType ?? this.config.productType,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const now = new Date(this.context.clock.now()).toISOString();
    return toBatchResult(
      outcomes.map(
        (item): ItemOutcome<ProductInput, Product> =>
          item.ok
            ? {
                index: item.index,
                input: products[item.index]!,
                ok: true,
                value: { ...item.value, id: item.value.id ?? item.value.offers[0]!.sku, updatedAt: now },
              }
            : { index: item.index, input: products[item.index]!, ok: false, error: item.error },
      ),
    );
  }

  /**
   * Creates or fully replaces listings with `putListingsItem`, attributes as given: the way to
   * list a new product (its product type and the attributes its product type definition
   * requires, `requirements: 'LISTING'`) or to send any submission the canonical model cannot
   * express. Every put is checked before anything is sent; `dryRun` validates with
   * `VALIDATION_PREVIEW` without saving.
   *
   * @example
   * ```ts
   * await amazon.putListings([{ sku: 'MUG-1', productType: 'KITCHEN', requirements: 'LISTING', attributes: { item_name: [{ value: 'Blue Mug', marketplace_id }], ... } }]);
   * ```
   */
  async putListings(
    puts: readonly AmazonListingPut[],
    options: OperationOptions & { dryRun?: boolean } = {},
  ): Promise<BatchResult<AmazonListingPut, AmazonListingPut>> {
    if (!Array.isArray(puts))
      throw new ValidationError('input of putListings()', [{ path: [], message: 'Expected an array of listings.' }], {
        platform: 'amazon',
        operation: 'putListingsItem',
      });
    checkPuts(puts);
    return toBatchResult(
      await putEach(this.client, puts, {
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }

  override async getProduct(id: string, options: OperationOptions = {}): Promise<Product> {
    const item = await this.client.getListingsItem<SpApiListingsItem>(id, undefined, options.signal);
    return unwrapMapped(fromSpApiListingsItem(item, this.config.marketplaceId), 'getListingsItem');
  }

  /**
   * One `getListingsItem` (summaries and offers) per SKU, one after another within the
   * operation's rate limit. A SKU without a listing, or whose listing has no B2C offer in the
   * configured marketplace, is absent from the answer; the product id is the SKU.
   */
  override async getOffersBySku(skus: readonly string[], options: OperationOptions = {}): Promise<OfferMatch[]> {
    const matches: OfferMatch[] = [];
    for (const sku of new Set(skus)) {
      let item: SpApiListingsItem;
      try {
        item = await this.client.getListingsItem<SpApiListingsItem>(sku, ['summaries', 'offers'], options.signal);
      } catch (error) {
        if (isMarketbridgeError(error, 'not_found')) continue;
        throw error;
      }
      const product = fromSpApiListingsItem(item, this.config.marketplaceId);
      if (product.isErr()) continue;
      const offer = product.value.offers.find((candidate) => candidate.sku === sku);
      if (offer) matches.push({ sku, productId: product.value.id, offer });
    }
    return matches;
  }

  override async *listProducts(query: ListProductsQuery = {}, options: OperationOptions = {}): AsyncIterable<Product> {
    let pageToken: string | undefined;
    do {
      const page = await this.client.searchListingsItems<{
        items: SpApiListingsItem[];
        pagination?: { nextToken?: string };
      }>(
        {
          ...(pageToken ? { pageToken } : {}),
          ...(query.pageSize ? { pageSize: query.pageSize } : {}),
          ...(query.updatedSince ? { lastUpdatedAfter: query.updatedSince } : {}),
        },
        options.signal,
      );
      for (const item of page.items ?? []) {
        const product = fromSpApiListingsItem(item, this.config.marketplaceId);
        if (product.isOk() && (!query.status || product.value.status === query.status)) yield product.value;
      }
      pageToken = page.pagination?.nextToken;
    } while (pageToken);
  }

  override async deleteProducts(
    ids: readonly string[],
    options: OperationOptions = {},
  ): Promise<BatchResult<string, string>> {
    const outcomes: ItemOutcome<string, string>[] = [];
    for (const [index, sku] of ids.entries()) {
      try {
        await this.client.deleteListingsItem(sku, options.signal);
        outcomes.push({ index, input: sku, ok: true, value: sku });
      } catch (error) {
        outcomes.push({ index, input: sku, ok: false, error: error as MarketplaceApiError });
      }
    }
    return toBatchResult(outcomes);
  }

  /**
   * Stock of SKUs from the pool each one sells from, the location id saying which:
   * `MFN:<channel>` (`MFN:DEFAULT` for most sellers) is the merchant-fulfilled quantity of the
   * listing (`fulfillmentAvailability`, 20 SKUs per `searchListingsItems` call), the pool
   * {@link AmazonMarketplace.setInventory} writes; `AFN:<marketplaceId>` is FBA stock from FBA
   * inventory (50 SKUs per `getInventorySummaries` call), asked for only for SKUs whose listing
   * has an Amazon channel. Per SKU the merchant level comes first. Amazon keeps no stock
   * version, so each level's `version` is its quantity: it changes whenever the quantity does,
   * which is what the inventory sync engine compares between runs.
   *
   * @example
   * ```ts
   * const [level] = await amazon.getInventory({ skus: ['MUG-1'] }); // { locationId: 'MFN:DEFAULT', available: 40, ... }
   * ```
   */
  override async getInventory(query: InventoryQuery, options: OperationOptions = {}): Promise<InventoryLevel[]> {
    return readInventory(this.client, query, this.context.clock.now(), options.signal);
  }

  /**
   * Orders updated since `query.since`. With the default Orders API 2026-01-01 this is one
   * `searchOrders` call per page of up to 100 orders, items (and buyer data, when configured)
   * included; `ordersApi: 'v0'` pages `getOrders` and adds `getOrderItems` (and buyer info and
   * address with Restricted Data Tokens) per order.
   */
  override listOrders(query: ListOrdersQuery = {}, options: OperationOptions = {}): AsyncIterable<Order> {
    return this.orders.listOrders(query, options.signal);
  }

  /** One order: a single 2026-01-01 `getOrder` call, or the v0 calls with `ordersApi: 'v0'`. */
  override async getOrder(id: string, options: OperationOptions = {}): Promise<Order> {
    return this.orders.getOrder(id, options.signal);
  }

  /**
   * Confirms shipments with the v0 `confirmShipment` (Orders 2026-01-01 has no write
   * operations); a shipment without lines ships every unit the orders generation in use reports
   * unshipped.
   */
  override async confirmShipment(
    shipments: readonly Shipment[],
    options: OperationOptions = {},
  ): Promise<BatchResult<Shipment, Shipment>> {
    return toBatchResult(
      await confirmShipments(
        this.client,
        this.parseBatch('confirmShipment', ShipmentSchema, shipments),
        this.orders,
        options.signal,
      ),
    );
  }

  /**
   * Money movements: Finances 2024-06-19 `listTransactions` (one event per transaction, by
   * order or in posted-date windows of at most 180 days), or Finances v0 with `financesApi: 'v0'`.
   */
  override listFinancialEvents(
    query: ListFinancialEventsQuery = {},
    options: OperationOptions = {},
  ): AsyncIterable<FinancialEvent> {
    return this.finances.listFinancialEvents(query, options.signal);
  }

  override async healthCheck(options: OperationOptions = {}): Promise<HealthStatus> {
    const started = this.context.clock.now();
    try {
      await this.client.searchListingsItems({ pageSize: 1 }, options.signal);
      return { ok: true, latencyMs: this.context.clock.now() - started, checkedAt: new Date(started).toISOString() };
    } catch (error) {
      return {
        ok: false,
        latencyMs: this.context.clock.now() - started,
        checkedAt: new Date(started).toISOString(),
        message: (error as Error).message,
      };
    }
  }
}
