import type { BolConditionName } from '../types.js';

/**
 * Canonical condition of a bol.com condition: `NEW` is new, every second-hand grade is used.
 *
 * @example
 * ```ts
 * conditionFromBol('AS_NEW'); // 'used'
 * ```
 */
export function conditionFromBol(name: string | undefined): 'new' | 'used' {
  return name === undefined || name === 'NEW' ? 'new' : 'used';
}

/**
 * The bol.com condition names.
 *
 * @example
 * ```ts
 * BOL_CONDITIONS.includes('GOOD'); // true
 * ```
 */
export const BOL_CONDITIONS: readonly BolConditionName[] = ['NEW', 'AS_NEW', 'GOOD', 'REASONABLE', 'MODERATE'];

/**
 * The bol.com condition for an offer to create: an explicit grade (`attributes['bol:condition']`)
 * wins; canonical `new` is `NEW`. Second-hand offers need a grade, so `used` and `refurbished`
 * without one give `undefined` (the item is refused with a message naming the grades).
 *
 * @example
 * ```ts
 * conditionToBol('new', undefined); // 'NEW'
 * conditionToBol('used', 'GOOD'); // 'GOOD'
 * conditionToBol('used', undefined); // undefined
 * ```
 */
export function conditionToBol(
  condition: 'new' | 'used' | 'refurbished' | undefined,
  grade: string | undefined,
): BolConditionName | undefined {
  if (grade !== undefined)
    return BOL_CONDITIONS.includes(grade as BolConditionName) ? (grade as BolConditionName) : undefined;
  return condition === undefined || condition === 'new' ? 'NEW' : undefined;
}
