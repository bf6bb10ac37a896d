import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import { formatMoney, parseMoney, type Money } from '../../../model/money.js';

/**
 * Why an SP-API payload could not be mapped to the canonical model.
 */
export type AmazonMapReason = 'invalid_money' | 'invalid_payload';

/**
 * SP-API money as the Orders API writes it (`{ CurrencyCode, Amount: "19.99" }`).
 */
export interface SpApiMoney {
  CurrencyCode?: string;
  Amount?: string;
}

/**
 * Reads any SP-API money shape (`Amount`/`amount` strings, `CurrencyAmount` numbers) into
 * integer minor units through `parseMoney`; `where` names the field in the failure message.
 *
 * @example
 * ```ts
 * moneyFrom(19.99, 'USD', 'ChargeAmount'); // Ok({ amountMinor: 1999, currency: 'USD' })
 * ```
 */
export function moneyFrom(
  amount: string | number | undefined,
  currency: string | undefined,
  where: string,
): Result<Money, Failure<AmazonMapReason>> {
  if (amount === undefined || currency === undefined)
    return err(failure('invalid_money', `${where}: amount or currency missing.`));
  const parsed = parseMoney(amount, currency);
  return parsed.isOk() ? ok(parsed.value) : err(failure('invalid_money', `${where}: ${parsed.error.message}`));
}

/**
 * Canonical money as the Orders API writes it.
 *
 * @example
 * ```ts
 * toSpApiMoney({ amountMinor: 1999, currency: 'USD' }); // { CurrencyCode: 'USD', Amount: '19.99' }
 * ```
 */
export function toSpApiMoney(money: Money): Required<SpApiMoney> {
  return { CurrencyCode: money.currency, Amount: formatMoney(money) };
}

/**
 * SP-API money (`{ CurrencyCode, Amount }`) as canonical integer minor units.
 *
 * @example
 * ```ts
 * fromSpApiMoney({ CurrencyCode: 'USD', Amount: '19.99' }); // Ok({ amountMinor: 1999, currency: 'USD' })
 * ```
 */
export function fromSpApiMoney(
  value: SpApiMoney | undefined,
  where = 'money',
): Result<Money, Failure<AmazonMapReason>> {
  return moneyFrom(value?.Amount, value?.CurrencyCode, where);
}
