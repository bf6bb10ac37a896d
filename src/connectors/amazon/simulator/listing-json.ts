import { formatMoney } from '../../../model/money.js';
import type { SimulatedListing } from './state.js';

/** The data sets of a Listings Items `Item`; Amazon returns only those asked for (`summaries` by default). */
export const LISTING_DATA_SETS = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;

/** The `includedData` of a request: the listed data sets, or `summaries` as the model's default. */
export function includedDataOf(url: URL): Set<string> {
  const raw = url.searchParams.get('includedData');
  return new Set(raw ? raw.split(',') : ['summaries']);
}

/**
 * A listing as a Listings Items 2021-08-01 `Item` with only the data sets in `included`:
 * `fulfillmentAvailability` lists every channel of its `fulfillment_availability` attribute
 * (FBA channels, `AMAZON_*`, without a quantity, as Amazon reports them).
 */
export function listingJson(
  listing: SimulatedListing,
  marketplaceId: string,
  included: ReadonlySet<string>,
): Record<string, unknown> {
  const item: Record<string, unknown> = { sku: listing.sku };
  const channels = ((listing.attributes.fulfillment_availability as Record<string, unknown>[] | undefined) ?? []).map(
    (channel) => ({
      fulfillmentChannelCode: String(channel.fulfillment_channel_code),
      ...(typeof channel.quantity === 'number' && !String(channel.fulfillment_channel_code).startsWith('AMAZON_')
        ? { quantity: channel.quantity }
        : {}),
    }),
  );
  const buyable = listing.fba ? listing.fba.fulfillable > 0 : listing.quantity > 0;
  if (included.has('summaries')) {
    item.summaries = [
      {
        marketplaceId,
        asin: listing.asin,
        productType: listing.productType,
        conditionType: String(
          (listing.attributes.condition_type as { value?: string }[] | undefined)?.[0]?.value ?? 'new_new',
        ),
        status: buyable ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'],
        itemName: listing.title,
        createdDate: new Date(0).toISOString(),
        lastUpdatedDate: new Date(listing.updatedAt).toISOString(),
      },
    ];
  }
  if (included.has('attributes')) item.attributes = listing.attributes;
  if (included.has('offers'))
    item.offers = [
      {
        marketplaceId,
        offerType: 'B2C',
        price: { currencyCode: listing.price.currency, amount: formatMoney(listing.price) },
        audience: { value: 'ALL', displayName: 'Sell on Amazon' },
      },
    ];
  if (included.has('fulfillmentAvailability')) item.fulfillmentAvailability = channels;
  if (included.has('issues')) item.issues = [];
  return item;
}
