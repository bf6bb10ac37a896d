import type { SpApiRequest } from './types.js';

/**
 * `createRestrictedDataToken`: a short-lived token that authorises reading buyer data of the
 * listed restricted operations.
 *
 * @example
 * ```ts
 * createRestrictedDataTokenRequest([{ method: 'GET', path: '/orders/v0/orders/902-1845936-5435065/address' }]);
 * ```
 *
 * @category Operations
 */
export function createRestrictedDataTokenRequest(
  resources: readonly { method: string; path: string; dataElements?: readonly string[] }[],
): SpApiRequest {
  return {
    operation: 'createRestrictedDataToken',
    method: 'POST',
    path: '/tokens/2021-03-01/restrictedDataToken',
    json: {
      restrictedResources: resources.map((resource) => ({
        method: resource.method,
        path: resource.path,
        ...(resource.dataElements ? { dataElements: [...resource.dataElements] } : {}),
      })),
    },
  };
}
