import { ConflictError } from '../core/errors/conflict-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import type { Offer, PriceUpdate } from '../model/offer.js';
import type { ProductInputSchema, Product } from '../model/product.js';
import type { z } from 'zod';
import type { SimCore } from './write-context.js';
import { productId, productNumber } from './products.js';

type ParsedProductInput = z.output<typeof ProductInputSchema>;

/** Creates or replaces one product. */
export function upsertProduct(sim: SimCore, input: ParsedProductInput): Product {
  const { state } = sim;
  const existing = input.id === undefined ? undefined : state.products.get(input.id);
  if (input.id !== undefined && !existing) {
    throw new NotFoundError(`No product with id ${input.id}; omit id to create one.`, {
      platform: sim.platform,
      operation: 'upsertProducts',
    });
  }
  // The batch was checked whole before this (currency, a SKU once per product and per batch);
  // what remains depends on the catalog: a SKU that belongs to another product.
  const skus = new Set<string>();
  for (const offer of input.offers) {
    skus.add(offer.sku);
    const owner = state.stock.ownerOf(offer.sku);
    if (owner !== undefined && productId(owner) !== input.id) {
      throw new ConflictError(`SKU ${offer.sku} already belongs to product ${productId(owner)}.`, {
        platform: sim.platform,
        operation: 'upsertProducts',
      });
    }
  }
  const n = (existing?.id === undefined ? undefined : productNumber(existing.id)) ?? ++state.sequence.product;
  const id = productId(n);
  const now = sim.now();
  for (const offer of existing?.offers ?? []) {
    if (!skus.has(offer.sku)) state.stock.remove(offer.sku);
  }
  for (const sku of skus) {
    if (state.stock.has(sku)) state.stock.setOwner(sku, n);
    else state.stock.add(sku, n, now);
  }
  const product: Product = { ...structuredClone(input), id, updatedAt: now };
  state.products.set(product);
  return structuredClone(product);
}

/** Deletes one product, its offers and their stock. */
export function deleteProduct(sim: SimCore, id: string): string {
  const product = sim.state.products.get(id);
  if (!product)
    throw new NotFoundError(`No product with id ${id}.`, { platform: sim.platform, operation: 'deleteProducts' });
  for (const offer of product.offers) sim.state.stock.remove(offer.sku);
  sim.state.products.delete(id);
  return id;
}

/** Sets the price of one SKU. */
export function updatePrice(sim: SimCore, update: PriceUpdate): Offer {
  const owner = sim.state.stock.ownerOf(update.sku);
  const product = owner === undefined ? undefined : sim.state.products.byNumber(owner);
  const offer = product?.offers.find((o) => o.sku === update.sku);
  if (!product || !offer)
    throw new NotFoundError(`No offer with SKU ${update.sku}.`, { platform: sim.platform, operation: 'updatePrices' });
  offer.price = { ...update.price };
  if (update.compareAtPrice === null) delete offer.compareAtPrice;
  else if (update.compareAtPrice !== undefined) offer.compareAtPrice = { ...update.compareAtPrice };
  product.updatedAt = sim.now();
  // A generated product is read as a fresh copy, so the change is kept by storing it.
  sim.state.products.set(product);
  return structuredClone(offer);
}
