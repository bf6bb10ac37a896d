import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import type { BolOfferFacts } from '../mapper/offer.js';

/**
 * The columns of bol.com's offers export (CSV, header row first), as its demo environment and
 * retailers' exports show them. `bundlePricesPrice` is the unit price for quantity 1;
 * `correctedStock` is absent from older exports.
 *
 * @example
 * ```ts
 * BOL_EXPORT_COLUMNS[0]; // 'offerId'
 * ```
 *
 * @category Operations
 */
export const BOL_EXPORT_COLUMNS = [
  'offerId',
  'ean',
  'conditionName',
  'conditionCategory',
  'conditionComment',
  'bundlePricesPrice',
  'fulfilmentDeliveryCode',
  'stockAmount',
  'onHoldByRetailer',
  'fulfilmentType',
  'mutationDateTime',
  'referenceCode',
  'correctedStock',
] as const;

function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * The facts of one export row, or why the row is unusable (no offer id or EAN).
 *
 * @example
 * ```ts
 * exportRowFacts({ offerId: 'o-1', ean: '0000007740404', conditionName: 'NEW', bundlePricesPrice: '9.99', fulfilmentType: 'FBR', onHoldByRetailer: 'false' });
 * ```
 */
export function exportRowFacts(row: Record<string, string>): Result<BolOfferFacts, Failure<'invalid_payload'>> {
  const offerId = row.offerId?.trim();
  const ean = row.ean?.trim();
  if (!offerId || !ean) return err(failure('invalid_payload', 'An offers export row has no offerId or ean.'));
  const facts: BolOfferFacts = {
    offerId,
    ean,
    condition: row.conditionName?.trim() || 'NEW',
    price: row.bundlePricesPrice?.trim() ?? '',
    fulfilment: row.fulfilmentType?.trim() || 'FBR',
    onHold: row.onHoldByRetailer?.trim().toLowerCase() === 'true',
  };
  const reference = row.referenceCode?.trim();
  if (reference) facts.reference = reference;
  const comment = row.conditionComment?.trim();
  if (comment) facts.conditionComment = comment;
  const deliveryCode = row.fulfilmentDeliveryCode?.trim();
  if (deliveryCode) facts.deliveryCode = deliveryCode;
  const stock = integer(row.stockAmount);
  if (stock !== undefined) facts.stock = stock;
  const corrected = integer(row.correctedStock);
  if (corrected !== undefined) facts.correctedStock = corrected;
  const changed = row.mutationDateTime?.trim();
  if (changed) facts.updatedAt = changed;
  return ok(facts);
}
