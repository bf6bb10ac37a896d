import { parseMoney, type Money } from '../../../model/money.js';
import type { SimIssue } from './apply-patch.js';
import type { SimulatedListing } from './state.js';

type Entry = Record<string, unknown>;

/** The amount of a `[{ schedule: [{ value_with_tax }] }]` price field, if it has one. */
export function scheduledAmount(field: unknown): unknown {
  return (field as { schedule?: { value_with_tax?: unknown }[] }[] | undefined)?.[0]?.schedule?.[0]?.value_with_tax;
}

/**
 * The B2C offer of a store in a `purchasable_offer` value: the instance whose selectors are the
 * store's marketplace id and the audience `ALL` (the default audience).
 */
export function b2cOffer(attributes: Record<string, unknown>, marketplaceId: string): Entry | undefined {
  const offers = attributes.purchasable_offer as Entry[] | undefined;
  return offers?.find(
    (entry) => (entry.marketplace_id ?? marketplaceId) === marketplaceId && (entry.audience ?? 'ALL') === 'ALL',
  );
}

/**
 * Checks the offer and stock attributes of a listing and derives its price (`our_price` of the
 * B2C offer) and merchant-fulfilled quantity (the `DEFAULT` channel) from them, as Amazon reads
 * them: a B2C offer must have an `our_price` above zero in the store's currency, and every
 * merchant channel's quantity is a whole number of 0 or more.
 */
export function deriveOffer(
  listing: SimulatedListing,
  context: { currency: string; marketplaceId: string },
): { listing?: SimulatedListing; issues: SimIssue[] } {
  const issues: SimIssue[] = [];
  const offer = b2cOffer(listing.attributes, context.marketplaceId);
  const foreign = ((listing.attributes.purchasable_offer as Entry[] | undefined) ?? []).find(
    (entry) =>
      (entry.marketplace_id ?? context.marketplaceId) === context.marketplaceId && entry.currency !== context.currency,
  );
  let price: Money = listing.price;
  if (foreign) {
    issues.push({
      code: '99022',
      message: `The currency '${String(foreign.currency)}' of 'purchasable_offer' is not the currency of marketplace ${context.marketplaceId} (${context.currency}).`,
      severity: 'ERROR',
      attributeNames: ['purchasable_offer'],
    });
  } else if (!offer) {
    issues.push({
      code: '90220',
      message: `'[purchasable_offer]' is required but not supplied for marketplace ${context.marketplaceId} and audience ALL.`,
      severity: 'ERROR',
      attributeNames: ['purchasable_offer'],
    });
  } else {
    const amount = scheduledAmount(offer.our_price);
    const parsed =
      typeof amount === 'number' || typeof amount === 'string' ? parseMoney(amount, context.currency) : undefined;
    if (amount === undefined) {
      issues.push({
        code: '99022',
        message:
          "The field 'prices' for the attribute 'purchasable_offer.our_price' does not have enough values. The required minimum is '1' value(s).",
        severity: 'ERROR',
        attributeNames: ['purchasable_offer.our_price'],
      });
    } else if (!parsed || parsed.isErr() || parsed.value.amountMinor <= 0) {
      issues.push({
        code: '99022',
        message: "The attribute 'purchasable_offer.our_price' is invalid.",
        severity: 'ERROR',
        attributeNames: ['purchasable_offer.our_price'],
      });
    } else price = parsed.value;
  }
  let quantity = 0;
  for (const channel of (listing.attributes.fulfillment_availability as Entry[] | undefined) ?? []) {
    const code = String(channel.fulfillment_channel_code ?? '');
    if (code.startsWith('AMAZON_')) continue;
    const value = channel.quantity;
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      issues.push({
        code: '99010',
        message: "The attribute 'fulfillment_availability.quantity' must be a whole number of 0 or more.",
        severity: 'ERROR',
        attributeNames: ['fulfillment_availability'],
      });
    } else if (code === 'DEFAULT') quantity = value ?? 0;
  }
  return issues.length > 0 ? { issues } : { listing: { ...listing, price, quantity }, issues };
}
