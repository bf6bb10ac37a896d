import type { ValidationIssue } from '../core/errors/validation-error.js';
import type { InventoryAdjustment, InventorySet } from '../model/inventory.js';
import type { Money } from '../model/money.js';
import type { PriceUpdate } from '../model/offer.js';
import type { z } from 'zod';
import type { ProductInputSchema } from '../model/product.js';

// The rules of a simulated marketplace that the input alone decides. They run on the whole
// batch before anything is written (`parseBatch`'s check), so a batch that breaks one is
// rejected whole. What depends on the marketplace's state (an unknown id or SKU, a SKU owned by
// another product, a stale compare-and-set, too little stock) stays a per-item outcome.

type ParsedProductInput = z.output<typeof ProductInputSchema>;
type Issues = ValidationIssue[];

function currency(
  issues: Issues,
  sells: string,
  platform: string,
  amount: Money | null | undefined,
  path: (string | number)[],
): void {
  if (amount && amount.currency !== sells)
    issues.push({ path, message: `${platform} sells in ${sells}; got ${amount.currency}. Convert the amount first.` });
}

/** Remembers the first item of each name and reports later items that repeat it. */
function firsts<K>(issues: Issues): (key: K, path: (string | number)[], message: (first: number) => string) => void {
  const seen = new Map<K, number>();
  return (key, path, message) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, path[0] as number);
    else issues.push({ path, message: message(first) });
  };
}

/** Prices in the marketplace's currency; a product id and a SKU in at most one product of the batch. */
export function productChecks(sells: string, platform: string) {
  return (items: readonly (ParsedProductInput | undefined)[]): Issues => {
    const issues: Issues = [];
    const id = firsts<string>(issues);
    const sku = firsts<string>(issues);
    items.forEach((item, index) => {
      if (!item) return;
      if (item.id !== undefined)
        id(
          item.id,
          [index, 'id'],
          (first) => `Product ${item.id} is also item ${first} of this batch; send each product once.`,
        );
      item.offers.forEach((offer, o) => {
        sku(
          offer.sku,
          [index, 'offers', o, 'sku'],
          (first) => `SKU ${offer.sku} is also in item ${first} of this batch; a SKU belongs to one product.`,
        );
        currency(issues, sells, platform, offer.price, [index, 'offers', o, 'price', 'currency']);
        currency(issues, sells, platform, offer.compareAtPrice, [index, 'offers', o, 'compareAtPrice', 'currency']);
      });
    });
    return issues;
  };
}

/** Prices in the marketplace's currency; one update per SKU. */
export function priceChecks(sells: string, platform: string) {
  return (items: readonly (PriceUpdate | undefined)[]): Issues => {
    const issues: Issues = [];
    const sku = firsts<string>(issues);
    items.forEach((item, index) => {
      if (!item) return;
      sku(
        item.sku,
        [index, 'sku'],
        (first) => `SKU ${item.sku} is also item ${first} of this batch; send one price update per SKU.`,
      );
      currency(issues, sells, platform, item.price, [index, 'price', 'currency']);
      currency(issues, sells, platform, item.compareAtPrice, [index, 'compareAtPrice', 'currency']);
    });
    return issues;
  };
}

/** What a keyed write asks for: two writes with one key must ask for the same. */
export function setFingerprint(update: InventorySet, location: string): string {
  return `set\u0000${update.sku}\u0000${location}\u0000${update.quantity}\u0000${update.expectedVersion ?? ''}\u0000${update.expectedAvailable ?? ''}`;
}

/** What a keyed adjustment asks for. */
export function adjustFingerprint(adjustment: InventoryAdjustment, location: string): string {
  return `adjust\u0000${adjustment.sku}\u0000${location}\u0000${adjustment.delta}`;
}

/**
 * One idempotency key names one write: the same key on two different writes of a batch is
 * refused (the same write twice is a replay and allowed).
 */
export function keyChecks<T extends { idempotencyKey?: string | undefined; locationId?: string | undefined }>(
  defaultLocation: string,
  fingerprint: (item: T, location: string) => string,
) {
  return (items: readonly (T | undefined)[]): Issues => {
    const issues: Issues = [];
    const bodies = new Map<string, { index: number; body: string }>();
    items.forEach((item, index) => {
      const key = item?.idempotencyKey;
      if (!item || key === undefined) return;
      const body = fingerprint(item, item.locationId ?? defaultLocation);
      const first = bodies.get(key);
      if (!first) bodies.set(key, { index, body });
      else if (first.body !== body) {
        issues.push({
          path: [index, 'idempotencyKey'],
          message: `Idempotency key ${key} is also the key of item ${first.index}, a different write; give each write its own key.`,
        });
      }
    });
    return issues;
  };
}
