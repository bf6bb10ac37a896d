import type { z } from 'zod';
import type { ConditionSchema } from '../../../model/offer.js';

/**
 * eBay's item conditions (`ConditionEnum` of the Inventory API).
 *
 * @example
 * ```ts
 * EBAY_CONDITIONS.includes('USED_GOOD'); // true
 * ```
 *
 * @category Platform types and mapping
 */
export const EBAY_CONDITIONS = Object.freeze([
  'NEW',
  'LIKE_NEW',
  'NEW_OTHER',
  'NEW_WITH_DEFECTS',
  'MANUFACTURER_REFURBISHED',
  'CERTIFIED_REFURBISHED',
  'EXCELLENT_REFURBISHED',
  'VERY_GOOD_REFURBISHED',
  'GOOD_REFURBISHED',
  'SELLER_REFURBISHED',
  'USED_EXCELLENT',
  'USED_VERY_GOOD',
  'USED_GOOD',
  'USED_ACCEPTABLE',
  'FOR_PARTS_OR_NOT_WORKING',
  'PRE_OWNED_EXCELLENT',
  'PRE_OWNED_FAIR',
] as const);

/**
 * One of eBay's item conditions.
 *
 * @category Platform types and mapping
 */
export type EbayCondition = (typeof EBAY_CONDITIONS)[number];

/**
 * The canonical condition of an offer: `new`, `used` or `refurbished`.
 *
 * @category Platform types and mapping
 */
export type CanonicalCondition = z.infer<typeof ConditionSchema>;

/**
 * How canonical conditions are written to eBay unless configured otherwise: `new` → `NEW`,
 * `used` → `USED_EXCELLENT` (eBay's plain "Used", condition 3000), `refurbished` →
 * `SELLER_REFURBISHED`.
 *
 * @example
 * ```ts
 * EBAY_DEFAULT_CONDITIONS.used; // 'USED_EXCELLENT'
 * ```
 *
 * @category Platform types and mapping
 */
export const EBAY_DEFAULT_CONDITIONS: Readonly<Record<CanonicalCondition, EbayCondition>> = Object.freeze({
  new: 'NEW',
  used: 'USED_EXCELLENT',
  refurbished: 'SELLER_REFURBISHED',
});

/**
 * The canonical condition of an eBay condition: the refurbished grades are `refurbished`; new,
 * open-box and new-with-defects items are `new`; like-new, used, pre-owned and for-parts items
 * are `used`. Unknown values (a condition eBay adds later) are `used`, the cautious reading.
 *
 * @example
 * ```ts
 * canonicalCondition('CERTIFIED_REFURBISHED'); // 'refurbished'
 * canonicalCondition('NEW_OTHER'); // 'new'
 * ```
 *
 * @category Platform types and mapping
 */
export function canonicalCondition(
  condition: string | undefined,
  overrides: Partial<Record<string, CanonicalCondition>> = {},
): CanonicalCondition {
  if (condition === undefined) return 'new';
  const override = overrides[condition];
  if (override) return override;
  if (condition.endsWith('_REFURBISHED')) return 'refurbished';
  if (condition === 'NEW' || condition === 'NEW_OTHER' || condition === 'NEW_WITH_DEFECTS') return 'new';
  return 'used';
}

/**
 * Whether a value is one of eBay's conditions.
 *
 * @example
 * ```ts
 * isEbayCondition('USED_GOOD'); // true
 * ```
 *
 * @category Platform types and mapping
 */
export function isEbayCondition(value: unknown): value is EbayCondition {
  return typeof value === 'string' && (EBAY_CONDITIONS as readonly string[]).includes(value);
}
