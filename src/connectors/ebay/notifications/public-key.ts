import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { EbayKeyFetcher } from './key-fetcher.js';
import type { EbayClient } from '../client.js';
import { getPublicKeyRequest } from '../requests/notification.js';

/**
 * An {@link EbayKeyFetcher} that reads public keys through the connector's pipeline
 * (application token, the Notification API's call budget, retries): 404 is "no such key".
 *
 * @example
 * ```ts
 * const verifier = createEbayVerifier({ fetchKey: ebayPublicKeyFetcher(ebay.client) });
 * ```
 *
 * @category Webhooks and notifications
 */
export function ebayPublicKeyFetcher(client: EbayClient): EbayKeyFetcher {
  return async (kid, signal) => {
    try {
      const key = await client.send<{ key?: unknown; algorithm?: unknown; digest?: unknown }>(
        getPublicKeyRequest(kid),
        signal,
      );
      if (typeof key?.key !== 'string')
        throw new MarketplaceApiError('eBay public key response has no "key".', {
          platform: 'ebay',
          operation: 'getPublicKey',
        });
      return { key: key.key, algorithm: String(key.algorithm ?? ''), digest: String(key.digest ?? '') };
    } catch (error) {
      if (isMarketbridgeError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };
}
