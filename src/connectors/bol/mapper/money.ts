import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import { formatMoney, parseMoney, type Money } from '../../../model/money.js';

/**
 * The currency of every bol.com price.
 *
 * @example
 * ```ts
 * money(999, BOL_CURRENCY); // 9.99 EUR
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_CURRENCY = 'EUR';

/**
 * The lowest and highest unit price bol.com accepts, in euro cents (1.00 to 9,999.00, VAT included).
 *
 * @example
 * ```ts
 * price.amountMinor >= BOL_UNIT_PRICE_RANGE.min;
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_UNIT_PRICE_RANGE = { min: 100, max: 999_900 } as const;

/**
 * Why a price cannot be sent to bol.com.
 */
export type BolPriceReason = 'wrong_currency' | 'out_of_range';

/**
 * The unit price bol.com's JSON takes (a number of euros, VAT included) for canonical
 * {@link Money}, exactly: the decimal is formatted from the integer cents and read back as the
 * number whose shortest text is that decimal, so `{ amountMinor: 1999 }` is sent as `19.99`.
 *
 * @example
 * ```ts
 * toBolUnitPrice({ amountMinor: 1999, currency: 'EUR' }); // Ok(19.99)
 * toBolUnitPrice({ amountMinor: 50, currency: 'EUR' }); // Err(out_of_range)
 * ```
 */
export function toBolUnitPrice(price: Money): Result<number, Failure<BolPriceReason>> {
  if (price.currency !== BOL_CURRENCY)
    return err(failure('wrong_currency', `bol.com prices are in EUR; got ${price.currency}. Convert before sending.`));
  if (price.amountMinor < BOL_UNIT_PRICE_RANGE.min || price.amountMinor > BOL_UNIT_PRICE_RANGE.max) {
    return err(
      failure('out_of_range', `bol.com accepts unit prices from 1.00 to 9999.00 EUR; got ${formatMoney(price)}.`),
    );
  }
  return ok(Number(formatMoney(price)));
}

/**
 * Canonical {@link Money} (EUR) from a bol.com amount: a JSON number such as `19.99` or CSV
 * text such as `"19.99"`, read as decimal text, never computed with a float.
 *
 * @example
 * ```ts
 * fromBolAmount(19.99); // Ok({ amountMinor: 1999, currency: 'EUR' })
 * fromBolAmount('abc').isErr(); // true
 * ```
 */
export function fromBolAmount(value: unknown): Result<Money, Failure> {
  if (typeof value !== 'number' && typeof value !== 'string')
    return err(failure('invalid_format', `Expected a bol.com amount, got ${JSON.stringify(value) ?? String(value)}.`));
  return parseMoney(value, BOL_CURRENCY);
}
