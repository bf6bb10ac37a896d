import type { SafetyRule } from '../rule.js';
import { quantityRule, stockZeroingRule } from './catalog-rules.js';
import { bulkDeleteRule, deleteWindowRule } from './delete-rules.js';
import { revisionsPerDayRule } from './platform-rules.js';
import { costRule, currencyRule, priceBoundsRule, priceChangeRule, priceWindowRule } from './price-rules.js';

/**
 * The built-in rules, in the order they run. Each reads its limits from the constraints in
 * force and does nothing when its limit is not set.
 *
 * @example
 * ```ts
 * BUILTIN_SAFETY_RULES.map((rule) => rule.name);
 * // ['currency', 'price_bounds', 'price_to_cost', 'price_change', 'price_window', 'bulk_delete', 'delete_window', 'stock_zeroing', 'quantity', 'platform_revisions']
 * ```
 *
 * @category Validator
 */
export const BUILTIN_SAFETY_RULES: readonly SafetyRule[] = Object.freeze([
  currencyRule,
  priceBoundsRule,
  costRule,
  priceChangeRule,
  priceWindowRule,
  bulkDeleteRule,
  deleteWindowRule,
  stockZeroingRule,
  quantityRule,
  revisionsPerDayRule,
]);
