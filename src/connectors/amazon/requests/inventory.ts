import { ValidationError } from '../../../core/errors/validation-error.js';
import { query, type SpApiRequest } from './types.js';

/**
 * The most SKUs one `getInventorySummaries` call takes.
 *
 * @example
 * ```ts
 * for (let i = 0; i < skus.length; i += FBA_INVENTORY_MAX_SKUS) {}
 * ```
 *
 * @category Operations
 */
export const FBA_INVENTORY_MAX_SKUS = 50;

/**
 * `getInventorySummaries`: FBA inventory of up to 50 SKUs in one store. More SKUs are refused;
 * split them first (the connector does).
 *
 * @example
 * ```ts
 * getInventorySummariesRequest({ marketplaceId: 'ATVPDKIKX0DER', sellerSkus: ['MUG-1'] });
 * ```
 *
 * @category Operations
 */
export function getInventorySummariesRequest(options: {
  marketplaceId: string;
  sellerSkus?: readonly string[];
  nextToken?: string;
  details?: boolean;
}): SpApiRequest {
  if ((options.sellerSkus?.length ?? 0) > FBA_INVENTORY_MAX_SKUS) {
    throw new ValidationError(
      'getInventorySummaries request',
      [
        {
          path: ['sellerSkus'],
          message: `At most ${FBA_INVENTORY_MAX_SKUS} SKUs per call; got ${options.sellerSkus?.length}. Split the list.`,
        },
      ],
      { platform: 'amazon', operation: 'getInventorySummaries' },
    );
  }
  return {
    operation: 'getInventorySummaries',
    method: 'GET',
    path: '/fba/inventory/v1/summaries',
    query: query({
      details: options.details ?? true,
      granularityType: 'Marketplace',
      granularityId: options.marketplaceId,
      marketplaceIds: [options.marketplaceId],
      sellerSkus: options.sellerSkus,
      nextToken: options.nextToken,
    }),
  };
}
