import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { addMoney, formatMoney, parseMoney, type Money } from '../../../model/money.js';
import type { SimulatorRuntime } from './runtime.js';

const PAGE_SIZE = 100;
const SETTLING_MS = 2 * 60_000;
const MAX_WINDOW_MS = 180 * 86_400_000;
const FILTERS = [
  'postedAfter',
  'postedBefore',
  'marketplaceId',
  'transactionStatus',
  'relatedIdentifierName',
  'relatedIdentifierValue',
] as const;

type V0Amount = { CurrencyCode?: string; CurrencyAmount?: number } | undefined;
type V0Item = { ItemChargeList?: { ChargeAmount?: V0Amount }[]; ItemFeeList?: { FeeAmount?: V0Amount }[] };
type V0Event = {
  AmazonOrderId?: string;
  PostedDate?: string;
  FeeReason?: string;
  ShipmentItemList?: V0Item[];
  ShipmentItemAdjustmentList?: V0Item[];
  FeeList?: { FeeAmount?: V0Amount }[];
};

function sum(amounts: V0Amount[]): Money | undefined {
  let total: Money | undefined;
  for (const amount of amounts) {
    if (!amount?.CurrencyCode || amount.CurrencyAmount === undefined) continue;
    const parsed = parseMoney(amount.CurrencyAmount, amount.CurrencyCode);
    if (parsed.isOk()) total = total ? addMoney(total, parsed.value) : parsed.value;
  }
  return total;
}

// Finances 2024-06-19 writes amounts as JSON numbers; the decimal text is what goes on the wire.
const write = (value: Money) => ({ currencyCode: value.currency, currencyAmount: Number(formatMoney(value)) });

/**
 * The v0 financial events the simulator holds, as Finances 2024-06-19 transactions: one per
 * shipment, refund and service fee event, with the net total and Sales/Expenses breakdowns.
 */
export function toTransactions(
  events: Record<string, unknown[]>,
  postedAt: number,
  marketplaceId: string,
): (Record<string, unknown> & { postedDate: string; orderId?: string })[] {
  const out: (Record<string, unknown> & { postedDate: string; orderId?: string })[] = [];
  const kinds: [string, string, string][] = [
    ['ShipmentEventList', 'Shipment', 'Order Payment'],
    ['RefundEventList', 'Refund', 'Refund Order'],
    ['ServiceFeeEventList', 'ServiceFee', 'Service Fee'],
  ];
  for (const [list, transactionType, description] of kinds) {
    for (const [index, raw] of ((events[list] ?? []) as V0Event[]).entries()) {
      const items =
        list === 'RefundEventList'
          ? (raw.ShipmentItemAdjustmentList ?? raw.ShipmentItemList ?? [])
          : (raw.ShipmentItemList ?? []);
      const charges = sum(items.flatMap((item) => (item.ItemChargeList ?? []).map((charge) => charge.ChargeAmount)));
      const fees = sum([
        ...items.flatMap((item) => (item.ItemFeeList ?? []).map((fee) => fee.FeeAmount)),
        ...(raw.FeeList ?? []).map((fee) => fee.FeeAmount),
      ]);
      const total = charges && fees ? addMoney(charges, fees) : (charges ?? fees);
      if (!total) continue;
      const postedDate = new Date(raw.PostedDate ?? postedAt).toISOString();
      out.push({
        transactionId: `sim-${transactionType}-${index}`,
        transactionType,
        transactionStatus: 'RELEASED',
        description: raw.FeeReason ?? description,
        postedDate,
        totalAmount: write(total),
        ...(raw.AmazonOrderId
          ? {
              orderId: raw.AmazonOrderId,
              relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: raw.AmazonOrderId }],
            }
          : {}),
        marketplaceDetails: { marketplaceId },
        breakdowns: [
          ...(charges ? [{ breakdownType: 'Sales', breakdownAmount: write(charges) }] : []),
          ...(fees ? [{ breakdownType: 'Expenses', breakdownAmount: write(fees) }] : []),
        ],
      });
    }
  }
  return out.sort((a, b) => a.postedDate.localeCompare(b.postedDate));
}

/**
 * Finances 2024-06-19 `listTransactions` over the simulator's financial events: `postedAfter`
 * required unless filtering by a related identifier, both dates more than two minutes in the
 * past, empty answers for windows over 180 days, pages of 100 with a `nextToken` that only
 * works with the same arguments.
 */
export function financeHandlers2024(rt: SimulatorRuntime): HttpHandler[] {
  return [
    http.get(`${rt.base}/finances/2024-06-19/transactions`, ({ request }) => {
      const denied = rt.gate('listTransactions', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const value = (name: string) => url.searchParams.get(name) ?? undefined;
      const now = rt.clock.now();
      const relatedName = value('relatedIdentifierName');
      const relatedValue = value('relatedIdentifierValue');
      if (
        Boolean(relatedName) !== Boolean(relatedValue) ||
        (relatedName && relatedName !== 'ORDER_ID' && relatedName !== 'FINANCIAL_EVENT_GROUP_ID')
      ) {
        return rt.error(
          400,
          'InvalidInput',
          'relatedIdentifierName (ORDER_ID or FINANCIAL_EVENT_GROUP_ID) and relatedIdentifierValue go together.',
        );
      }
      const afterText = value('postedAfter');
      if (!afterText && !relatedValue) return rt.error(400, 'InvalidInput', 'Start date cannot be null');
      const after = afterText ? Date.parse(afterText) : Number.NEGATIVE_INFINITY;
      const beforeText = value('postedBefore');
      const before = beforeText ? Date.parse(beforeText) : now - SETTLING_MS;
      if (
        Number.isNaN(after) ||
        Number.isNaN(before) ||
        after >= now - SETTLING_MS ||
        before > now - SETTLING_MS ||
        before <= after
      ) {
        return rt.error(
          400,
          'InvalidInput',
          'postedAfter and postedBefore must be date-times more than two minutes before the request, postedBefore after postedAfter.',
        );
      }
      const filterKey = JSON.stringify(FILTERS.map((name) => value(name) ?? ''));
      let offset = 0;
      const token = value('nextToken');
      if (token) {
        let decoded: { filterKey?: string; offset?: number };
        try {
          decoded = JSON.parse(atob(token)) as typeof decoded;
        } catch {
          return rt.error(400, 'InvalidInput', 'Invalid nextToken.');
        }
        if (decoded.filterKey !== filterKey)
          return rt.error(400, 'InvalidInput', 'The nextToken was issued for other arguments.');
        offset = Number(decoded.offset);
      }
      const marketplace = value('marketplaceId');
      const status = value('transactionStatus');
      const all =
        afterText && before - after > MAX_WINDOW_MS
          ? []
          : toTransactions(rt.state.financialEvents, rt.state.financialEventsPostedAt ?? now, rt.marketplaceId);
      const matching = all.filter((transaction) => {
        const at = Date.parse(transaction.postedDate);
        if (relatedName === 'ORDER_ID' && transaction.orderId !== relatedValue) return false;
        if (relatedName === 'FINANCIAL_EVENT_GROUP_ID') return false;
        if (marketplace && marketplace !== rt.marketplaceId) return false;
        if (status && status !== transaction.transactionStatus) return false;
        return relatedValue && !afterText ? true : at >= after && at < before;
      });
      const page = matching
        .slice(offset, offset + PAGE_SIZE)
        .map(({ orderId: _orderId, ...transaction }) => transaction);
      const more = offset + PAGE_SIZE < matching.length;
      return rt.json('listTransactions', {
        payload: {
          transactions: page,
          ...(more ? { nextToken: btoa(JSON.stringify({ filterKey, offset: offset + PAGE_SIZE })) } : {}),
        },
      });
    }),
  ];
}
