import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../../core/result.js';
import { formatMoney, parseMoney, type Money } from '../../../model/money.js';
import type { MappingFailure } from '../../../sync/mapper/types.js';

/**
 * A MercadoLibre amount (a JSON number such as `1499.9`) as {@link Money}, read as decimal text
 * so no float arithmetic touches it; more decimals than the currency has is a failure.
 *
 * @example
 * ```ts
 * fromMercadoLibreAmount(1499.9, 'ARS'); // Ok({ amountMinor: 149990, currency: 'ARS' })
 * fromMercadoLibreAmount(10.5, 'CLP'); // Err: CLP has no decimals
 * ```
 */
export function fromMercadoLibreAmount(
  amount: unknown,
  currency: string,
  path = 'price',
): Result<Money, MappingFailure> {
  if (typeof amount !== 'number' && typeof amount !== 'string') {
    return err({
      ...failure('invalid_payload', `${path}: expected an amount, got ${JSON.stringify(amount)}.`),
      details: { issues: [{ path, message: 'Expected a number.' }] },
    });
  }
  const parsed = parseMoney(amount, currency);
  if (parsed.isErr())
    return err({
      ...failure('invalid_payload', `${path}: ${parsed.error.message}`),
      details: { issues: [{ path, message: parsed.error.message }] },
    });
  return ok(parsed.value);
}

/**
 * {@link Money} as the JSON number MercadoLibre takes: the exact decimal text of the amount
 * (`1999` minor units of ARS → `19.99`), which JSON serialises back digit for digit. Returns
 * an error message when the currency is not the item's (`currency_id`) or the amount cannot
 * be written exactly as a number.
 *
 * @example
 * ```ts
 * toMercadoLibreAmount({ amountMinor: 1999, currency: 'ARS' }, 'ARS'); // Ok(19.99)
 * toMercadoLibreAmount({ amountMinor: 1999, currency: 'USD' }, 'ARS'); // Err('... is in ARS ...')
 * ```
 */
export function toMercadoLibreAmount(money: Money, currency: string): Result<number, string> {
  if (money.currency !== currency)
    return err(
      `The listing is in ${currency}; give the price in ${currency} (got ${money.currency}). MercadoLibre does not convert currencies.`,
    );
  if (money.amountMinor <= 0) return err('MercadoLibre prices must be greater than zero.');
  const text = formatMoney(money);
  const value = Number(text);
  // A number prints back as its shortest decimal form; equal text means nothing was rounded.
  if (String(value) !== text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''))
    return err(`${text} ${currency} cannot be sent exactly as a JSON number.`);
  return ok(value);
}
