import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { isCurrencyCode } from './currency.js';
import { describeValue, moneyError, requireMoney } from './money-text.js';

export { formatMoney, parseMoney, type MoneyParseReason } from './money-text.js';

/**
 * Money as integer minor units and an ISO 4217 currency: `{ amountMinor: 1999, currency: 'EUR' }`
 * is 19.99 EUR; `{ amountMinor: 1999, currency: 'JPY' }` is ¥1,999. Never a float.
 *
 * @example
 * ```ts
 * const price = MoneySchema.parse({ amountMinor: 1999, currency: 'EUR' });
 * ```
 *
 * @category Money
 */
export const MoneySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** Integer amount in the currency's minor unit (cents for EUR). */
      amountMinor: z.number().int().refine(Number.isSafeInteger, 'Expected a safe integer number of minor units.'),
      /** ISO 4217 code, upper case. */
      currency: z
        .string()
        .refine(isCurrencyCode, 'Unknown ISO 4217 currency code; use an upper-case code such as EUR.'),
    })
    .strict(),
);

/**
 * Money as integer minor units and an ISO 4217 currency. See {@link MoneySchema}.
 *
 * @category Money
 */
export type Money = z.infer<typeof MoneySchema>;

/**
 * A price: {@link MoneySchema | Money} that is not negative. Offers, price updates and
 * `set_price` actions use it, so a negative price or compare-at price is refused before
 * anything is written. Zero is a valid price (a free item); guarding against prices that are
 * too low is the safety layer's job (`IntegrationValidator` price floors).
 *
 * @example
 * ```ts
 * PriceSchema.parse({ amountMinor: 1999, currency: 'EUR' });
 * PriceSchema.safeParse({ amountMinor: -1, currency: 'EUR' }).success; // false
 * ```
 *
 * @category Money
 */
export const PriceSchema = /* @__PURE__ */ lazySchema(() =>
  MoneySchema.refine((price) => price.amountMinor >= 0, {
    message: 'A price cannot be negative.',
    path: ['amountMinor'],
  }),
);

/**
 * Creates {@link Money} from integer minor units. Throws a `ValidationError` (a
 * `MarketbridgeError`) if `amountMinor` is not a safe integer or `currency` is not an
 * upper-case ISO 4217 code.
 *
 * @example
 * ```ts
 * money(1999, 'EUR'); // 19.99 EUR
 * money(19.99, 'EUR'); // throws ValidationError: minor units are whole
 * ```
 *
 * @category Money
 */
export function money(amountMinor: number, currency: string): Money {
  requireMoney({ amountMinor, currency }, 'money');
  return { amountMinor: amountMinor || 0, currency };
}

function sameCurrency(operation: string, a: Money, b: Money): void {
  requireMoney(a, operation, 'a');
  requireMoney(b, operation, 'b');
  if (a.currency !== b.currency)
    throw moneyError(operation, ['b', 'currency'], `Cannot combine ${a.currency} with ${b.currency}; convert first.`);
}

function result(operation: string, amountMinor: number | bigint, currency: string): Money {
  const exact = typeof amountMinor === 'bigint' ? amountMinor : BigInt(amountMinor);
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw moneyError(
      operation,
      [],
      `The result (${exact} minor units of ${currency}) is beyond the safe integer range of minor units (±${Number.MAX_SAFE_INTEGER}).`,
    );
  }
  return { amountMinor: Number(exact) || 0, currency };
}

/**
 * Adds two amounts of the same currency. Throws a `ValidationError` for different
 * currencies, arguments that are not Money, or a sum beyond the safe integer range.
 *
 * @example
 * ```ts
 * addMoney(money(10, 'EUR'), money(20, 'EUR')); // 0.30 EUR, exactly
 * ```
 *
 * @category Money
 */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency('addMoney', a, b);
  return result('addMoney', BigInt(a.amountMinor) + BigInt(b.amountMinor), a.currency);
}

/**
 * Subtracts `b` from `a` (same currency). Throws a `ValidationError` like {@link addMoney}.
 *
 * @example
 * ```ts
 * subtractMoney(money(1000, 'EUR'), money(1, 'EUR')); // 9.99 EUR
 * ```
 *
 * @category Money
 */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency('subtractMoney', a, b);
  return result('subtractMoney', BigInt(a.amountMinor) - BigInt(b.amountMinor), a.currency);
}

/**
 * Multiplies an amount by an integer quantity. Throws a `ValidationError` for a quantity that
 * is not a safe integer or a product beyond the safe integer range.
 *
 * @example
 * ```ts
 * multiplyMoney(money(1999, 'EUR'), 3); // 59.97 EUR
 * ```
 *
 * @category Money
 */
export function multiplyMoney(amount: Money, quantity: number): Money {
  requireMoney(amount, 'multiplyMoney', 'amount');
  if (!Number.isSafeInteger(quantity))
    throw moneyError('multiplyMoney', ['quantity'], `Expected an integer quantity, got ${describeValue(quantity)}.`);
  return result('multiplyMoney', BigInt(amount.amountMinor) * BigInt(quantity), amount.currency);
}

/**
 * Compares two amounts of the same currency: negative if `a < b`, 0 if equal, positive if `a > b`.
 * Throws a `ValidationError` for different currencies.
 *
 * @example
 * ```ts
 * [b, a].sort(compareMoney);
 * ```
 *
 * @category Money
 */
export function compareMoney(a: Money, b: Money): number {
  sameCurrency('compareMoney', a, b);
  return a.amountMinor === b.amountMinor ? 0 : a.amountMinor < b.amountMinor ? -1 : 1;
}

/**
 * The relative change from `from` to `to` in basis points (1 % = 100 bp), rounded toward zero,
 * computed with integers only. Throws a `ValidationError` if `from` is zero (no relative
 * change exists) or the currencies differ.
 *
 * @example
 * ```ts
 * changeInBasisPoints(money(1000, 'EUR'), money(1100, 'EUR')); // 1000 (= +10 %)
 * ```
 *
 * @category Money
 */
export function changeInBasisPoints(from: Money, to: Money): number {
  sameCurrency('changeInBasisPoints', from, to);
  if (from.amountMinor === 0)
    throw moneyError('changeInBasisPoints', ['from'], 'Cannot compute a relative change from zero.');
  const delta = (BigInt(to.amountMinor) - BigInt(from.amountMinor)) * 10_000n;
  return Number(delta / BigInt(Math.abs(from.amountMinor)));
}

/**
 * Changes an amount by `basisPoints` (1 % = 100 bp; +500 is +5 %, -1000 is -10 %), rounding
 * half to even at the minor unit, with integer arithmetic only. Throws a `ValidationError` for
 * basis points that are not a safe integer or a result beyond the safe integer range.
 *
 * @example
 * ```ts
 * applyBasisPoints(money(1999, 'EUR'), 500); // 20.99 EUR (19.99 × 1.05 = 20.9895 → 20.99)
 * ```
 *
 * @category Money
 */
export function applyBasisPoints(amount: Money, basisPoints: number): Money {
  requireMoney(amount, 'applyBasisPoints', 'amount');
  if (!Number.isSafeInteger(basisPoints))
    throw moneyError(
      'applyBasisPoints',
      ['basisPoints'],
      `Expected integer basis points, got ${describeValue(basisPoints)}.`,
    );
  const numerator = BigInt(amount.amountMinor) * (10_000n + BigInt(basisPoints));
  const quotient = numerator / 10_000n;
  const remainder = numerator % 10_000n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = numerator < 0n ? -1n : 1n;
  const rounded = twice > 10_000n || (twice === 10_000n && quotient % 2n !== 0n) ? quotient + away : quotient;
  return result('applyBasisPoints', rounded, amount.currency);
}
