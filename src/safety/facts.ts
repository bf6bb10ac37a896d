import type { InventoryLevel } from '../model/inventory.js';
import type { Money } from '../model/money.js';
import type { Product } from '../model/product.js';

/**
 * The current price and cost of one offer, as the validator sees it.
 *
 * @category Validator
 */
export interface OfferFact {
  /** The price the offer has now. */
  price: Money;
  /** What the seller pays for it, for cost and margin rules. */
  cost?: Money;
  /** The product (listing) the offer belongs to. */
  productId?: string;
}

/**
 * What the validator knows about the marketplace's current state. Rules that need a fact they
 * are not given (a current price for a change limit, the catalog size for a share cap) cannot
 * check it and pass; `RealWorldAdapter` always supplies these facts from the marketplace itself.
 *
 * @example
 * ```ts
 * const facts: SafetyFacts = {
 *   currency: 'EUR',
 *   catalogSize: 1200,
 *   skuCount: 3000,
 *   offers: { 'A-1': { price: { amountMinor: 1999, currency: 'EUR' } } },
 *   stock: { 'A-1': 12 },
 * };
 * ```
 *
 * @category Validator
 */
export interface SafetyFacts {
  /** The currency the marketplace sells in. */
  currency?: string;
  /** Number of listings (products) in the catalog. */
  catalogSize?: number;
  /** Number of SKUs (offers) in the catalog. */
  skuCount?: number;
  /** Current offers by SKU. */
  offers?: Record<string, OfferFact>;
  /** Available units by SKU, summed over locations. */
  stock?: Record<string, number>;
}

/**
 * Builds {@link SafetyFacts} from a catalog and stock levels, e.g. what
 * `RealWorldAdapter.syncStateFromRealWorld()` or a simulated marketplace's `snapshot()` returns.
 *
 * @example
 * ```ts
 * const { products, inventory } = simulated.snapshot();
 * const facts = factsFromState(products, inventory, 'EUR');
 * ```
 *
 * @category Validator
 */
export function factsFromState(
  products: readonly Product[],
  inventory: readonly InventoryLevel[],
  currency?: string,
): SafetyFacts {
  const offers: Record<string, OfferFact> = {};
  for (const product of products) {
    for (const offer of product.offers) {
      offers[offer.sku] = offer.cost
        ? { price: offer.price, cost: offer.cost, productId: product.id }
        : { price: offer.price, productId: product.id };
    }
  }
  const stock: Record<string, number> = {};
  for (const level of inventory) stock[level.sku] = (stock[level.sku] ?? 0) + level.available;
  const facts: SafetyFacts = { catalogSize: products.length, skuCount: Object.keys(offers).length, offers, stock };
  const first = products[0]?.offers[0]?.price.currency;
  const resolved = currency ?? first;
  if (resolved !== undefined) facts.currency = resolved;
  return facts;
}
