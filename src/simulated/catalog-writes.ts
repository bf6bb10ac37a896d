import { ConflictError } from '../core/errors/conflict-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { Money } from '../model/money.js';
import type { Offer, PriceUpdate } from '../model/offer.js';
import { ProductInputSchema, type Product } from '../model/product.js';
import type { z } from 'zod';
import type { SimCore } from './core.js';
import { emptyLevels } from './state.js';

type ParsedProductInput = z.output<typeof ProductInputSchema>;

function checkCurrency(sim: SimCore, amount: Money | null | undefined, path: (string | number)[], operation: string): void {
  if (amount && amount.currency !== sim.config.currency) {
    throw new ValidationError(`input of ${operation}()`, [
      { path, message: `${sim.platform} sells in ${sim.config.currency}; got ${amount.currency}.` },
    ], { platform: sim.platform, operation });
  }
}

/** Creates or replaces one product. */
export function upsertProduct(sim: SimCore, input: ParsedProductInput): Product {
  const { state } = sim;
  const existing = input.id === undefined ? undefined : state.products.get(input.id);
  if (input.id !== undefined && !existing) {
    throw new NotFoundError(`No product with id ${input.id}; omit id to create one.`, { platform: sim.platform, operation: 'upsertProducts' });
  }
  const skus = new Set<string>();
  input.offers.forEach((offer, i) => {
    if (skus.has(offer.sku)) {
      throw new ValidationError('input of upsertProducts()', [{ path: ['offers', i, 'sku'], message: `SKU ${offer.sku} appears twice.` }], {
        platform: sim.platform,
        operation: 'upsertProducts',
      });
    }
    skus.add(offer.sku);
    const owner = state.skuToProduct.get(offer.sku);
    if (owner !== undefined && owner !== input.id) {
      throw new ConflictError(`SKU ${offer.sku} already belongs to product ${owner}.`, { platform: sim.platform, operation: 'upsertProducts' });
    }
    checkCurrency(sim, offer.price, ['offers', i, 'price'], 'upsertProducts');
    checkCurrency(sim, offer.compareAtPrice, ['offers', i, 'compareAtPrice'], 'upsertProducts');
  });
  const id = existing?.id ?? `P-${String(++state.sequence.product).padStart(5, '0')}`;
  const now = sim.now();
  for (const offer of existing?.offers ?? []) {
    if (!skus.has(offer.sku)) {
      state.skuToProduct.delete(offer.sku);
      state.inventory.delete(offer.sku);
    }
  }
  for (const sku of skus) {
    state.skuToProduct.set(sku, id);
    if (!state.inventory.has(sku)) state.inventory.set(sku, emptyLevels(sku, sim.config.locations, now));
  }
  const product: Product = { ...structuredClone(input), id, updatedAt: now };
  state.products.set(id, product);
  return structuredClone(product);
}

/** Deletes one product, its offers and their stock. */
export function deleteProduct(sim: SimCore, id: string): string {
  const product = sim.state.products.get(id);
  if (!product) throw new NotFoundError(`No product with id ${id}.`, { platform: sim.platform, operation: 'deleteProducts' });
  for (const offer of product.offers) {
    sim.state.skuToProduct.delete(offer.sku);
    sim.state.inventory.delete(offer.sku);
  }
  sim.state.products.delete(id);
  return id;
}

/** Sets the price of one SKU. */
export function updatePrice(sim: SimCore, update: PriceUpdate): Offer {
  const productId = sim.state.skuToProduct.get(update.sku);
  const product = productId === undefined ? undefined : sim.state.products.get(productId);
  const offer = product?.offers.find((o) => o.sku === update.sku);
  if (!product || !offer) throw new NotFoundError(`No offer with SKU ${update.sku}.`, { platform: sim.platform, operation: 'updatePrices' });
  checkCurrency(sim, update.price, ['price'], 'updatePrices');
  checkCurrency(sim, update.compareAtPrice, ['compareAtPrice'], 'updatePrices');
  offer.price = { ...update.price };
  if (update.compareAtPrice === null) delete offer.compareAtPrice;
  else if (update.compareAtPrice !== undefined) offer.compareAtPrice = { ...update.compareAtPrice };
  product.updatedAt = sim.now();
  return structuredClone(offer);
}
