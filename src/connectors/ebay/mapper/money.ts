import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import { formatMoney, parseMoney, type Money } from '../../../model/money.js';
import type { EbayAmount } from '../types.js';

/**
 * Money as eBay writes it: the decimal string of the exact minor units, with the currency's
 * own number of decimals (`{ amountMinor: 1999, currency: 'USD' }` → `{ value: '19.99', currency: 'USD' }`).
 *
 * @example
 * ```ts
 * toEbayAmount({ amountMinor: 1500, currency: 'JPY' }); // { value: '1500', currency: 'JPY' }
 * ```
 *
 * @category Platform types and mapping
 */
export function toEbayAmount(money: Money): EbayAmount {
  return { value: formatMoney(money), currency: money.currency };
}

/**
 * An eBay `Amount` as exact {@link Money}, read digit by digit (never through a float). Fails
 * with a reason when the amount is missing, not a decimal, in an unknown currency or more
 * precise than the currency allows.
 *
 * @example
 * ```ts
 * fromEbayAmount({ value: '19.99', currency: 'USD' }); // Ok({ amountMinor: 1999, currency: 'USD' })
 * fromEbayAmount({ value: '0.1', currency: 'JPY' }).isErr(); // true
 * ```
 *
 * @category Platform types and mapping
 */
export function fromEbayAmount(
  amount: EbayAmount | undefined,
  field = 'amount',
): Result<Money, Failure<'invalid_payload'>> {
  if (!amount || typeof amount.value !== 'string' || typeof amount.currency !== 'string') {
    return err(failure('invalid_payload', `eBay ${field} is missing or has no value and currency.`));
  }
  const parsed = parseMoney(amount.value, amount.currency);
  if (parsed.isErr())
    return err(
      failure(
        'invalid_payload',
        `eBay ${field} ${JSON.stringify(amount.value)} ${amount.currency}: ${parsed.error.message}`,
      ),
    );
  return ok(parsed.value);
}
