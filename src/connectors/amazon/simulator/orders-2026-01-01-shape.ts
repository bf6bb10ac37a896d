import { addMoney, formatMoney, money, parseMoney, type Money } from '../../../model/money.js';
import type { SimulatedOrder } from './state.js';

/** v0 `OrderStatus` → 2026-01-01 `fulfillmentStatus`. */
export const FULFILLMENT_STATUS: Record<string, string> = {
  Pending: 'PENDING',
  PendingAvailability: 'PENDING_AVAILABILITY',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  // All units shipped, invoice not yet confirmed: shipped as far as fulfilment goes.
  InvoiceUnconfirmed: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
};

/** The `includedData` values of the 2026-01-01 model. */
export const DATASETS = new Set([
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
]);

type V0Money = { CurrencyCode?: string; Amount?: string } | undefined;

function read(value: V0Money): Money | undefined {
  if (!value?.CurrencyCode || value.Amount === undefined) return undefined;
  const parsed = parseMoney(value.Amount, value.CurrencyCode);
  return parsed.isOk() ? parsed.value : undefined;
}

const write = (value: Money) => ({ amount: formatMoney(value), currencyCode: value.currency });

function sum(values: (Money | undefined)[]): Money | undefined {
  let total: Money | undefined;
  for (const value of values) if (value) total = total ? addMoney(total, value) : value;
  return total;
}

/** An item's v0 money fields as 2026-01-01 proceeds breakdowns (ITEM, SHIPPING, TAX, DISCOUNT). */
function breakdowns(item: SimulatedOrder['items'][number]): { type: string; value: Money }[] {
  const get = (field: string) => read(item[field] as V0Money);
  const discount = get('PromotionDiscount');
  const entries: [string, Money | undefined][] = [
    ['ITEM', get('ItemPrice')],
    ['SHIPPING', get('ShippingPrice')],
    ['TAX', sum([get('ItemTax'), get('ShippingTax')])],
    ['DISCOUNT', discount && discount.amountMinor !== 0 ? money(-discount.amountMinor, discount.currency) : undefined],
  ];
  return entries.flatMap(([type, value]) => (value ? [{ type, value }] : []));
}

/**
 * A stored order (v0 shapes) as the Orders API 2026-01-01 `Order`, with the datasets asked
 * for: the same data the v0 endpoints serve, so both API versions see one account.
 */
export function toOrder2026(
  entry: SimulatedOrder,
  datasets: ReadonlySet<string>,
  marketplaceId: string,
): Record<string, unknown> {
  const order = entry.order;
  const items = entry.items.map((item) => {
    const parts = breakdowns(item);
    const line = parts.find((part) => part.type === 'ITEM')?.value;
    const quantity = Math.max(1, item.QuantityOrdered);
    const shipped = Number(item.QuantityShipped ?? 0);
    const product: Record<string, unknown> = {
      asin: item.ASIN,
      ...(item.SellerSKU ? { sellerSku: item.SellerSKU } : {}),
      ...(item.Title ? { title: item.Title } : {}),
    };
    // v0 ItemPrice is the line total; 2026-01-01 gives the unit price (integer minor units, rounded down).
    if (line) product.price = { unitPrice: write(money(Math.floor(line.amountMinor / quantity), line.currency)) };
    const total = sum(parts.map((part) => part.value));
    return {
      orderItemId: item.OrderItemId,
      quantityOrdered: item.QuantityOrdered,
      product,
      ...(datasets.has('PROCEEDS') && parts.length > 0
        ? {
            proceeds: {
              ...(total ? { proceedsTotal: write(total) } : {}),
              breakdowns: parts.map((part) => ({ type: part.type, subtotal: write(part.value) })),
            },
          }
        : {}),
      ...(datasets.has('FULFILLMENT')
        ? {
            fulfillment: {
              quantityFulfilled: shipped,
              quantityUnfulfilled: Math.max(0, item.QuantityOrdered - shipped),
            },
          }
        : {}),
    };
  });
  const grandTotal =
    read(order.OrderTotal as V0Money) ?? sum(entry.items.flatMap((item) => breakdowns(item).map((part) => part.value)));
  // Order-level proceeds aggregate each category across the items, as the model describes them.
  const byType = new Map<string, Money>();
  for (const part of entry.items.flatMap(breakdowns))
    byType.set(part.type, byType.has(part.type) ? addMoney(byType.get(part.type)!, part.value) : part.value);
  const orderBreakdowns = [...byType].map(([type, value]) => ({ type, subtotal: write(value) }));
  const fba = order.FulfillmentChannel === 'AFN';
  const address = entry.address as Record<string, string | undefined> | undefined;
  return {
    orderId: order.AmazonOrderId,
    createdTime: String(order.PurchaseDate ?? order.LastUpdateDate),
    lastUpdatedTime: order.LastUpdateDate,
    salesChannel: { channelName: 'AMAZON', marketplaceId: String(order.MarketplaceId ?? marketplaceId) },
    // buyerEmail is only given for merchant-fulfilled orders.
    ...(datasets.has('BUYER') && entry.buyer
      ? {
          buyer: {
            ...(entry.buyer.BuyerName ? { buyerName: entry.buyer.BuyerName } : {}),
            ...(entry.buyer.BuyerEmail && !fba ? { buyerEmail: entry.buyer.BuyerEmail } : {}),
          },
        }
      : {}),
    ...(datasets.has('RECIPIENT') && address
      ? {
          recipient: {
            deliveryAddress: Object.fromEntries(
              Object.entries({
                name: address.Name,
                companyName: address.CompanyName,
                addressLine1: address.AddressLine1,
                addressLine2: address.AddressLine2,
                city: address.City,
                stateOrRegion: address.StateOrRegion,
                postalCode: address.PostalCode,
                countryCode: address.CountryCode,
                phone: address.Phone,
              }).filter(([, value]) => value !== undefined),
            ),
          },
        }
      : {}),
    ...(datasets.has('PROCEEDS') && (grandTotal || orderBreakdowns.length > 0)
      ? {
          proceeds: {
            ...(grandTotal ? { grandTotal: write(grandTotal) } : {}),
            ...(orderBreakdowns.length > 0 ? { breakdowns: orderBreakdowns } : {}),
          },
        }
      : {}),
    ...(datasets.has('FULFILLMENT')
      ? {
          fulfillment: {
            fulfillmentStatus: FULFILLMENT_STATUS[order.OrderStatus] ?? 'PENDING',
            fulfilledBy: fba ? 'AMAZON' : 'MERCHANT',
          },
        }
      : {}),
    orderItems: items,
  };
}
