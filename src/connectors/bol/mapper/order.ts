import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import type { Address } from '../../../model/address.js';
import { addMoney, money, type Money } from '../../../model/money.js';
import type { LineItem, Order, OrderStatus } from '../../../model/order.js';
import type { BolAddressDetails, BolOrder } from '../types.js';
import { BOL_CURRENCY, fromBolAmount } from './money.js';
import { skuOf, type BolIdentifier } from './offer.js';

function iso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/**
 * The canonical status of an order from its items' quantities: everything cancelled is
 * `cancelled`; everything shipped or cancelled (something shipped) is `shipped`; some shipped is
 * `partially_shipped`; otherwise `unshipped`.
 *
 * @example
 * ```ts
 * orderStatusOf([{ quantity: 2, quantityShipped: 1, quantityCancelled: 0 }]); // 'partially_shipped'
 * ```
 */
export function orderStatusOf(
  items: readonly { quantity: number; quantityShipped: number; quantityCancelled: number }[],
): OrderStatus {
  const total = items.reduce((n, item) => n + item.quantity, 0);
  const shipped = items.reduce((n, item) => n + item.quantityShipped, 0);
  const cancelled = items.reduce((n, item) => n + item.quantityCancelled, 0);
  if (cancelled >= total) return 'cancelled';
  if (shipped + cancelled >= total) return 'shipped';
  return shipped > 0 ? 'partially_shipped' : 'unshipped';
}

function address(details: BolAddressDetails | undefined): Address | undefined {
  if (!details?.streetName || !details.city || !details.countryCode || !/^[A-Z]{2}$/.test(details.countryCode))
    return undefined;
  const number = [details.houseNumber, details.houseNumberExtension].filter(Boolean).join(' ');
  const out: Address = {
    line1: [details.streetName, number].filter(Boolean).join(' '),
    city: details.city,
    countryCode: details.countryCode,
  };
  const name = [details.firstName, details.surname].filter(Boolean).join(' ');
  if (name) out.name = name;
  if (details.company) out.company = details.company;
  if (details.extraAddressInformation) out.line2 = details.extraAddressInformation;
  if (details.zipCode) out.postalCode = details.zipCode;
  if (details.deliveryPhoneNumber) out.phone = details.deliveryPhoneNumber;
  if (details.email) out.email = details.email;
  return out;
}

/**
 * A canonical order from `GET /orders/{order-id}`. Prices are exact cents, VAT included (bol.com
 * does not report the VAT of an order, so `tax` is 0 and `subtotal` equals `total`, the sum of
 * what the customer paid per item after discounts); bol.com charges no shipping to the
 * customer on the order (`shipping` 0). Line SKUs follow `identifier` (the EAN when the offer has
 * no reference). The e-mail address is bol.com's scrambled relay address.
 *
 * @example
 * ```ts
 * const order = orderFromBol(body, 'ean');
 * if (order.isOk()) console.log(order.value.status, order.value.totals.total);
 * ```
 */
export function orderFromBol(order: BolOrder, identifier: BolIdentifier): Result<Order, Failure<'invalid_payload'>> {
  if (!order?.orderId || !Array.isArray(order.orderItems) || order.orderItems.length === 0) {
    return err(failure('invalid_payload', 'Expected a bol.com order with an orderId and at least one order item.'));
  }
  const lineItems: LineItem[] = [];
  let total: Money = money(0, BOL_CURRENCY);
  let updatedAt = iso(order.orderPlacedDateTime);
  for (const [index, item] of order.orderItems.entries()) {
    const unitPrice = fromBolAmount(item.unitPrice);
    const paid = fromBolAmount(item.totalPrice);
    if (unitPrice.isErr() || paid.isErr() || !Number.isInteger(item.quantity) || item.quantity < 1) {
      return err(
        failure('invalid_payload', `Order ${order.orderId} item ${index} has no valid price or quantity.`, {
          orderId: order.orderId,
          index,
        }),
      );
    }
    const ean = item.product?.ean ?? '';
    const sku = skuOf({ offerId: item.offer?.offerId ?? '', ean, reference: item.offer?.reference }, identifier) ?? ean;
    if (!sku)
      return err(
        failure('invalid_payload', `Order ${order.orderId} item ${index} names no product.`, {
          orderId: order.orderId,
          index,
        }),
      );
    lineItems.push({
      id: item.orderItemId,
      sku,
      ...(item.product?.title ? { title: item.product.title } : {}),
      quantity: item.quantity,
      unitPrice: unitPrice.value,
      quantityShipped: item.quantityShipped ?? 0,
      quantityCancelled: item.quantityCancelled ?? 0,
    });
    total = addMoney(total, paid.value);
    const changed = iso(item.latestChangedDateTime);
    if (changed && (!updatedAt || changed > updatedAt)) updatedAt = changed;
  }
  const createdAt = iso(order.orderPlacedDateTime) ?? updatedAt;
  if (!createdAt || !updatedAt)
    return err(failure('invalid_payload', `Order ${order.orderId} has no valid dates.`, { orderId: order.orderId }));
  const zero = money(0, BOL_CURRENCY);
  const out: Order = {
    id: order.orderId,
    marketplace: 'bol',
    status: orderStatusOf(lineItems),
    createdAt,
    updatedAt,
    acknowledged: false,
    currency: BOL_CURRENCY,
    lineItems,
    totals: { subtotal: total, shipping: zero, tax: zero, total },
  };
  const shipTo = address(order.shipmentDetails);
  if (shipTo) out.shippingAddress = shipTo;
  const buyer = order.billingDetails ?? order.shipmentDetails;
  const name = [buyer?.firstName, buyer?.surname].filter(Boolean).join(' ');
  if (name || buyer?.email) out.buyer = { ...(name ? { name } : {}), ...(buyer?.email ? { email: buyer.email } : {}) };
  return ok(out);
}
