import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import type { Address } from '../../../model/address.js';
import type { Money } from '../../../model/money.js';
import { OrderSchema, type Order, type OrderStatus } from '../../../model/order.js';
import type { EbayLineItem, EbayOrder } from '../types.js';
import { fromEbayAmount } from './money.js';

/**
 * The canonical status of an eBay order: cancelled once its cancel state is CANCELED, pending
 * while payment is pending or failed, then by fulfillment (NOT_STARTED → `unshipped`,
 * IN_PROGRESS → `partially_shipped`, FULFILLED → `shipped`).
 *
 * @example
 * ```ts
 * ebayOrderStatus({ orderFulfillmentStatus: 'IN_PROGRESS', orderPaymentStatus: 'PAID' }); // 'partially_shipped'
 * ```
 */
export function ebayOrderStatus(
  order: Pick<EbayOrder, 'orderFulfillmentStatus' | 'orderPaymentStatus' | 'cancelStatus'>,
): OrderStatus {
  if (order.cancelStatus?.cancelState === 'CANCELED') return 'cancelled';
  if (order.orderPaymentStatus === 'PENDING' || order.orderPaymentStatus === 'FAILED') return 'pending';
  if (order.orderFulfillmentStatus === 'FULFILLED') return 'shipped';
  if (order.orderFulfillmentStatus === 'IN_PROGRESS') return 'partially_shipped';
  return 'unshipped';
}

/**
 * The SKU of an order line: the seller's SKU, or `item:<legacyItemId>` for a listing made
 * without one (outside the Inventory API).
 *
 * @example
 * ```ts
 * ebayLineSku({ legacyItemId: '110000000001' }); // 'item:110000000001'
 * ```
 */
export function ebayLineSku(line: Pick<EbayLineItem, 'sku' | 'legacyItemId'>): string | undefined {
  if (line.sku) return line.sku;
  return line.legacyItemId ? `item:${line.legacyItemId}` : undefined;
}

function unitPrice(line: EbayLineItem, index: number): Result<Money, string> {
  const cost = fromEbayAmount(line.lineItemCost, `lineItems[${index}].lineItemCost`);
  if (cost.isErr()) return err(cost.error.message);
  const quantity = line.quantity ?? 0;
  if (!Number.isInteger(quantity) || quantity <= 0)
    return err(`lineItems[${index}].quantity is not a positive integer.`);
  // lineItemCost is unit price × quantity: it divides exactly.
  if (cost.value.amountMinor % quantity !== 0)
    return err(
      `lineItems[${index}].lineItemCost ${line.lineItemCost?.value} does not divide by the quantity ${quantity}.`,
    );
  return ok({ amountMinor: cost.value.amountMinor / quantity, currency: cost.value.currency });
}

function address(order: EbayOrder): Address | undefined {
  const shipTo = order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo;
  const contact = shipTo?.contactAddress;
  const country = contact?.countryCode ?? contact?.country;
  if (!contact?.addressLine1 || !contact.city || !country || !/^[A-Z]{2}$/.test(country)) return undefined;
  return {
    ...(shipTo?.fullName ? { name: shipTo.fullName } : {}),
    ...(shipTo?.companyName ? { company: shipTo.companyName } : {}),
    line1: contact.addressLine1,
    ...(contact.addressLine2 ? { line2: contact.addressLine2 } : {}),
    city: contact.city,
    ...(contact.stateOrProvince ? { region: contact.stateOrProvince } : {}),
    ...(contact.postalCode ? { postalCode: contact.postalCode } : {}),
    countryCode: country,
    ...(shipTo?.primaryPhone?.phoneNumber ? { phone: shipTo.primaryPhone.phoneNumber } : {}),
  };
}

/**
 * A canonical order from an eBay order, with exact money (unit prices are the line cost ÷
 * quantity, which eBay defines to divide exactly). Emails eBay has masked ("Invalid Request"
 * after 14 days) are left out. Fails with a reason and the offending fields when the order does
 * not parse.
 *
 * @example
 * ```ts
 * const order = toEbayOrder(ebayOrder, 'USD');
 * if (order.isOk()) console.log(order.value.totals.total);
 * ```
 */
export function toEbayOrder(order: EbayOrder, fallbackCurrency: string): Result<Order, Failure<'invalid_payload'>> {
  const problems: string[] = [];
  const money = (
    amount: Parameters<typeof fromEbayAmount>[0],
    field: string,
    required: boolean,
    currency: string,
  ): Money => {
    if (!amount && !required) return { amountMinor: 0, currency };
    const parsed = fromEbayAmount(amount, field);
    if (parsed.isErr()) {
      problems.push(parsed.error.message);
      return { amountMinor: 0, currency };
    }
    return parsed.value;
  };
  const currency =
    order.pricingSummary?.total?.currency ?? order.pricingSummary?.priceSubtotal?.currency ?? fallbackCurrency;
  const cancelled = order.cancelStatus?.cancelState === 'CANCELED';
  const lineItems = (order.lineItems ?? []).map((line, index) => {
    const price = unitPrice(line, index);
    if (price.isErr()) problems.push(price.error);
    const sku = ebayLineSku(line);
    if (!sku) problems.push(`lineItems[${index}] has neither sku nor legacyItemId.`);
    const quantity = line.quantity ?? 0;
    return {
      id: line.lineItemId ?? '',
      sku: sku ?? '',
      ...(line.title ? { title: line.title } : {}),
      quantity,
      unitPrice: price.isOk() ? price.value : { amountMinor: 0, currency },
      quantityShipped: line.lineItemFulfillmentStatus === 'FULFILLED' ? quantity : 0,
      quantityCancelled: cancelled ? quantity : 0,
    };
  });
  const shipping = money(order.pricingSummary?.deliveryCost, 'pricingSummary.deliveryCost', false, currency);
  const deliveryDiscount = money(
    order.pricingSummary?.deliveryDiscount,
    'pricingSummary.deliveryDiscount',
    false,
    currency,
  );
  const shipTo = order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo;
  const email = shipTo?.email?.includes('@') ? shipTo.email : undefined;
  const shippingAddress = address(order);
  const draft = {
    id: order.orderId,
    marketplace: 'ebay',
    status: ebayOrderStatus(order),
    createdAt: order.creationDate,
    updatedAt: order.lastModifiedDate ?? order.creationDate,
    acknowledged: false,
    currency,
    lineItems,
    totals: {
      subtotal: money(order.pricingSummary?.priceSubtotal, 'pricingSummary.priceSubtotal', true, currency),
      shipping: { amountMinor: shipping.amountMinor + deliveryDiscount.amountMinor, currency: shipping.currency },
      tax: money(order.pricingSummary?.tax, 'pricingSummary.tax', false, currency),
      total: money(order.pricingSummary?.total, 'pricingSummary.total', true, currency),
    },
    ...(shippingAddress ? { shippingAddress } : {}),
    ...(shipTo?.fullName || email
      ? { buyer: { ...(shipTo?.fullName ? { name: shipTo.fullName } : {}), ...(email ? { email } : {}) } }
      : {}),
  };
  const parsed = OrderSchema.safeParse(draft);
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (problems.length > 0 || !parsed.success)
    return err(
      failure('invalid_payload', `eBay order ${order.orderId ?? '(no id)'} does not parse: ${problems.join('; ')}`),
    );
  return ok(parsed.data);
}
