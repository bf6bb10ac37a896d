import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { failure, type Failure } from '../core/result.js';
import { currencyExponent, isCurrencyCode } from './currency.js';

/**
 * Why a decimal amount could not become {@link Money}.
 *
 * @example
 * ```ts
 * const reason: MoneyParseReason = 'too_many_decimals';
 * ```
 */
export type MoneyParseReason = 'unknown_currency' | 'invalid_format' | 'too_many_decimals' | 'out_of_range';

/**
 * Money as integer minor units and an ISO 4217 currency: `{ amountMinor: 1999, currency: 'EUR' }`
 * is 19.99 EUR; `{ amountMinor: 1999, currency: 'JPY' }` is ¥1,999. Never a float.
 *
 * @example
 * ```ts
 * const price = MoneySchema.parse({ amountMinor: 1999, currency: 'EUR' });
 * ```
 */
export const MoneySchema = z
  .object({
    /** Integer amount in the currency's minor unit (cents for EUR). */
    amountMinor: z.number().int().refine(Number.isSafeInteger, 'Expected a safe integer number of minor units.'),
    /** ISO 4217 code, upper case. */
    currency: z.string().refine(isCurrencyCode, 'Unknown ISO 4217 currency code; use an upper-case code such as EUR.'),
  })
  .strict();

/**
 * Money as integer minor units and an ISO 4217 currency. See {@link MoneySchema}.
 *
 * @example
 * ```ts
 * const price: Money = { amountMinor: 1999, currency: 'EUR' };
 * ```
 */
export type Money = z.infer<typeof MoneySchema>;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;

/**
 * Parses a decimal amount (`"19.99"`, `"-0.5"`, `"1999"`, or a JSON number such as `19.99`)
 * into {@link Money} without ever computing with a float: the digits are read as text. More
 * decimals than the currency has are refused (`too_many_decimals`), except trailing zeros.
 *
 * @example
 * ```ts
 * parseMoney('19.99', 'EUR'); // Ok({ amountMinor: 1999, currency: 'EUR' })
 * parseMoney('0.30000000000000004', 'EUR'); // Err({ reason: 'too_many_decimals', ... })
 * parseMoney('1.5', 'JPY'); // Err({ reason: 'too_many_decimals', ... })
 * ```
 */
export function parseMoney(amount: string | number, currency: string): Result<Money, Failure<MoneyParseReason>> {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    return err(failure('unknown_currency', `Unknown ISO 4217 currency code "${currency}". Use an upper-case code such as EUR.`));
  }
  if (typeof amount === 'number' && !Number.isFinite(amount)) {
    return err(failure('invalid_format', `Expected a finite amount, got ${amount}.`));
  }
  // String(number) gives the shortest text that reads back as the same number: the decimal the
  // sender meant. Exponent forms (1e21, 1e-7) are refused below as invalid_format.
  const text = (typeof amount === 'number' ? String(amount) : amount).trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    return err(failure('invalid_format', `Expected a decimal amount such as "19.99", got "${text}".`));
  }
  const sign = match[1] ?? match[4] ?? '';
  const whole = match[2] ?? '0';
  const fraction = (match[3] ?? match[5] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    return err(
      failure('too_many_decimals', `${currency} has ${exponent} decimal${exponent === 1 ? '' : 's'}; "${text}" has more.`, {
        exponent,
      }),
    );
  }
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  const minor = BigInt(digits) * (sign === '-' ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    return err(failure('out_of_range', `"${text}" ${currency} is beyond the safe integer range of minor units.`));
  }
  return ok({ amountMinor: Number(minor) || 0, currency });
}

/**
 * Formats {@link Money} as a plain decimal string with exactly the currency's decimals
 * (`"19.99"`, `"1999"` for JPY, `"-0.050"` for KWD). The inverse of {@link parseMoney}.
 *
 * @example
 * ```ts
 * formatMoney({ amountMinor: 1999, currency: 'EUR' }); // '19.99'
 * formatMoney({ amountMinor: -5, currency: 'EUR' }); // '-0.05'
 * ```
 */
export function formatMoney(money: Money): string {
  const exponent = requireExponent(money.currency);
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

function requireExponent(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new TypeError(`Unknown ISO 4217 currency code "${currency}".`);
  return exponent;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new TypeError(`Cannot combine ${a.currency} with ${b.currency}; convert first.`);
  }
}

/**
 * Creates {@link Money} from integer minor units.
 *
 * @example
 * ```ts
 * money(1999, 'EUR'); // 19.99 EUR
 * ```
 */
export function money(amountMinor: number, currency: string): Money {
  return MoneySchema.parse({ amountMinor, currency });
}

/**
 * Adds two amounts of the same currency.
 *
 * @example
 * ```ts
 * addMoney(money(10, 'EUR'), money(20, 'EUR')); // 0.30 EUR, exactly
 * ```
 */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/**
 * Subtracts `b` from `a` (same currency).
 *
 * @example
 * ```ts
 * subtractMoney(money(1000, 'EUR'), money(1, 'EUR')); // 9.99 EUR
 * ```
 */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/**
 * Multiplies an amount by an integer quantity.
 *
 * @example
 * ```ts
 * multiplyMoney(money(1999, 'EUR'), 3); // 59.97 EUR
 * ```
 */
export function multiplyMoney(amount: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new TypeError(`Expected an integer quantity, got ${quantity}.`);
  return money(amount.amountMinor * quantity, amount.currency);
}

/**
 * Compares two amounts of the same currency: negative if `a < b`, 0 if equal, positive if `a > b`.
 *
 * @example
 * ```ts
 * [b, a].sort(compareMoney);
 * ```
 */
export function compareMoney(a: Money, b: Money): number {
  sameCurrency(a, b);
  return Math.sign(a.amountMinor - b.amountMinor);
}

/**
 * The relative change from `from` to `to` in basis points (1 % = 100 bp), rounded toward zero,
 * computed with integers only. `from` must not be zero.
 *
 * @example
 * ```ts
 * changeInBasisPoints(money(1000, 'EUR'), money(1100, 'EUR')); // 1000 (= +10 %)
 * ```
 */
export function changeInBasisPoints(from: Money, to: Money): number {
  sameCurrency(from, to);
  if (from.amountMinor === 0) throw new RangeError('Cannot compute a relative change from zero.');
  const delta = BigInt(to.amountMinor - from.amountMinor) * 10_000n;
  return Number(delta / BigInt(Math.abs(from.amountMinor)));
}

/**
 * Changes an amount by `basisPoints` (1 % = 100 bp; +500 is +5 %, -1000 is -10 %), rounding
 * half to even at the minor unit, with integer arithmetic only.
 *
 * @example
 * ```ts
 * applyBasisPoints(money(1999, 'EUR'), 500); // 20.99 EUR (19.99 × 1.05 = 20.9895 → 20.99)
 * ```
 */
export function applyBasisPoints(amount: Money, basisPoints: number): Money {
  if (!Number.isSafeInteger(basisPoints)) throw new TypeError(`Expected integer basis points, got ${basisPoints}.`);
  const numerator = BigInt(amount.amountMinor) * BigInt(10_000 + basisPoints);
  const quotient = numerator / 10_000n;
  const remainder = numerator % 10_000n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = numerator < 0n ? -1n : 1n;
  const rounded = twice > 10_000n || (twice === 10_000n && quotient % 2n !== 0n) ? quotient + away : quotient;
  return money(Number(rounded), amount.currency);
}
