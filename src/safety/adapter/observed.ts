import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { OfferMatch } from '../../model/offer.js';
import type { Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import { canonicalJson } from '../../stores/store.js';

/**
 * The part of a marketplace's state an action touches, read before and after it runs. `values`
 * holds one comparable value per key (`offer:A-1.price`, `stock:A-1@WH-1.available`,
 * `product:P-1`, `order:1001.status`); the full records are kept for compensation. An offer
 * found by SKU without reading its product (`getOffersBySku`) is kept in `offers`.
 *
 * @category Real-world adapter
 */
export interface ObservedState {
  values: Record<string, unknown>;
  products: Record<string, Product>;
  levels: Record<string, InventoryLevel>;
  orders: Record<string, Order>;
  /** Offers read by SKU (`getOffersBySku`), by SKU, where the product itself was not read. */
  offers?: Record<string, OfferMatch>;
}

/**
 * One key whose value differs between two states.
 *
 * @category Real-world adapter
 */
export interface StateDifference {
  key: string;
  before: unknown;
  after: unknown;
}

/**
 * An empty observation.
 *
 * @example
 * ```ts
 * const observed = emptyObserved();
 * observed.values['offer:A-1.price'] = price;
 * ```
 */
export function emptyObserved(): ObservedState {
  return { values: {}, products: {}, levels: {}, orders: {} };
}

/**
 * Keys whose values differ, in key order.
 *
 * @example
 * ```ts
 * diffValues({ a: 1, b: 2 }, { a: 1, b: 3 }); // [{ key: 'b', before: 2, after: 3 }]
 * ```
 */
export function diffValues(before: Record<string, unknown>, after: Record<string, unknown>): StateDifference[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]))
    .map((key) => ({ key, before: before[key], after: after[key] }));
}

/**
 * The comparable summary of a product: what a listing write changes.
 *
 * @example
 * ```ts
 * productSummary(undefined); // 'absent'
 * ```
 */
export function productSummary(product: Product | undefined): unknown {
  if (!product) return 'absent';
  return {
    title: product.title,
    status: product.status,
    offers: Object.fromEntries(product.offers.map((offer) => [offer.sku, offer.price])),
  };
}

/**
 * A product as input for re-creating it (no id, no timestamps).
 *
 * @example
 * ```ts
 * await api.upsertProducts([toRecreateInput(deletedProduct)]);
 * ```
 */
export function toRecreateInput(product: Product): Omit<Product, 'id' | 'updatedAt'> {
  const { id: _id, updatedAt: _updatedAt, ...rest } = structuredClone(product);
  return rest;
}

/**
 * Statistics of a catalog scan, kept per connection.
 */
export interface CatalogStats {
  catalogSize: number;
  skuCount: number;
  currency?: string;
}

/**
 * Finds offers by SKU on a marketplace: asks `getOffersBySku` where the marketplace has it;
 * elsewhere remembers SKU → product id from catalog scans and falls back to a scan when a SKU
 * is unknown or moved, or when the marketplace has no `getProduct`.
 *
 * @example
 * ```ts
 * const catalog = new CatalogIndex(api);
 * const product = await catalog.productBySku('A-1');
 * ```
 */
export class CatalogIndex {
  readonly #api: BaseMarketplaceAPI;
  readonly #skuToProduct = new Map<string, string>();
  #stats: CatalogStats | undefined;

  constructor(api: BaseMarketplaceAPI) {
    this.#api = api;
  }

  /** Reads every product, refreshing the index and the statistics. */
  async scan(): Promise<Product[]> {
    const products: Product[] = [];
    for await (const product of this.#api.listProducts()) products.push(product);
    this.learn(products);
    return products;
  }

  /** Refreshes the index and statistics from a full catalog. */
  learn(products: readonly Product[]): void {
    this.#skuToProduct.clear();
    let skuCount = 0;
    for (const product of products) {
      for (const offer of product.offers) {
        this.#skuToProduct.set(offer.sku, product.id);
        skuCount++;
      }
    }
    const currency = products[0]?.offers[0]?.price.currency;
    this.#stats =
      currency === undefined
        ? { catalogSize: products.length, skuCount }
        : { catalogSize: products.length, skuCount, currency };
  }

  /** Forgets the statistics, so that the next `stats()` scans again (after creates and deletes). */
  invalidate(): void {
    this.#stats = undefined;
  }

  /** Catalog size, SKU count and currency, scanning once if needed. */
  async stats(): Promise<CatalogStats> {
    if (!this.#stats) await this.scan();
    return this.#stats as CatalogStats;
  }

  /**
   * One product by id, or `undefined` if it does not exist. A marketplace without
   * `getProduct` is read through `listProducts`.
   */
  async product(id: string): Promise<Product | undefined> {
    if (!this.#api.capabilities.supports('getProduct')) return (await this.scan()).find((product) => product.id === id);
    try {
      return await this.#api.getProduct(id);
    } catch (error) {
      if (isMarketbridgeError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  /** Several products by id (one scan when the marketplace has no `getProduct`); absent ones are `undefined`. */
  async products(ids: readonly string[]): Promise<(Product | undefined)[]> {
    if (this.#api.capabilities.supports('getProduct')) {
      const out: (Product | undefined)[] = [];
      for (const id of ids) out.push(await this.product(id));
      return out;
    }
    const byId = new Map((await this.scan()).map((product) => [product.id, product]));
    return ids.map((id) => byId.get(id));
  }

  /**
   * The offer with `sku` and its product's id, or `undefined`: one `getOffersBySku` call where the
   * marketplace has it (`product` is then absent), else the product found as `productBySku`
   * finds it.
   */
  async offerBySku(sku: string, signal?: AbortSignal): Promise<{ match: OfferMatch; product?: Product } | undefined> {
    if (this.#api.capabilities.supports('getOffersBySku')) {
      const match = (await this.#api.getOffersBySku([sku], signal ? { signal } : {})).find(
        (candidate) => candidate.sku === sku,
      );
      return match ? { match } : undefined;
    }
    const product = await this.productBySku(sku);
    const offer = product?.offers.find((candidate) => candidate.sku === sku);
    return product && offer ? { match: { sku, productId: product.id, offer }, product } : undefined;
  }

  /**
   * The product that has an offer with `sku`, or `undefined`. Found by `getOffersBySku` and
   * `getProduct` where the marketplace has both, else from the index, else by a scan.
   */
  async productBySku(sku: string): Promise<Product | undefined> {
    if (this.#api.capabilities.supports('getOffersBySku') && this.#api.capabilities.supports('getProduct')) {
      const match = (await this.#api.getOffersBySku([sku])).find((candidate) => candidate.sku === sku);
      return match ? this.product(match.productId) : undefined;
    }
    const known = this.#skuToProduct.get(sku);
    if (known !== undefined && this.#api.capabilities.supports('getProduct')) {
      const product = await this.product(known);
      if (product?.offers.some((offer) => offer.sku === sku)) return product;
    }
    return (await this.scan()).find((product) => product.offers.some((offer) => offer.sku === sku));
  }
}
