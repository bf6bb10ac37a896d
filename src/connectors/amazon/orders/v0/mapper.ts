import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../../core/result.js';
import { addMoney, money, type Money } from '../../../../model/money.js';
import type { LineItem, Order, OrderStatus } from '../../../../model/order.js';
import { fromSpApiMoney, type AmazonMapReason, type SpApiMoney } from '../../mapper/money.js';
import { isoTimeFrom } from '../../mapper/time.js';
import { fromSpApiAddress, type SpApiAddress } from '../../mapper/address.js';

/**
 * The parts of an SP-API `Order` (Orders v0) the mapper reads.
 */
export interface SpApiOrder {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: string;
  OrderTotal?: SpApiMoney;
  MarketplaceId?: string;
  ShippingAddress?: SpApiAddress;
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string };
}

/**
 * The parts of an SP-API `OrderItem` the mapper reads.
 */
export interface SpApiOrderItem {
  OrderItemId: string;
  ASIN: string;
  SellerSKU?: string;
  Title?: string;
  QuantityOrdered: number;
  QuantityShipped?: number;
  ItemPrice?: SpApiMoney;
  ShippingPrice?: SpApiMoney;
  ItemTax?: SpApiMoney;
  ShippingTax?: SpApiMoney;
  PromotionDiscount?: SpApiMoney;
}

const STATUS: Record<string, OrderStatus> = {
  Pending: 'pending',
  PendingAvailability: 'pending',
  Unshipped: 'unshipped',
  PartiallyShipped: 'partially_shipped',
  Shipped: 'shipped',
  // Every item has shipped; only the invoice confirmation is missing (Orders 2026-01-01 says SHIPPED).
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'cancelled',
  Unfulfillable: 'cancelled',
};

/**
 * Canonical order statuses as SP-API `OrderStatuses` filter values.
 *
 * @example
 * ```ts
 * toSpApiOrderStatuses(['unshipped']); // ['Unshipped']
 * ```
 */
export function toSpApiOrderStatuses(statuses: readonly OrderStatus[]): string[] {
  const out = new Set<string>();
  for (const [amazon, canonical] of Object.entries(STATUS)) if (statuses.includes(canonical)) out.add(amazon);
  return [...out];
}

function sum(
  items: readonly SpApiOrderItem[],
  field: 'ItemPrice' | 'ShippingPrice' | 'ItemTax' | 'ShippingTax',
  currency: string,
): Result<Money, Failure<AmazonMapReason>> {
  let total = money(0, currency);
  for (const item of items) {
    if (!item[field]) continue;
    const value = fromSpApiMoney(item[field], `${field} of ${item.OrderItemId}`);
    if (value.isErr()) return err(value.error);
    total = addMoney(total, value.value);
  }
  return ok(total);
}

/**
 * An SP-API order and its items as a canonical {@link Order}. Item prices are line totals in
 * SP-API; the unit price is the line total divided in integer minor units.
 *
 * @example
 * ```ts
 * const result = fromSpApiOrder(order, items);
 * if (result.isOk()) save(result.value);
 * ```
 */
export function fromSpApiOrder(
  order: SpApiOrder,
  items: readonly SpApiOrderItem[],
  fallbackCurrency = 'USD',
): Result<Order, Failure<AmazonMapReason>> {
  const status = STATUS[order.OrderStatus];
  if (!status)
    return err(failure('invalid_payload', `Unknown OrderStatus "${order.OrderStatus}" on ${order.AmazonOrderId}.`));
  if (items.length === 0) return err(failure('invalid_payload', `Order ${order.AmazonOrderId} has no items.`));
  const currency =
    order.OrderTotal?.CurrencyCode ?? items.find((item) => item.ItemPrice)?.ItemPrice?.CurrencyCode ?? fallbackCurrency;
  const lineItems: LineItem[] = [];
  for (const item of items) {
    const line = item.ItemPrice
      ? fromSpApiMoney(item.ItemPrice, `ItemPrice of ${item.OrderItemId}`)
      : ok(money(0, currency));
    if (line.isErr()) return err(line.error);
    const quantity = Math.max(1, item.QuantityOrdered);
    lineItems.push({
      id: item.OrderItemId,
      sku: item.SellerSKU ?? item.ASIN,
      ...(item.Title ? { title: item.Title } : {}),
      quantity,
      // Integer division of minor units: a line total that does not split evenly rounds down per unit.
      unitPrice: money(Math.floor(line.value.amountMinor / quantity), line.value.currency),
      quantityShipped: item.QuantityShipped ?? 0,
      quantityCancelled: status === 'cancelled' ? quantity - (item.QuantityShipped ?? 0) : 0,
    });
  }
  const subtotal = sum(items, 'ItemPrice', currency);
  const shipping = sum(items, 'ShippingPrice', currency);
  const itemTax = sum(items, 'ItemTax', currency);
  const shippingTax = sum(items, 'ShippingTax', currency);
  for (const part of [subtotal, shipping, itemTax, shippingTax]) if (part.isErr()) return err(part.error);
  const tax = addMoney(itemTax._unsafeUnwrap(), shippingTax._unsafeUnwrap());
  const total = order.OrderTotal
    ? fromSpApiMoney(order.OrderTotal, `OrderTotal of ${order.AmazonOrderId}`)
    : ok(addMoney(addMoney(subtotal._unsafeUnwrap(), shipping._unsafeUnwrap()), tax));
  if (total.isErr()) return err(total.error);
  const createdAt = isoTimeFrom(order.PurchaseDate, `PurchaseDate of ${order.AmazonOrderId}`);
  if (createdAt.isErr()) return err(createdAt.error);
  const updatedAt = isoTimeFrom(order.LastUpdateDate, `LastUpdateDate of ${order.AmazonOrderId}`);
  if (updatedAt.isErr()) return err(updatedAt.error);
  const address = fromSpApiAddress(order.ShippingAddress);
  const buyer =
    order.BuyerInfo && (order.BuyerInfo.BuyerName || order.BuyerInfo.BuyerEmail)
      ? {
          ...(order.BuyerInfo.BuyerName ? { name: order.BuyerInfo.BuyerName } : {}),
          ...(order.BuyerInfo.BuyerEmail ? { email: order.BuyerInfo.BuyerEmail } : {}),
        }
      : undefined;
  return ok({
    id: order.AmazonOrderId,
    marketplace: 'amazon',
    status,
    createdAt: createdAt.value,
    updatedAt: updatedAt.value,
    acknowledged: false,
    currency,
    lineItems,
    totals: { subtotal: subtotal._unsafeUnwrap(), shipping: shipping._unsafeUnwrap(), tax, total: total.value },
    ...(address ? { shippingAddress: address } : {}),
    ...(buyer ? { buyer } : {}),
  });
}
