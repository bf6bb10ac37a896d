import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import type { Money } from '../../../model/money.js';
import type { BolPricing } from '../types.js';
import { toBolUnitPrice } from './money.js';

/**
 * One volume price in canonical money: from `quantity` units on, each costs `unitPrice`.
 *
 * @category Platform types and mapping
 */
export interface BundlePrice {
  quantity: number;
  unitPrice: Money;
}

/**
 * bol.com's bundle price rules: 1 to 4 prices, quantities whole numbers from 1 to 24, quantity
 * 1 present, each quantity once, and a lower unit price for every larger quantity.
 *
 * @example
 * ```ts
 * BOL_BUNDLE_RULES.maxPrices; // 4
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_BUNDLE_RULES = { maxPrices: 4, minQuantity: 1, maxQuantity: 24 } as const;

/**
 * Checks bundle prices against bol.com's rules and converts them (sorted by quantity) to the
 * `pricing` block, or lists every problem with its path (`[i, 'quantity']`, `[i, 'unitPrice']`).
 *
 * @example
 * ```ts
 * const eur = (n: number) => ({ amountMinor: n, currency: 'EUR' });
 * toBolPricing([{ quantity: 1, unitPrice: eur(999) }, { quantity: 6, unitPrice: eur(899) }]);
 * // { ok: true, pricing: { bundlePrices: [{ quantity: 1, unitPrice: 9.99 }, { quantity: 6, unitPrice: 8.99 }] } }
 * ```
 */
export function toBolPricing(
  prices: readonly BundlePrice[],
): { ok: true; pricing: BolPricing } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(prices) || prices.length === 0)
    return { ok: false, issues: [{ path: [], message: 'Give at least one bundle price (quantity 1).' }] };
  if (prices.length > BOL_BUNDLE_RULES.maxPrices)
    issues.push({
      path: [],
      message: `bol.com takes at most ${BOL_BUNDLE_RULES.maxPrices} bundle prices; got ${prices.length}.`,
    });
  const seen = new Set<number>();
  const converted: { index: number; quantity: number; unitPrice: number; minor: number }[] = [];
  prices.forEach((price, index) => {
    const quantity = price?.quantity;
    let usable = false;
    if (
      !Number.isInteger(quantity) ||
      quantity < BOL_BUNDLE_RULES.minQuantity ||
      quantity > BOL_BUNDLE_RULES.maxQuantity
    ) {
      issues.push({
        path: [index, 'quantity'],
        message: `A bundle quantity is a whole number from 1 to 24; got ${String(quantity)}.`,
      });
    } else if (seen.has(quantity))
      issues.push({ path: [index, 'quantity'], message: `Quantity ${quantity} has two prices.` });
    else {
      seen.add(quantity);
      usable = true;
    }
    const unit = price?.unitPrice ? toBolUnitPrice(price.unitPrice) : undefined;
    if (!unit) issues.push({ path: [index, 'unitPrice'], message: 'Give a unit price.' });
    else if (unit.isErr()) issues.push({ path: [index, 'unitPrice'], message: unit.error.message });
    // Only tiers with a usable quantity take part in the ordering check.
    else if (usable) converted.push({ index, quantity, unitPrice: unit.value, minor: price.unitPrice.amountMinor });
  });
  if (!prices.some((price) => price?.quantity === 1))
    issues.push({ path: [], message: 'bol.com requires a price for quantity 1.' });
  const sorted = [...converted].sort((a, b) => a.quantity - b.quantity);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minor >= sorted[i - 1]!.minor) {
      issues.push({
        path: [sorted[i]!.index, 'unitPrice'],
        message: `The unit price for ${sorted[i]!.quantity} must be lower than the one for ${sorted[i - 1]!.quantity}.`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, pricing: { bundlePrices: sorted.map(({ quantity, unitPrice }) => ({ quantity, unitPrice })) } };
}
