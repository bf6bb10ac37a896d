import { formatMoney, type Money } from '../../../model/money.js';
import type { EbayAmount, EbayOrder } from '../types.js';
import type { EbaySimRuntime } from './runtime.js';

/**
 * An order to seed: its lines, and optionally shipping, tax, buyer, address and dates.
 *
 * @category Simulator
 */
export interface EbaySimOrderInput {
  orderId?: string;
  lines: { sku: string; quantity: number; unitPrice: Money; title?: string }[];
  shipping?: Money;
  tax?: Money;
  /** When the buyer committed (ISO; default now). */
  createdAt?: string;
  /** Whether the buyer paid (default true). */
  paid?: boolean;
  buyer?: { username?: string; name?: string; email?: string };
  shipTo?: { line1: string; city: string; countryCode: string; postalCode?: string; region?: string; phone?: string };
}

const amount = (money: Money): EbayAmount => ({ value: formatMoney(money), currency: money.currency });

/**
 * An eBay order (Fulfillment API shape) from seed input, totals computed exactly.
 *
 * @example
 * ```ts
 * const order = simOrder(runtime, { lines: [{ sku: 'MUG-1', quantity: 1, unitPrice: money(999, 'USD') }] });
 * ```
 */
export function simOrder(rt: EbaySimRuntime, input: EbaySimOrderInput): EbayOrder {
  const n = rt.nextId();
  const currency = input.lines[0]?.unitPrice.currency ?? rt.currency;
  const created = input.createdAt ?? new Date(rt.clock.now()).toISOString();
  const subtotal = input.lines.reduce((sum, line) => sum + line.unitPrice.amountMinor * line.quantity, 0);
  const shipping = input.shipping?.amountMinor ?? 0;
  const tax = input.tax?.amountMinor ?? 0;
  const money = (amountMinor: number) => amount({ amountMinor, currency });
  return {
    orderId: input.orderId ?? `${n.slice(-2)}-${n.slice(-7, -2)}-${n.slice(-5)}`,
    legacyOrderId: `${110_000_000_000 + Number(n.slice(-6))}-${n}`,
    creationDate: created,
    lastModifiedDate: created,
    orderFulfillmentStatus: 'NOT_STARTED',
    orderPaymentStatus: input.paid === false ? 'PENDING' : 'PAID',
    sellerId: 'sim_seller',
    buyer: { username: input.buyer?.username ?? 'sim_buyer' },
    pricingSummary: {
      priceSubtotal: money(subtotal),
      deliveryCost: money(shipping),
      ...(tax ? { tax: money(tax) } : {}),
      total: money(subtotal + shipping + tax),
    },
    cancelStatus: { cancelState: 'NONE_REQUESTED', cancelRequests: [] },
    paymentSummary: {
      payments:
        input.paid === false
          ? []
          : [{ paymentDate: created, paymentStatus: 'PAID', amount: money(subtotal + shipping + tax) }],
      totalDueSeller: money(subtotal + shipping),
    },
    fulfillmentStartInstructions: [
      {
        fulfillmentInstructionsType: 'SHIP_TO',
        shippingStep: {
          shippingCarrierCode: 'USPS',
          shipTo: {
            ...(input.buyer?.name ? { fullName: input.buyer.name } : {}),
            ...(input.buyer?.email ? { email: input.buyer.email } : {}),
            ...(input.shipTo
              ? {
                  contactAddress: {
                    addressLine1: input.shipTo.line1,
                    city: input.shipTo.city,
                    countryCode: input.shipTo.countryCode,
                    ...(input.shipTo.postalCode ? { postalCode: input.shipTo.postalCode } : {}),
                    ...(input.shipTo.region ? { stateOrProvince: input.shipTo.region } : {}),
                  },
                }
              : {}),
            ...(input.shipTo?.phone ? { primaryPhone: { phoneNumber: input.shipTo.phone } } : {}),
          },
        },
      },
    ],
    fulfillmentHrefs: [],
    lineItems: input.lines.map((line, index) => ({
      lineItemId: `${n}${index}`,
      legacyItemId: String(110_000_000_000 + index),
      sku: line.sku,
      title: line.title ?? line.sku,
      quantity: line.quantity,
      lineItemCost: amount({ amountMinor: line.unitPrice.amountMinor * line.quantity, currency }),
      total: amount({ amountMinor: line.unitPrice.amountMinor * line.quantity, currency }),
      lineItemFulfillmentStatus: 'NOT_STARTED',
      listingMarketplaceId: rt.marketplaceId,
      purchaseMarketplaceId: rt.marketplaceId,
      soldFormat: 'FIXED_PRICE',
      appliedPromotions: [],
      taxes: [],
      refunds: [],
    })),
  };
}
