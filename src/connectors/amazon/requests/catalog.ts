import { fillPath, query, type SpApiRequest } from './types.js';

const DEFAULT_DATA = ['summaries', 'attributes', 'identifiers', 'images', 'salesRanks'];

/**
 * `searchCatalogItems`: catalog items by keywords or identifiers (at most 20 of either).
 *
 * @example
 * ```ts
 * searchCatalogItemsRequest({ marketplaceId: 'ATVPDKIKX0DER', identifiers: ['B07N4M94X4'], identifiersType: 'ASIN' });
 * ```
 *
 * @category Operations
 */
export function searchCatalogItemsRequest(options: {
  marketplaceId: string;
  keywords?: readonly string[];
  identifiers?: readonly string[];
  identifiersType?: 'ASIN' | 'EAN' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU' | 'UPC';
  sellerId?: string;
  includedData?: readonly string[];
  pageSize?: number;
  pageToken?: string;
}): SpApiRequest {
  return {
    operation: 'searchCatalogItems',
    method: 'GET',
    path: '/catalog/2022-04-01/items',
    query: query({
      marketplaceIds: [options.marketplaceId],
      keywords: options.keywords,
      identifiers: options.identifiers,
      identifiersType: options.identifiers ? (options.identifiersType ?? 'ASIN') : undefined,
      sellerId: options.identifiersType === 'SKU' ? options.sellerId : undefined,
      includedData: options.includedData ?? DEFAULT_DATA,
      pageSize: options.pageSize === undefined ? undefined : Math.min(20, Math.max(1, options.pageSize)),
      pageToken: options.pageToken,
    }),
  };
}

/**
 * `getCatalogItem`: one catalog item by ASIN.
 *
 * @example
 * ```ts
 * getCatalogItemRequest({ asin: 'B07N4M94X4', marketplaceId: 'ATVPDKIKX0DER' });
 * ```
 *
 * @category Operations
 */
export function getCatalogItemRequest(options: {
  asin: string;
  marketplaceId: string;
  includedData?: readonly string[];
}): SpApiRequest {
  return {
    operation: 'getCatalogItem',
    method: 'GET',
    path: fillPath('/catalog/2022-04-01/items/{asin}', { asin: options.asin }),
    query: query({ marketplaceIds: [options.marketplaceId], includedData: options.includedData ?? DEFAULT_DATA }),
  };
}
