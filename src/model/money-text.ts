import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../core/errors/validation-error.js';
import { failure, type Failure } from '../core/result.js';
import { currencyExponent } from './currency.js';
import type { Money } from './money.js';

/**
 * Why an amount could not become {@link Money}:
 * - `unknown_currency`: the currency is not an upper-case ISO 4217 code;
 * - `invalid_format`: not a decimal string or a finite JSON number (also `null`, objects,
 *   booleans, bigints and exponent forms such as `1e21`);
 * - `too_many_decimals`: more decimals than the currency has (trailing zeros are fine);
 * - `imprecise_number`: a JSON number with more significant digits than a float carries
 *   exactly (15), so the amount that was sent cannot be known; send a decimal string instead;
 * - `out_of_range`: beyond the safe integer range of minor units.
 *
 * @category Money
 */
export type MoneyParseReason =
  | 'unknown_currency'
  | 'invalid_format'
  | 'too_many_decimals'
  | 'imprecise_number'
  | 'out_of_range';

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;
/** Any decimal of at most this many significant digits survives a trip through a float (DBL_DIG). */
const FLOAT_DIGITS = 15;
/** More whole digits than this are beyond the safe integer range in any currency. */
const MAX_WHOLE_DIGITS = 17;

/** A short, safe description of a value for an error message (never calls its `toString`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Parses a decimal amount (`"19.99"`, `"-0.5"`, `"1999"`, or a JSON number such as `19.99`)
 * into {@link Money} without ever computing with a float: the digits are read as text. More
 * decimals than the currency has are refused (`too_many_decimals`), except trailing zeros.
 *
 * Any input gives a result, never an exception: `null`, `undefined`, objects, arrays, booleans
 * and bigints are `invalid_format`. A JSON number is read through its shortest decimal text,
 * which is exactly what was sent only up to 15 significant digits; a number with more
 * (`80000000000000.01` arrives as the float `80000000000000.02`) is refused as
 * `imprecise_number`: send such amounts as strings.
 *
 * @example
 * ```ts
 * parseMoney('19.99', 'EUR'); // Ok({ amountMinor: 1999, currency: 'EUR' })
 * parseMoney('0.30000000000000004', 'EUR'); // Err({ reason: 'too_many_decimals', ... })
 * parseMoney('1.5', 'JPY'); // Err({ reason: 'too_many_decimals', ... })
 * parseMoney(80000000000000.01, 'EUR'); // Err({ reason: 'imprecise_number', ... })
 * parseMoney(null as never, 'EUR'); // Err({ reason: 'invalid_format', ... })
 * ```
 *
 * @category Money
 */
export function parseMoney(amount: string | number, currency: string): Result<Money, Failure<MoneyParseReason>> {
  const exponent = typeof currency === 'string' ? currencyExponent(currency) : undefined;
  if (exponent === undefined) {
    return err(
      failure(
        'unknown_currency',
        `Unknown ISO 4217 currency code ${describeValue(currency)}. Use an upper-case code such as EUR.`,
      ),
    );
  }
  if (typeof amount === 'number' && !Number.isFinite(amount)) {
    return err(failure('invalid_format', `Expected a finite amount, got ${amount}.`));
  }
  if (typeof amount !== 'number' && typeof amount !== 'string') {
    return err(
      failure(
        'invalid_format',
        `Expected a decimal string such as "19.99" or a JSON number, got ${describeValue(amount)}.`,
      ),
    );
  }
  // String(number) gives the shortest text that reads back as the same number: the decimal the
  // sender meant, as long as it has no more digits than a float carries. Exponent forms (1e21,
  // 1e-7) are refused below as invalid_format.
  const text = (typeof amount === 'number' ? String(amount) : amount).trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    return err(failure('invalid_format', `Expected a decimal amount such as "19.99", got ${describeValue(text)}.`));
  }
  const sign = match[1] ?? match[4] ?? '';
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? match[5] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    return err(
      failure(
        'too_many_decimals',
        `${currency} has ${exponent} decimal${exponent === 1 ? '' : 's'}; ${describeValue(text)} has more.`,
        {
          exponent,
        },
      ),
    );
  }
  if (typeof amount === 'number' && significantDigits(whole, fraction) > FLOAT_DIGITS) {
    return err(
      failure(
        'imprecise_number',
        `The JSON number ${text} has more than ${FLOAT_DIGITS} significant digits, so a float cannot carry it exactly and the amount that was sent is unknown; send it as a decimal string.`,
      ),
    );
  }
  if (whole.length > MAX_WHOLE_DIGITS) return err(outOfRange(text, currency));
  const minor = BigInt(whole + fraction.padEnd(exponent, '0')) * (sign === '-' ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER))
    return err(outOfRange(text, currency));
  return ok({ amountMinor: Number(minor) || 0, currency });
}

function significantDigits(whole: string, fraction: string): number {
  return (whole + fraction).replace(/^0+/, '').length;
}

function outOfRange(text: string, currency: string): Failure<MoneyParseReason> {
  return failure('out_of_range', `${describeValue(text)} ${currency} is beyond the safe integer range of minor units.`);
}

/**
 * Formats {@link Money} as a plain decimal string with exactly the currency's decimals
 * (`"19.99"`, `"1999"` for JPY, `"-0.050"` for KWD). The inverse of {@link parseMoney}.
 * Throws a `ValidationError` if `money` is not valid Money.
 *
 * @example
 * ```ts
 * formatMoney({ amountMinor: 1999, currency: 'EUR' }); // '19.99'
 * formatMoney({ amountMinor: -5, currency: 'EUR' }); // '-0.05'
 * ```
 *
 * @category Money
 */
export function formatMoney(money: Money): string {
  const exponent = requireMoney(money, 'formatMoney', 'money');
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * Checks that `value` is Money (a safe integer of minor units and a known currency) and
 * returns its currency's exponent; throws a `ValidationError` naming the argument otherwise.
 * Cheap enough for arithmetic in loops: no schema is run.
 */
export function requireMoney(value: Money, operation: string, argument?: string): number {
  const candidate = value as Partial<Money> | null | undefined;
  const at = (field?: string) => [...(argument ? [argument] : []), ...(field ? [field] : [])];
  if (typeof candidate !== 'object' || candidate === null)
    throw moneyError(operation, at(), `Expected Money ({ amountMinor, currency }), got ${describeValue(candidate)}.`);
  if (!Number.isSafeInteger(candidate.amountMinor))
    throw moneyError(
      operation,
      at('amountMinor'),
      `Expected a safe integer number of minor units, got ${describeValue(candidate.amountMinor)}.`,
    );
  const exponent = typeof candidate.currency === 'string' ? currencyExponent(candidate.currency) : undefined;
  if (exponent === undefined)
    throw moneyError(
      operation,
      at('currency'),
      `Unknown ISO 4217 currency code ${describeValue(candidate.currency)}; use an upper-case code such as EUR.`,
    );
  return exponent;
}

/** The error of a Money function given arguments it cannot work with. */
export function moneyError(operation: string, path: (string | number)[], message: string): ValidationError {
  return new ValidationError(`arguments of ${operation}()`, [{ path, message }], { operation });
}
