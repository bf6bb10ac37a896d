import { err, ok, type Result } from 'neverthrow';
import type { Failure } from '../../../../core/result.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import { addMoney, type Money } from '../../../../model/money.js';
import { moneyFrom, type AmazonMapReason } from '../../mapper/money.js';
import { isoTimeFrom } from '../../mapper/time.js';

/**
 * Money as Finances v0 writes it: a currency and a JSON number.
 */
export interface SpApiCurrencyAmount {
  CurrencyCode?: string;
  CurrencyAmount?: number;
}

/**
 * The parts of SP-API `FinancialEvents` (Finances v0) the mapper reads.
 */
export interface SpApiFinancialEvents {
  ShipmentEventList?: SpApiShipmentEvent[];
  RefundEventList?: SpApiShipmentEvent[];
  ServiceFeeEventList?: {
    AmazonOrderId?: string;
    FeeReason?: string;
    FeeList?: { FeeType?: string; FeeAmount?: SpApiCurrencyAmount }[];
  }[];
}

/**
 * A shipment or refund event of Finances v0.
 */
export interface SpApiShipmentEvent {
  AmazonOrderId?: string;
  PostedDate?: string;
  ShipmentItemList?: {
    OrderItemId?: string;
    ItemChargeList?: { ChargeType?: string; ChargeAmount?: SpApiCurrencyAmount }[];
    ItemFeeList?: { FeeType?: string; FeeAmount?: SpApiCurrencyAmount }[];
  }[];
  ShipmentItemAdjustmentList?: SpApiShipmentEvent['ShipmentItemList'];
}

function total(
  amounts: readonly (SpApiCurrencyAmount | undefined)[],
  where: string,
): Result<Money | undefined, Failure<AmazonMapReason>> {
  let out: Money | undefined;
  for (const amount of amounts) {
    if (!amount) continue;
    const value = moneyFrom(amount.CurrencyAmount, amount.CurrencyCode, where);
    if (value.isErr()) return err(value.error);
    out = out ? addMoney(out, value.value) : value.value;
  }
  return ok(out);
}

/**
 * SP-API financial events as canonical {@link FinancialEvent}s: one `sale` per shipment event
 * (its item charges), one `fee` for the shipment's item fees, one `refund` per refund event and
 * one `fee` per service fee event. Ids are stable: the same input gives the same ids.
 *
 * @example
 * ```ts
 * const events = fromSpApiFinancialEvents(payload.FinancialEvents, '2026-11-01T00:00:00Z')._unsafeUnwrap();
 * ```
 */
export function fromSpApiFinancialEvents(
  events: SpApiFinancialEvents,
  fallbackTime: string,
): Result<FinancialEvent[], Failure<AmazonMapReason>> {
  const out: FinancialEvent[] = [];
  const fallback = isoTimeFrom(fallbackTime, 'fallbackTime');
  if (fallback.isErr()) return err(fallback.error);
  const push = (
    id: string,
    type: FinancialEvent['type'],
    amount: Money | undefined,
    occurredAt: string | undefined,
    orderId?: string,
    description?: string,
  ) => {
    if (!amount) return;
    out.push({
      id,
      type,
      amount,
      occurredAt: new Date(occurredAt ?? fallbackTime).toISOString(),
      ...(orderId ? { orderId } : {}),
      ...(description ? { description } : {}),
    });
  };
  const lists: [SpApiShipmentEvent[] | undefined, 'sale' | 'refund'][] = [
    [events.ShipmentEventList, 'sale'],
    [events.RefundEventList, 'refund'],
  ];
  for (const [list, type] of lists) {
    for (const [index, event] of (list ?? []).entries()) {
      const items =
        type === 'sale' ? event.ShipmentItemList : (event.ShipmentItemAdjustmentList ?? event.ShipmentItemList);
      const charges = total(
        (items ?? []).flatMap((item) => (item.ItemChargeList ?? []).map((charge) => charge.ChargeAmount)),
        `${type} ${event.AmazonOrderId}`,
      );
      const fees = total(
        (items ?? []).flatMap((item) => (item.ItemFeeList ?? []).map((fee) => fee.FeeAmount)),
        `fees ${event.AmazonOrderId}`,
      );
      if (charges.isErr()) return err(charges.error);
      if (fees.isErr()) return err(fees.error);
      const posted = isoTimeFrom(
        event.PostedDate ?? fallbackTime,
        `PostedDate of ${type} ${event.AmazonOrderId ?? index}`,
      );
      if (posted.isErr()) return err(posted.error);
      const key = `${event.AmazonOrderId ?? 'none'}:${event.PostedDate ?? index}`;
      push(`${type}:${key}`, type, charges.value, event.PostedDate, event.AmazonOrderId);
      push(`${type}-fee:${key}`, 'fee', fees.value, event.PostedDate, event.AmazonOrderId);
    }
  }
  for (const [index, event] of (events.ServiceFeeEventList ?? []).entries()) {
    const fees = total(
      (event.FeeList ?? []).map((fee) => fee.FeeAmount),
      `service fee ${index}`,
    );
    if (fees.isErr()) return err(fees.error);
    push(
      `service-fee:${event.AmazonOrderId ?? 'none'}:${index}`,
      'fee',
      fees.value,
      undefined,
      event.AmazonOrderId,
      event.FeeReason,
    );
  }
  return ok(out);
}
