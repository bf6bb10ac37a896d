import type { z } from 'zod';
import type { FinancialEvent } from '../model/finance.js';
import type { InventoryAdjustment, InventoryLevel, InventorySet } from '../model/inventory.js';
import type { Offer, OfferMatch, PriceUpdate } from '../model/offer.js';
import type { CancelOrderRequest, Order } from '../model/order.js';
import type { Product, ProductInput } from '../model/product.js';
import type { Shipment } from '../model/shipment.js';
import type { BatchResult } from './batch.js';
import { OPERATIONS, type Capabilities, type CapabilityDeclaration, type OperationName } from './capabilities.js';
import { createContext, type Context, type ResolvedContext } from './context.js';
import { checkedWith } from './checked-batch.js';
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
import { ValidationError, type ValidationIssue } from './errors/validation-error.js';
import type {
  HealthStatus,
  InventoryQuery,
  ListFinancialEventsQuery,
  ListOrdersQuery,
  ListProductsQuery,
} from './queries.js';
import type { OperationOptions } from './types.js';

/**
 * The one interface every marketplace implements: built-in connectors, the simulated
 * marketplace and your own. Subclass it and override the operations your platform supports;
 * every other operation rejects with {@link UnsupportedOperationError} naming the platform and
 * the operation, and `capabilities` lists exactly what you implemented.
 *
 * Lists are lazy `AsyncIterable`s that fetch a page at a time. Writes take arrays and return a
 * {@link BatchResult} with one outcome per item; input is validated whole first, so bad input
 * is rejected with a {@link ValidationError} before anything is written.
 *
 * @example
 * ```ts
 * class MyShop extends BaseMarketplaceAPI {
 *   readonly platform = 'my-shop';
 *
 *   override async *listProducts(): AsyncIterable<Product> {
 *     for (const row of await db.products()) yield toProduct(row);
 *   }
 *
 *   override async updatePrices(updates: PriceUpdate[]) {
 *     const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
 *     return toBatchResult(await Promise.all(valid.map(async (input, index) => {
 *       await db.setPrice(input.sku, input.price);
 *       return { index, input, ok: true as const, value: input };
 *     })));
 *   }
 * }
 * ```
 *
 * @category Marketplace contract
 */
export abstract class BaseMarketplaceAPI {
  /** The marketplace's name, e.g. `shopify` or `my-shop`. */
  abstract readonly platform: string;
  /** The dependencies this instance works with, defaults filled in. */
  readonly context: ResolvedContext;
  #capabilities?: Capabilities;

  /** @param context - dependencies; every field has a default (see `createContext`) */
  constructor(context: Context = {}) {
    this.context = createContext(context);
  }

  /** What this instance can do. `operations` lists the methods the class overrides. */
  get capabilities(): Capabilities {
    if (!this.#capabilities) {
      const declared = this.declareCapabilities();
      const operations = new Set<OperationName>(
        OPERATIONS.filter((operation) => this[operation] !== BaseMarketplaceAPI.prototype[operation]),
      );
      this.#capabilities = {
        operations,
        supports: (operation) => operations.has(operation),
        maxBatchSize: { ...declared.maxBatchSize },
        inventoryCompareAndSet: declared.inventoryCompareAndSet ?? false,
        idempotentAdjustments: declared.idempotentAdjustments ?? false,
        idempotentSets: declared.idempotentSets ?? false,
      };
    }
    return this.#capabilities;
  }

  /** Override to declare batch sizes and features; `operations` is derived automatically. */
  protected declareCapabilities(): CapabilityDeclaration {
    return {};
  }

  /** Products, page by page. */
  listProducts(query?: ListProductsQuery, options?: OperationOptions): AsyncIterable<Product> {
    return this.unsupportedList('listProducts');
  }

  /** One product by the marketplace's id; rejects with `NotFoundError` if it does not exist. */
  async getProduct(id: string, options?: OperationOptions): Promise<Product> {
    throw this.unsupported('getProduct');
  }

  /**
   * The offers with these SKUs and the products that hold them, found without reading the
   * catalog (Shopify's variants-by-SKU search, Amazon's listings item, ...). A SKU with no offer
   * is absent from the answer; a SKU several products share appears once per product. The safety
   * layer uses it to record the prior state and read back a price write; without it, it scans
   * `listProducts`.
   *
   * @example
   * ```ts
   * if (marketplace.capabilities.supports('getOffersBySku')) {
   *   const [match] = await marketplace.getOffersBySku(['MUG-1']);
   *   console.log(match?.productId, match?.offer.price);
   * }
   * ```
   */
  async getOffersBySku(skus: readonly string[], options?: OperationOptions): Promise<OfferMatch[]> {
    throw this.unsupported('getOffersBySku');
  }

  /** Creates products without `id` and replaces those with one. */
  async upsertProducts(
    products: readonly ProductInput[],
    options?: OperationOptions,
  ): Promise<BatchResult<ProductInput, Product>> {
    throw this.unsupported('upsertProducts');
  }

  /** Deletes products (and their offers) by id. */
  async deleteProducts(ids: readonly string[], options?: OperationOptions): Promise<BatchResult<string, string>> {
    throw this.unsupported('deleteProducts');
  }

  /** Sets the price of each SKU. */
  async updatePrices(
    updates: readonly PriceUpdate[],
    options?: OperationOptions,
  ): Promise<BatchResult<PriceUpdate, Offer>> {
    throw this.unsupported('updatePrices');
  }

  /** Stock levels of the given SKUs, per location. */
  async getInventory(query: InventoryQuery, options?: OperationOptions): Promise<InventoryLevel[]> {
    throw this.unsupported('getInventory');
  }

  /** Absolute stock writes; compare-and-set when `expectedVersion`/`expectedAvailable` is given. */
  async setInventory(
    updates: readonly InventorySet[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventorySet, InventoryLevel>> {
    throw this.unsupported('setInventory');
  }

  /** Relative stock changes. */
  async adjustInventory(
    adjustments: readonly InventoryAdjustment[],
    options?: OperationOptions,
  ): Promise<BatchResult<InventoryAdjustment, InventoryLevel>> {
    throw this.unsupported('adjustInventory');
  }

  /** Orders created or updated since `query.since`, page by page. */
  listOrders(query?: ListOrdersQuery, options?: OperationOptions): AsyncIterable<Order> {
    return this.unsupportedList('listOrders');
  }

  /** One order by id; rejects with `NotFoundError` if it does not exist. */
  async getOrder(id: string, options?: OperationOptions): Promise<Order> {
    throw this.unsupported('getOrder');
  }

  /** Tells the marketplace the seller has taken these orders in. */
  async acknowledgeOrders(ids: readonly string[], options?: OperationOptions): Promise<BatchResult<string, Order>> {
    throw this.unsupported('acknowledgeOrders');
  }

  /** Confirms shipments with tracking. */
  async confirmShipment(
    shipments: readonly Shipment[],
    options?: OperationOptions,
  ): Promise<BatchResult<Shipment, Shipment>> {
    throw this.unsupported('confirmShipment');
  }

  /** Cancels orders, whole or some lines. */
  async cancelOrder(
    requests: readonly CancelOrderRequest[],
    options?: OperationOptions,
  ): Promise<BatchResult<CancelOrderRequest, Order>> {
    throw this.unsupported('cancelOrder');
  }

  /** Money movements (sales, refunds, fees, payouts), page by page. */
  listFinancialEvents(query?: ListFinancialEventsQuery, options?: OperationOptions): AsyncIterable<FinancialEvent> {
    return this.unsupportedList('listFinancialEvents');
  }

  /** Checks that the marketplace answers with these credentials. */
  async healthCheck(options?: OperationOptions): Promise<HealthStatus> {
    throw this.unsupported('healthCheck');
  }

  /** The error an unimplemented operation rejects with. */
  protected unsupported(operation: OperationName): UnsupportedOperationError {
    return new UnsupportedOperationError(this.platform, operation);
  }

  /**
   * Validates a whole batch with `schema` and returns the parsed items. Rejects the whole batch
   * with one {@link ValidationError} listing every bad item (paths start with the item's index)
   * so that nothing is half-applied.
   *
   * `check` adds the rules a schema cannot express: rules across items (a SKU twice in one
   * batch, one idempotency key for two different writes) and rules of this marketplace (the
   * currency it sells in). It receives the parsed items, `undefined` where an item failed the
   * schema, and returns issues whose paths start with the item's index; they are reported
   * together with the schema's. Keep it to what the input alone decides: a failure that
   * depends on the marketplace's state (an unknown SKU, a stale compare-and-set) is a per-item
   * outcome, not a rejection of the batch.
   *
   * @example
   * ```ts
   * const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates, (items) =>
   *   items.flatMap((item, index) =>
   *     item && item.price.currency !== 'EUR' ? [{ path: [index, 'price', 'currency'], message: 'This shop sells in EUR.' }] : [],
   *   ),
   * );
   * ```
   */
  protected parseBatch<S extends z.ZodType>(
    operation: OperationName,
    schema: S,
    items: readonly unknown[],
    check?: (parsed: readonly (z.output<S> | undefined)[]) => readonly ValidationIssue[],
  ): z.output<S>[] {
    if (!Array.isArray(items)) {
      throw new ValidationError(`input of ${operation}()`, [{ path: [], message: 'Expected an array of items.' }], {
        platform: this.platform,
        operation,
      });
    }
    const issues: ValidationIssue[] = [];
    // A batch marketbridge built and checked against this very schema is not validated again.
    const trusted = checkedWith(items) === schema;
    const parsed: (z.output<S> | undefined)[] = trusted ? (items.slice() as z.output<S>[]) : [];
    if (!trusted)
      items.forEach((item, index) => {
        const result = schema.safeParse(item);
        parsed.push(result.success ? result.data : undefined);
        if (!result.success)
          for (const issue of result.error.issues)
            issues.push({
              path: [index, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
              message: issue.message,
              code: issue.code,
            });
      });
    if (check) {
      issues.push(...check(parsed));
      // In item order, whichever rule found them.
      issues.sort((a, b) => Number(a.path[0] ?? -1) - Number(b.path[0] ?? -1));
    }
    if (issues.length > 0) {
      throw new ValidationError(`input of ${operation}()`, issues, { platform: this.platform, operation });
    }
    return parsed as z.output<S>[];
  }

  /** Emits `batchProgress` for a write in progress. */
  protected reportProgress(operation: OperationName, done: number, total: number, failed: number): void {
    this.context.events.emit('batchProgress', {
      platform: this.platform,
      tenantId: this.context.tenantId,
      operation,
      done,
      total,
      failed,
    });
  }

  private unsupportedList<T>(operation: OperationName): AsyncIterable<T> {
    const error = () => this.unsupported(operation);
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(error()),
      }),
    };
  }
}
