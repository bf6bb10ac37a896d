import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../../core/result.js';
import { addMoney, multiplyMoney, type Money } from '../../../model/money.js';
import type { LineItem, Order, OrderStatus } from '../../../model/order.js';
import type { MappingFailure } from '../../../sync/mapper/types.js';
import type { MercadoLibreOrder } from '../types/index.js';
import { fromMercadoLibreAmount } from './money.js';
import { MercadoLibreOrderPayloadSchema } from './schemas.js';

/**
 * Every order status MercadoLibre reports.
 *
 * @example
 * ```ts
 * MERCADOLIBRE_ORDER_STATUSES.includes('paid'); // true
 * ```
 *
 * @category Platform types and mapping
 */
export const MERCADOLIBRE_ORDER_STATUSES = [
  'confirmed',
  'payment_required',
  'payment_in_process',
  'partially_paid',
  'paid',
  'partially_refunded',
  'pending_cancel',
  'cancelled',
  'invalid',
] as const;

const PENDING = new Set(['confirmed', 'payment_required', 'payment_in_process', 'partially_paid']);
const CANCELLED = new Set(['cancelled', 'invalid', 'pending_cancel']);

/**
 * The canonical status of a MercadoLibre order: unpaid ones (`confirmed`, `payment_required`,
 * `payment_in_process`, `partially_paid`) are pending; `cancelled`, `invalid` and
 * `pending_cancel` (cancelled, refund under way) are cancelled; paid ones are delivered,
 * shipped or unshipped by their tags (`delivered`, `shipped`).
 *
 * @example
 * ```ts
 * orderStatusOf('paid', ['paid', 'delivered']); // 'delivered'
 * orderStatusOf('payment_in_process', []); // 'pending'
 * ```
 *
 * @category Platform types and mapping
 */
export function orderStatusOf(status: string, tags: readonly string[] = []): OrderStatus {
  if (CANCELLED.has(status)) return 'cancelled';
  if (PENDING.has(status)) return 'pending';
  if (tags.includes('delivered')) return 'delivered';
  if (tags.includes('shipped')) return 'shipped';
  return 'unshipped';
}

/**
 * The MercadoLibre statuses whose orders can have one of the canonical `statuses`: the
 * `order.status` filter of an order search (the tags decide the rest locally).
 *
 * @example
 * ```ts
 * mercadolibreStatusesFor(['pending']); // ['confirmed', 'payment_required', 'payment_in_process', 'partially_paid']
 * ```
 */
export function mercadolibreStatusesFor(statuses: readonly OrderStatus[]): string[] {
  const out = new Set<string>();
  for (const status of statuses) {
    if (status === 'pending') for (const s of PENDING) out.add(s);
    else if (status === 'cancelled') for (const s of CANCELLED) out.add(s);
    else {
      out.add('paid');
      out.add('partially_refunded');
    }
  }
  return [...out];
}

const money = (value: unknown, currency: string, path: string): Result<Money, MappingFailure> =>
  fromMercadoLibreAmount(value ?? 0, currency, path);

/**
 * An untrusted order payload → a canonical order: lines by the seller's SKU (`seller_sku`,
 * else `seller_custom_field`, else item and variation id), exact amounts in the order's
 * `currency_id`, status from status and tags. MercadoLibre prices include taxes, so
 * `total` is items plus shipping and `tax` is informational. The buyer's nickname or name is
 * kept; MercadoLibre does not share buyers' e-mail addresses.
 *
 * @example
 * ```ts
 * const order = orderToCanonical(await client.getOrder('2000003508419013'));
 * ```
 */
export function orderToCanonical(payload: unknown): Result<Order, MappingFailure> {
  const parsed = MercadoLibreOrderPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return err({
      ...failure(
        'invalid_payload',
        `Not a MercadoLibre order: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      ),
      details: { issues },
    });
  }
  const order = parsed.data as unknown as MercadoLibreOrder;
  const currency = order.currency_id;
  const lines: LineItem[] = [];
  let subtotal: Money = { amountMinor: 0, currency };
  for (const [index, line] of order.order_items.entries()) {
    const unit = money(line.unit_price, currency, `order_items.${index}.unit_price`);
    if (unit.isErr()) return err(unit.error);
    const variation = line.item.variation_id;
    const sku =
      line.item.seller_sku ||
      line.item.seller_custom_field ||
      (variation ? `${line.item.id}-${variation}` : line.item.id);
    lines.push({
      id: `${line.item.id}${variation ? `-${variation}` : ''}`,
      sku,
      quantity: line.quantity,
      unitPrice: unit.value,
      quantityShipped: 0,
      quantityCancelled: 0,
      ...(line.item.title ? { title: line.item.title } : {}),
    });
    subtotal = addMoney(subtotal, multiplyMoney(unit.value, line.quantity));
  }
  const shipping = money(order.shipping_cost, currency, 'shipping_cost');
  const tax = money(order.taxes?.amount, currency, 'taxes.amount');
  if (shipping.isErr()) return err(shipping.error);
  if (tax.isErr()) return err(tax.error);
  const status = orderStatusOf(order.status, order.tags ?? []);
  for (const line of lines) {
    if (status === 'cancelled') line.quantityCancelled = line.quantity;
    if (status === 'shipped' || status === 'delivered') line.quantityShipped = line.quantity;
  }
  const buyerName =
    [order.buyer?.first_name, order.buyer?.last_name].filter(Boolean).join(' ') || order.buyer?.nickname;
  const created = new Date(order.date_created).toISOString();
  return ok({
    id: String(order.id),
    marketplace: 'mercadolibre',
    status,
    createdAt: created,
    updatedAt: order.last_updated ? new Date(order.last_updated).toISOString() : created,
    acknowledged: false,
    currency,
    lineItems: lines,
    totals: { subtotal, shipping: shipping.value, tax: tax.value, total: addMoney(subtotal, shipping.value) },
    ...(buyerName ? { buyer: { name: buyerName } } : {}),
  });
}
