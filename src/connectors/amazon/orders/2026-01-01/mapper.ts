import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../../core/result.js';
import { addMoney, money, multiplyMoney, type Money } from '../../../../model/money.js';
import type { LineItem, Order, OrderStatus } from '../../../../model/order.js';
import { marketplaceById } from '../../endpoints.js';
import type { Orders2026FulfillmentStatus } from './requests.js';
import { moneyFrom, type AmazonMapReason } from '../../mapper/money.js';
import { isoTimeFrom } from '../../mapper/time.js';
import { fromSpApiAddress } from '../../mapper/address.js';

/**
 * Money as the Orders API 2026-01-01 writes it: a decimal string and an ISO 4217 code.
 */
export interface Orders2026Money {
  amount: string;
  currencyCode: string;
}

/**
 * A proceeds breakdown entry (`ITEM`, `SHIPPING`, `TAX`, `DISCOUNT`, `GIFT_WRAP`, ...).
 */
export interface Orders2026Breakdown {
  type: string;
  subtotal: Orders2026Money;
}

/**
 * The parts of a 2026-01-01 `CustomerAddress` the mapper reads.
 */
export interface Orders2026Address {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  municipality?: string;
  stateOrRegion?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
}

/**
 * The parts of a 2026-01-01 `OrderItem` the mapper reads (`fulfillment` and `proceeds` come
 * with `includedData` FULFILLMENT and PROCEEDS).
 */
export interface Orders2026Item {
  orderItemId: string;
  quantityOrdered: number;
  product: { asin?: string; sellerSku?: string; title?: string; price?: { unitPrice?: Orders2026Money } };
  proceeds?: { proceedsTotal?: Orders2026Money; breakdowns?: Orders2026Breakdown[] };
  fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number };
}

/**
 * The parts of a 2026-01-01 `Order` the mapper reads.
 */
export interface Orders2026Order {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  salesChannel: { channelName: string; marketplaceId?: string };
  buyer?: { buyerName?: string; buyerEmail?: string };
  recipient?: { deliveryAddress?: Orders2026Address };
  proceeds?: { grandTotal?: Orders2026Money; breakdowns?: Orders2026Breakdown[] };
  fulfillment?: { fulfillmentStatus: string };
  orderItems: Orders2026Item[];
}

const STATUS: Record<Orders2026FulfillmentStatus, OrderStatus> = {
  PENDING_AVAILABILITY: 'pending',
  PENDING: 'pending',
  UNSHIPPED: 'unshipped',
  PARTIALLY_SHIPPED: 'partially_shipped',
  SHIPPED: 'shipped',
  CANCELLED: 'cancelled',
  UNFULFILLABLE: 'cancelled',
};

/**
 * Canonical order statuses as 2026-01-01 `fulfillmentStatuses` filter values.
 *
 * @example
 * ```ts
 * toOrders2026Statuses(['cancelled']); // ['CANCELLED', 'UNFULFILLABLE']
 * ```
 */
export function toOrders2026Statuses(statuses: readonly OrderStatus[]): Orders2026FulfillmentStatus[] {
  return (Object.entries(STATUS) as [Orders2026FulfillmentStatus, OrderStatus][])
    .filter(([, canonical]) => statuses.includes(canonical))
    .map(([amazon]) => amazon);
}

type Money2026 = Result<Money, Failure<AmazonMapReason>>;

function read(value: Orders2026Money | undefined, where: string): Money2026 {
  return moneyFrom(value?.amount, value?.currencyCode, where);
}

/** Sums the breakdown entries of one type; `undefined` when none has it. */
function category(
  breakdowns: readonly Orders2026Breakdown[],
  type: string,
  currency: string,
  where: string,
): Result<Money | undefined, Failure<AmazonMapReason>> {
  let total: Money | undefined;
  for (const entry of breakdowns) {
    if (entry.type !== type) continue;
    const value = read(entry.subtotal, `${type} proceeds of ${where}`);
    if (value.isErr()) return err(value.error);
    if (value.value.currency !== currency)
      return err(failure('invalid_payload', `${where} mixes ${currency} and ${value.value.currency}.`));
    total = addMoney(total ?? money(0, currency), value.value);
  }
  return ok(total);
}

/**
 * A 2026-01-01 order (items, and buyer and recipient when they were included) as a canonical
 * {@link Order}. Unit prices come from `product.price.unitPrice`; totals from the proceeds
 * breakdowns (order level, else the items') and `grandTotal`, all in integer minor units.
 *
 * @example
 * ```ts
 * const result = fromOrders2026Order(answer.order);
 * if (result.isOk()) save(result.value);
 * ```
 */
export function fromOrders2026Order(
  order: Orders2026Order,
  fallbackCurrency = 'USD',
): Result<Order, Failure<AmazonMapReason>> {
  const fulfillmentStatus = order.fulfillment?.fulfillmentStatus;
  const status = fulfillmentStatus ? STATUS[fulfillmentStatus as Orders2026FulfillmentStatus] : undefined;
  if (!status)
    return err(
      failure(
        'invalid_payload',
        `Order ${order.orderId} has ${fulfillmentStatus ? `an unknown fulfillmentStatus "${fulfillmentStatus}"` : 'no fulfillment status (ask for includedData FULFILLMENT)'}.`,
      ),
    );
  const items = order.orderItems ?? [];
  if (items.length === 0) return err(failure('invalid_payload', `Order ${order.orderId} has no items.`));
  const currency =
    order.proceeds?.grandTotal?.currencyCode ??
    items.find((item) => item.product?.price?.unitPrice)?.product.price?.unitPrice?.currencyCode ??
    [...(order.proceeds?.breakdowns ?? []), ...items.flatMap((item) => item.proceeds?.breakdowns ?? [])][0]?.subtotal
      ?.currencyCode ??
    // An order without any amount yet (such as a pending one) still belongs to a store with a currency.
    (order.salesChannel?.marketplaceId ? marketplaceById(order.salesChannel.marketplaceId)?.currency : undefined) ??
    fallbackCurrency;
  const lineItems: LineItem[] = [];
  let fromUnits = money(0, currency);
  for (const item of items) {
    const quantity = Math.max(1, item.quantityOrdered);
    const lineProceeds = category(item.proceeds?.breakdowns ?? [], 'ITEM', currency, `item ${item.orderItemId}`);
    if (lineProceeds.isErr()) return err(lineProceeds.error);
    let unitPrice = money(Math.floor((lineProceeds.value?.amountMinor ?? 0) / quantity), currency);
    if (item.product?.price?.unitPrice) {
      const given = read(item.product.price.unitPrice, `unitPrice of ${item.orderItemId}`);
      if (given.isErr()) return err(given.error);
      unitPrice = given.value;
    }
    // Without a unit price (above), the line's ITEM proceeds split in integer minor units, rounding down.
    if (unitPrice.currency !== currency)
      return err(failure('invalid_payload', `Order ${order.orderId} mixes ${currency} and ${unitPrice.currency}.`));
    fromUnits = addMoney(fromUnits, multiplyMoney(unitPrice, quantity));
    const shipped = item.fulfillment?.quantityFulfilled ?? 0;
    const sku = item.product?.sellerSku ?? item.product?.asin;
    if (!sku)
      return err(
        failure('invalid_payload', `Item ${item.orderItemId} of ${order.orderId} has neither sellerSku nor asin.`),
      );
    lineItems.push({
      id: item.orderItemId,
      sku,
      ...(item.product.title ? { title: item.product.title } : {}),
      quantity,
      unitPrice,
      quantityShipped: shipped,
      quantityCancelled: status === 'cancelled' ? Math.max(0, quantity - shipped) : 0,
    });
  }
  const orderLevel = order.proceeds?.breakdowns ?? [];
  const breakdowns = orderLevel.length > 0 ? orderLevel : items.flatMap((item) => item.proceeds?.breakdowns ?? []);
  const parts: Record<'ITEM' | 'SHIPPING' | 'TAX' | 'DISCOUNT', Money | undefined> = {
    ITEM: undefined,
    SHIPPING: undefined,
    TAX: undefined,
    DISCOUNT: undefined,
  };
  for (const type of Object.keys(parts) as (keyof typeof parts)[]) {
    const value = category(breakdowns, type, currency, `order ${order.orderId}`);
    if (value.isErr()) return err(value.error);
    parts[type] = value.value;
  }
  const zero = money(0, currency);
  const subtotal = parts.ITEM ?? fromUnits;
  const shipping = parts.SHIPPING ?? zero;
  const tax = parts.TAX ?? zero;
  // Without grandTotal, every proceeds category counts (GIFT_WRAP, COD_FEE, DELIVERY_TIP, OTHER too),
  // as grandTotal is their sum; the item subtotal stands in when there is no ITEM entry.
  let total: Money2026 = ok(parts.ITEM ? zero : subtotal);
  if (order.proceeds?.grandTotal) total = read(order.proceeds.grandTotal, `grandTotal of ${order.orderId}`);
  else {
    for (const type of new Set(breakdowns.map((entry) => entry.type))) {
      const value = category(breakdowns, type, currency, `order ${order.orderId}`);
      if (value.isErr()) return err(value.error);
      total = ok(addMoney(total._unsafeUnwrap(), value.value ?? zero));
    }
  }
  if (total.isErr()) return err(total.error);
  const createdAt = isoTimeFrom(order.createdTime, `createdTime of ${order.orderId}`);
  if (createdAt.isErr()) return err(createdAt.error);
  const updatedAt = isoTimeFrom(order.lastUpdatedTime, `lastUpdatedTime of ${order.orderId}`);
  if (updatedAt.isErr()) return err(updatedAt.error);
  const delivery = order.recipient?.deliveryAddress;
  const address = delivery
    ? fromSpApiAddress({
        Name: delivery.name,
        CompanyName: delivery.companyName,
        AddressLine1: delivery.addressLine1,
        AddressLine2: [delivery.addressLine2, delivery.addressLine3].filter(Boolean).join(', ') || undefined,
        City: delivery.city || delivery.municipality,
        StateOrRegion: delivery.stateOrRegion,
        PostalCode: delivery.postalCode,
        CountryCode: delivery.countryCode,
        Phone: delivery.phone,
      })
    : undefined;
  const { buyerName, buyerEmail } = order.buyer ?? {};
  return ok({
    id: order.orderId,
    marketplace: 'amazon',
    status,
    createdAt: createdAt.value,
    updatedAt: updatedAt.value,
    acknowledged: false,
    currency,
    lineItems,
    totals: { subtotal, shipping, tax, total: total.value },
    ...(address ? { shippingAddress: address } : {}),
    ...(buyerName || buyerEmail
      ? { buyer: { ...(buyerName ? { name: buyerName } : {}), ...(buyerEmail ? { email: buyerEmail } : {}) } }
      : {}),
  });
}
