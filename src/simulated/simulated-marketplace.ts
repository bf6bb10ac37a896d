import { lazySchema } from '../core/lazy-schema.js';
import type { Result } from 'neverthrow';
import { z } from 'zod';
import { BaseMarketplaceAPI } from '../core/base-marketplace-api.js';
import { toBatchResult, type BatchResult, type ItemOutcome } from '../core/batch.js';
import type { CapabilityDeclaration, OperationName } from '../core/capabilities.js';
import type { Context } from '../core/context.js';
import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { ValidationError, issuesFromZod, type ValidationIssue } from '../core/errors/validation-error.js';
import type {
  HealthStatus,
  InventoryQuery,
  ListFinancialEventsQuery,
  ListOrdersQuery,
  ListProductsQuery,
} from '../core/queries.js';
import type { Failure } from '../core/result.js';
import type { OperationOptions } from '../core/types.js';
import { currencyExponent } from '../model/currency.js';
import type { FinancialEvent } from '../model/finance.js';
import {
  InventoryAdjustmentSchema,
  InventorySetSchema,
  type InventoryAdjustment,
  type InventoryLevel,
  type InventorySet,
} from '../model/inventory.js';
import { PriceUpdateSchema, type Offer, type OfferMatch, type PriceUpdate } from '../model/offer.js';
import { CancelOrderRequestSchema, type CancelOrderRequest, type Order } from '../model/order.js';
import { ProductInputSchema, type Product, type ProductInput } from '../model/product.js';
import { ShipmentSchema, type Shipment } from '../model/shipment.js';
import { adjustFingerprint, keyChecks, priceChecks, productChecks, setFingerprint } from './batch-checks.js';
import { Buyers, type BuyerLine, type OrderRejection } from './buyers.js';
import { deleteProduct, updatePrice, upsertProduct } from './catalog-writes.js';
import { SimulatedConfigSchema, type ResolvedSimulatedConfig, type SimulatedConfig } from './config.js';
import type { SimCore } from './write-context.js';
import { CallGate } from './call-gate.js';
import type { SimulatedStats } from './stats.js';
import { adjustInventoryLevel, defaultLocation, setInventoryLevel } from './inventory-writes.js';
import { acknowledgeOrder, cancelOrder, confirmShipment } from './order-writes.js';
import { SeededRandom } from './random.js';
import { generateState, type SimState, type SimulatedState } from './state.js';

const IdSchema = /* @__PURE__ */ lazySchema(() => z.string().min(1, 'Expected a non-empty id.'));

/**
 * An in-memory marketplace that behaves like a real one: a seeded catalog, prices, stock per
 * location with versions for compare-and-set, buyers whose orders arrive over the injected
 * clock's time and reserve stock (never more than there is), shipments, cancellations with
 * refunds, commission fees, latency, a token-bucket rate limit and injected failures. Equal
 * seeds, equal calls and equal clock readings give equal results.
 *
 * It is what simulation mode, the demo, the examples and many tests run against.
 *
 * @example
 * ```ts
 * const simulated = new SimulatedMarketplace({ seed: 7, products: 100, orders: { perHour: 60 } });
 * for await (const product of simulated.listProducts()) console.log(product.title);
 * const result = await simulated.setInventory([{ sku: 'SKU-00001', quantity: 10, expectedVersion: 1 }]);
 * ```
 *
 * @category Simulated marketplace
 */
export class SimulatedMarketplace extends BaseMarketplaceAPI {
  /** The platform name, from `config.name`. */
  readonly platform: string;
  /** The configuration with defaults applied. */
  readonly config: ResolvedSimulatedConfig;
  readonly #state: SimState;
  readonly #gate: CallGate;
  readonly #buyers: Buyers;
  readonly #core: SimCore;

  /**
   * @param config - see `SimulatedConfigSchema`; every field has a default
   * @param context - dependencies; the clock drives latency, rate limits and order arrival
   */
  constructor(config: SimulatedConfig = {}, context: Context = {}) {
    super(context);
    const parsed = SimulatedConfigSchema.safeParse(config);
    if (!parsed.success)
      throw new ValidationError('config for the simulated marketplace', issuesFromZod(parsed.error), {
        platform: 'simulated',
      });
    this.config = parsed.data;
    this.platform = this.config.name;
    const random = new SeededRandom(this.config.seed);
    const now = this.context.clock.now();
    this.#state = generateState(
      this.config,
      random.fork(1),
      currencyExponent(this.config.currency) ?? 2,
      new Date(now).toISOString(),
    );
    this.#gate = new CallGate(this.config, this.context, random.fork(2), random.fork(3));
    this.#buyers = new Buyers(this.#state, this.config, random.fork(4), now);
    const clock = this.context.clock;
    // Writes in the same instant share one timestamp string, so a large batch of stock writes
    // does not leave a fresh copy of the same text on every level it touched.
    let stampedAt = Number.NaN;
    let stamp = '';
    const stampNow = () => {
      const at = clock.now();
      if (at !== stampedAt) {
        stamp = new Date(at).toISOString();
        stampedAt = at;
      }
      return stamp;
    };
    this.#core = {
      state: this.#state,
      config: this.config,
      buyers: this.#buyers,
      platform: this.platform,
      now: stampNow,
      clock,
    };
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    const size = this.config.maxBatchSize;
    return {
      maxBatchSize: {
        upsertProducts: size,
        deleteProducts: size,
        updatePrices: size,
        setInventory: size,
        adjustInventory: size,
        acknowledgeOrders: size,
        confirmShipment: size,
        cancelOrder: size,
      },
      inventoryCompareAndSet: true,
      idempotentAdjustments: true,
      idempotentSets: true,
    };
  }

  /** Places every order buyers made up to the clock's current time. Calls do this by themselves. */
  processArrivals(): void {
    this.#buyers.advance(this.context.clock.now());
  }

  /**
   * A buyer orders `lines` now. Refused whole (`insufficient_stock`) unless every unit is
   * available: the marketplace never sells stock it does not have.
   */
  placeOrder(lines: readonly BuyerLine[]): Result<Order, Failure<OrderRejection>> {
    this.processArrivals();
    return this.#buyers.place(lines, this.context.clock.now()).map((order) => structuredClone(order));
  }

  /** A deep copy of the whole state, for assertions and for handing to a simulation. */
  snapshot(): SimulatedState {
    this.processArrivals();
    const s = this.#state;
    return structuredClone({
      products: s.products.values(),
      inventory: s.stock.allLevels(),
      orders: [...s.orders.values()],
      financialEvents: s.financialEvents,
      lostSales: s.lostSales,
    });
  }

  /** Calls served, throttled and failed so far. */
  stats(): SimulatedStats {
    return structuredClone(this.#gate.stats);
  }

  override listProducts(query: ListProductsQuery = {}, options: OperationOptions = {}): AsyncIterable<Product> {
    const products = this.#state.products;
    return this.#paged('listProducts', query.pageSize, options, (offset, size) => {
      // Only the page is built; a large generated catalog is not turned into objects per call.
      const page: Product[] = [];
      let skipped = 0;
      for (const n of products.numbersById()) {
        const meta = products.meta(n)!;
        if (query.status !== undefined && meta.status !== query.status) continue;
        if (query.updatedSince !== undefined && (meta.updatedAt ?? '') < query.updatedSince) continue;
        if (skipped++ < offset) continue;
        page.push(products.byNumber(n)!);
        if (page.length === size) break;
      }
      return page;
    });
  }

  override async getProduct(id: string, options: OperationOptions = {}): Promise<Product> {
    await this.#enter('getProduct', options);
    const product = this.#state.products.get(id);
    if (!product)
      throw new NotFoundError(`No product with id ${id}.`, { platform: this.platform, operation: 'getProduct' });
    return structuredClone(product);
  }

  override async getOffersBySku(skus: readonly string[], options: OperationOptions = {}): Promise<OfferMatch[]> {
    await this.#enter('getOffersBySku', options);
    const matches: OfferMatch[] = [];
    for (const sku of new Set(skus)) {
      const owner = this.#state.stock.ownerOf(sku);
      const product = owner === undefined ? undefined : this.#state.products.byNumber(owner);
      const offer = product?.offers.find((candidate) => candidate.sku === sku);
      if (product && offer) matches.push({ sku, productId: product.id, offer: structuredClone(offer) });
    }
    return matches;
  }

  override upsertProducts(
    products: readonly ProductInput[],
    options?: OperationOptions,
  ): Promise<BatchResult<ProductInput, Product>> {
    return this.#write(
      'upsertProducts',
      ProductInputSchema,
      products,
      (input) => upsertProduct(this.#core, input),
      options,
      productChecks(this.config.currency, this.platform),
    );
  }

  override deleteProducts(ids: readonly string[], options?: OperationOptions): Promise<BatchResult<string, string>> {
    return this.#write('deleteProducts', IdSchema, ids, (id) => deleteProduct(this.#core, id), options);
  }

  override updatePrices(
    updates: readonly PriceUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    return this.#write(
      'updatePrices',
      PriceUpdateSchema,
      updates,
      (update) => updatePrice(this.#core, update),
      options,
      priceChecks(this.config.currency, this.platform),
    );
  }

  override async getInventory(query: InventoryQuery, options: OperationOptions = {}): Promise<InventoryLevel[]> {
    if (!query || !Array.isArray(query.skus)) {
      throw new ValidationError(
        'input of getInventory()',
        [{ path: ['skus'], message: 'Expected an array of SKUs.' }],
        { platform: this.platform, operation: 'getInventory' },
      );
    }
    const levels: InventoryLevel[] = [];
    for (let i = 0; i < query.skus.length || i === 0; i += this.config.pageSize) {
      await this.#enter('getInventory', options);
      for (const sku of query.skus.slice(i, i + this.config.pageSize)) {
        for (const level of this.#state.stock.levels(sku)) {
          if (query.locationId === undefined || level.locationId === query.locationId) levels.push(level);
        }
      }
    }
    return levels;
  }

  override setInventory(
    updates: readonly InventorySet[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    return this.#write(
      'setInventory',
      InventorySetSchema,
      updates,
      (update) => setInventoryLevel(this.#core, update),
      options,
      keyChecks(defaultLocation(this.#core), setFingerprint),
    );
  }

  override adjustInventory(
    adjustments: readonly InventoryAdjustment[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventoryAdjustment, InventoryLevel>> {
    return this.#write(
      'adjustInventory',
      InventoryAdjustmentSchema,
      adjustments,
      (adjustment) => adjustInventoryLevel(this.#core, adjustment),
      options,
      keyChecks(defaultLocation(this.#core), adjustFingerprint),
    );
  }

  override listOrders(query: ListOrdersQuery = {}, options: OperationOptions = {}): AsyncIterable<Order> {
    return this.#paged('listOrders', query.pageSize, options, (offset, size) =>
      [...this.#state.orders.values()]
        .filter(
          (o) =>
            (query.since === undefined || o.updatedAt >= query.since) &&
            (query.status === undefined || query.status.includes(o.status)),
        )
        .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? -1 : 1))
        .slice(offset, offset + size),
    );
  }

  override async getOrder(id: string, options: OperationOptions = {}): Promise<Order> {
    await this.#enter('getOrder', options);
    const order = this.#state.orders.get(id);
    if (!order) throw new NotFoundError(`No order with id ${id}.`, { platform: this.platform, operation: 'getOrder' });
    return structuredClone(order);
  }

  override acknowledgeOrders(ids: readonly string[], options?: OperationOptions): Promise<BatchResult<string, Order>> {
    return this.#write('acknowledgeOrders', IdSchema, ids, (id) => acknowledgeOrder(this.#core, id), options);
  }

  override confirmShipment(
    shipments: readonly Shipment[],
    options?: OperationOptions,
  ): Promise<BatchResult<Shipment, Shipment>> {
    return this.#write(
      'confirmShipment',
      ShipmentSchema,
      shipments,
      (shipment) => confirmShipment(this.#core, shipment),
      options,
    );
  }

  override cancelOrder(
    requests: readonly CancelOrderRequest[],
    options?: OperationOptions,
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    return this.#write(
      'cancelOrder',
      CancelOrderRequestSchema,
      requests,
      (request) => cancelOrder(this.#core, request),
      options,
    );
  }

  override listFinancialEvents(
    query: ListFinancialEventsQuery = {},
    options: OperationOptions = {},
  ): AsyncIterable<FinancialEvent> {
    return this.#paged('listFinancialEvents', undefined, options, (offset, size) =>
      this.#state.financialEvents
        .filter(
          (e) =>
            (query.since === undefined || e.occurredAt >= query.since) &&
            (query.until === undefined || e.occurredAt < query.until) &&
            (query.orderId === undefined || e.orderId === query.orderId),
        )
        .slice(offset, offset + size),
    );
  }

  override async healthCheck(options: OperationOptions = {}): Promise<HealthStatus> {
    const started = this.context.clock.now();
    await this.#enter('healthCheck', options);
    const now = this.context.clock.now();
    return { ok: true, latencyMs: now - started, checkedAt: new Date(now).toISOString() };
  }

  async #enter(operation: OperationName, options: OperationOptions) {
    const plan = await this.#gate.enter(operation, options.signal);
    this.processArrivals();
    return plan;
  }

  /** Offset pagination over what `select(offset, size)` returns, read again for every page as a real API would. */
  #paged<T>(
    operation: OperationName,
    pageSize: number | undefined,
    options: OperationOptions,
    select: (offset: number, size: number) => T[],
  ): AsyncIterable<T> {
    const size = Math.max(1, Math.min(pageSize ?? this.config.pageSize, this.config.pageSize));
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        let offset = 0;
        for (;;) {
          await self.#enter(operation, options);
          const page = select(offset, size);
          offset += page.length;
          for (const item of page) yield structuredClone(item);
          if (page.length < size) return;
        }
      },
    };
  }

  async #write<I, S extends z.ZodType, T>(
    operation: OperationName,
    schema: S,
    items: readonly I[],
    apply: (item: z.output<S>) => T,
    options: OperationOptions = {},
    check?: (parsed: readonly (z.output<S> | undefined)[]) => readonly ValidationIssue[],
  ): Promise<BatchResult<I, T>> {
    const parsed = this.parseBatch(operation, schema, items, check);
    const outcomes: ItemOutcome<I, T>[] = [];
    const size = this.config.maxBatchSize;
    for (let start = 0; start < parsed.length; start += size) {
      const plan = await this.#enter(operation, options);
      const chunk = parsed.slice(start, start + size);
      const applyCount = Math.min(chunk.length, plan.failAfter?.applied ?? chunk.length);
      for (let i = 0; i < applyCount; i++) {
        const index = start + i;
        try {
          outcomes.push({ index, input: items[index] as I, ok: true, value: apply(chunk[i] as z.output<S>) });
        } catch (error) {
          if (!isMarketbridgeError(error)) throw error;
          outcomes.push({ index, input: items[index] as I, ok: false, error });
        }
      }
      if (plan.failAfter) throw this.#gate.failure(plan.failAfter.kind, operation);
      this.reportProgress(operation, outcomes.length, parsed.length, outcomes.filter((o) => !o.ok).length);
    }
    return toBatchResult(outcomes);
  }
}
