import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../core/result.js';
import { parseMoney, type Money } from '../../model/money.js';

/**
 * Product data from any catalog source, in one shape: what the orchestrator caches and scores.
 *
 * @category Platform types and mapping
 */
export interface CatalogRecord {
  /** The item id the caller asked for (an ASIN). */
  id: string;
  title?: string;
  brand?: string;
  images?: string[];
  price?: Money;
  availability?: string;
  url?: string;
  /** Anything else the source knows, flattened to strings. */
  attributes?: Record<string, string>;
}

/**
 * A Creators API item, in the lowerCamelCase shape of the Creators API SDK's `Item` model.
 * Every field is optional there because the resources requested decide what comes back; an
 * item without `asin` is refused.
 *
 * @category Platform types and mapping
 */
export interface CreatorsItem {
  asin: string;
  detailPageURL?: string;
  parentASIN?: string;
  itemInfo?: {
    title?: { displayValue?: string };
    byLineInfo?: { brand?: { displayValue?: string } };
    features?: { displayValues?: string[] };
  };
  images?: { primary?: Record<string, { url?: string } | undefined> };
  offersV2?: {
    listings?: {
      price?: { money?: { amount?: number | string; currency?: string } };
      availability?: { type?: string; message?: string };
      condition?: { value?: string };
    }[];
  };
}

/**
 * A Creators API item as a {@link CatalogRecord}; the price goes through `parseMoney`, never
 * through float arithmetic.
 *
 * @example
 * ```ts
 * const record = fromCreatorsItem(item)._unsafeUnwrap();
 * ```
 *
 * @category Platform types and mapping
 */
export function fromCreatorsItem(item: CreatorsItem): Result<CatalogRecord, Failure<'invalid_item'>> {
  if (!item || typeof item.asin !== 'string' || !item.asin)
    return err(failure('invalid_item', 'A Creators API item without asin.'));
  const listing = item.offersV2?.listings?.[0];
  const money = listing?.price?.money;
  let price: Money | undefined;
  if (money?.amount !== undefined && money.currency) {
    const parsed = parseMoney(money.amount, money.currency);
    if (parsed.isErr()) return err(failure('invalid_item', `Price of ${item.asin}: ${parsed.error.message}`));
    price = parsed.value;
  }
  const primary = item.images?.primary ?? {};
  const image = primary.large?.url ?? primary.medium?.url ?? primary.small?.url;
  const record: CatalogRecord = { id: item.asin };
  if (item.itemInfo?.title?.displayValue) record.title = item.itemInfo.title.displayValue;
  if (item.itemInfo?.byLineInfo?.brand?.displayValue) record.brand = item.itemInfo.byLineInfo.brand.displayValue;
  if (image) record.images = [image];
  if (price) record.price = price;
  if (listing?.availability?.type) record.availability = listing.availability.type;
  if (item.detailPageURL) record.url = item.detailPageURL;
  return ok(record);
}
