import type { ListingPatch } from '../requests/listings.js';

/**
 * The most messages one `JSON_LISTINGS_FEED` document may hold.
 *
 * @example
 * ```ts
 * const feeds = Math.ceil(skus.length / LISTINGS_FEED_MAX_MESSAGES);
 * ```
 *
 * @category Operations
 */
export const LISTINGS_FEED_MAX_MESSAGES = 25_000;

/**
 * One change to put in a listings feed: JSON Patch operations on one SKU, or its deletion.
 *
 * @category Operations
 */
export type ListingsFeedChange =
  | { sku: string; productType: string; patches: readonly ListingPatch[] }
  | { sku: string; delete: true };

/**
 * One message of a `JSON_LISTINGS_FEED` document (listings-feed-schema-v2).
 *
 * @category Operations
 */
export type ListingsFeedMessage =
  | { messageId: number; sku: string; operationType: 'PATCH'; productType: string; patches: ListingPatch[] }
  | { messageId: number; sku: string; operationType: 'DELETE' };

/**
 * A `JSON_LISTINGS_FEED` document ready to upload.
 *
 * @example
 * ```ts
 * const [document] = buildListingsFeeds({ sellerId: 'A1SELLER', changes });
 * const body = JSON.stringify(document);
 * ```
 *
 * @category Operations
 */
export interface ListingsFeedDocument {
  header: { sellerId: string; version: '2.0'; issueLocale?: string };
  messages: ListingsFeedMessage[];
}

/**
 * Splits changes into `JSON_LISTINGS_FEED` documents of at most 25,000 messages each, numbering
 * messages from 1 within each document so that the processing report maps back to SKUs.
 *
 * @example
 * ```ts
 * const documents = buildListingsFeeds({ sellerId: 'A1SELLER', changes: skus.map((sku) => ({ sku, productType: 'PRODUCT', patches: [quantityPatch(0)] })) });
 * ```
 *
 * @category Operations
 */
export function buildListingsFeeds(options: {
  sellerId: string;
  changes: readonly ListingsFeedChange[];
  issueLocale?: string;
  maxMessages?: number;
}): ListingsFeedDocument[] {
  const max = Math.min(LISTINGS_FEED_MAX_MESSAGES, Math.max(1, options.maxMessages ?? LISTINGS_FEED_MAX_MESSAGES));
  const documents: ListingsFeedDocument[] = [];
  for (let start = 0; start < options.changes.length; start += max) {
    const messages = options.changes.slice(start, start + max).map(
      (change, index): ListingsFeedMessage =>
        'delete' in change
          ? { messageId: index + 1, sku: change.sku, operationType: 'DELETE' }
          : {
              messageId: index + 1,
              sku: change.sku,
              operationType: 'PATCH',
              productType: change.productType,
              patches: [...change.patches],
            },
    );
    documents.push({
      header: {
        sellerId: options.sellerId,
        version: '2.0',
        ...(options.issueLocale ? { issueLocale: options.issueLocale } : {}),
      },
      messages,
    });
  }
  return documents;
}
