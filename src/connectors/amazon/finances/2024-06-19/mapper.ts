import { err, ok, type Result } from 'neverthrow';
import type { Failure } from '../../../../core/result.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import { moneyFrom, type AmazonMapReason } from '../../mapper/money.js';
import { isoTimeFrom } from '../../mapper/time.js';

/**
 * The parts of a Finances 2024-06-19 `Transaction` the mapper reads. `currencyAmount` is a
 * JSON number; it is read through its decimal text, never with float arithmetic.
 */
export interface SpApiTransaction {
  transactionId?: string;
  transactionType?: string;
  transactionStatus?: string;
  description?: string;
  postedDate?: string;
  totalAmount?: { currencyCode?: string; currencyAmount?: number };
  relatedIdentifiers?: { relatedIdentifierName?: string; relatedIdentifierValue?: string }[];
  marketplaceDetails?: { marketplaceId?: string; marketplaceName?: string };
}

/**
 * The canonical event type of a transaction type: `Shipment` is a sale; refunds, fees and
 * transfers are recognised by name; anything else is an adjustment.
 *
 * @example
 * ```ts
 * transactionEventType('Shipment'); // 'sale'
 * transactionEventType('ServiceFee'); // 'fee'
 * ```
 */
export function transactionEventType(transactionType: string | undefined): FinancialEvent['type'] {
  const type = (transactionType ?? '').toLowerCase();
  if (type === 'shipment') return 'sale';
  if (type.includes('refund')) return 'refund';
  if (type.includes('fee')) return 'fee';
  if (type.includes('transfer') || type.includes('disburse') || type.includes('payout')) return 'payout';
  return 'adjustment';
}

/**
 * Finances 2024-06-19 transactions as canonical {@link FinancialEvent}s: one event per
 * transaction with its net `totalAmount` (signed from the seller's side), the order id from
 * `relatedIdentifiers`, and the transaction id as the event id (a stable composite when absent).
 *
 * @example
 * ```ts
 * const events = fromSpApiTransactions(answer.payload.transactions, '2026-11-01T00:00:00Z')._unsafeUnwrap();
 * ```
 */
export function fromSpApiTransactions(
  transactions: readonly SpApiTransaction[],
  fallbackTime: string,
): Result<FinancialEvent[], Failure<AmazonMapReason>> {
  const out: FinancialEvent[] = [];
  for (const transaction of transactions) {
    const orderId = transaction.relatedIdentifiers?.find(
      (identifier) => identifier.relatedIdentifierName === 'ORDER_ID',
    )?.relatedIdentifierValue;
    const where = `transaction ${transaction.transactionId ?? orderId ?? transaction.postedDate ?? ''}`.trim();
    const amount = moneyFrom(
      transaction.totalAmount?.currencyAmount,
      transaction.totalAmount?.currencyCode,
      `totalAmount of ${where}`,
    );
    if (amount.isErr()) return err(amount.error);
    const posted = isoTimeFrom(transaction.postedDate ?? fallbackTime, `postedDate of ${where}`);
    if (posted.isErr()) return err(posted.error);
    const occurredAt = posted.value;
    const id =
      transaction.transactionId ??
      `txn:${transaction.transactionType ?? 'unknown'}:${orderId ?? 'none'}:${occurredAt}:${amount.value.amountMinor}`;
    out.push({
      id,
      type: transactionEventType(transaction.transactionType),
      amount: amount.value,
      occurredAt,
      ...(orderId ? { orderId } : {}),
      ...(transaction.description ? { description: transaction.description } : {}),
    });
  }
  return ok(out);
}
