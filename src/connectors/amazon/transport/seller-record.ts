import type { OAuthClient } from '../../../auth/oauth-client.js';
import type { Logger } from '../../../core/logger.js';
import type { AmazonRegion } from '../endpoints.js';

/**
 * The store connection id of a seller's Login with Amazon tokens: the seller id and the
 * region. A seller authorises an application in each region separately, with a refresh token
 * of its own, so one seller id in two regions has two token records.
 *
 * @example
 * ```ts
 * amazonSellerConnectionId('A1SELLER', 'eu'); // 'A1SELLER@eu'
 * ```
 *
 * @category Operations
 */
export function amazonSellerConnectionId(sellerId: string, region: AmazonRegion): string {
  return `${sellerId}@${region}`;
}

/**
 * Carries a token record that earlier versions stored under the bare seller id over to its
 * region's connection id, once, when that id has no record yet. The record is taken only when it
 * holds the configured refresh token (the same authorisation); one holding another refresh token
 * may be another region's, so it is left alone and a warning says how to import it if it is this
 * region's. The old record is not removed: processes of an earlier version may still read it.
 *
 * @example
 * ```ts
 * await adoptEarlierSellerRecord(oauth, { connectionId: 'A1SELLER@eu', earlierId: 'A1SELLER', refreshToken, logger });
 * ```
 */
export async function adoptEarlierSellerRecord(
  oauth: OAuthClient,
  options: { connectionId: string; earlierId: string; refreshToken: string; logger: Logger },
): Promise<void> {
  const { credentials } = oauth;
  const target = oauth.ref(options.connectionId);
  if (options.earlierId === options.connectionId || (await credentials.read(target))) return;
  const earlier = await credentials.read(oauth.ref(options.earlierId));
  if (!earlier) return;
  if (earlier.record.refreshToken !== options.refreshToken) {
    options.logger.warn(
      `Amazon: the token record stored under seller id ${options.earlierId} alone (by an earlier version) holds another refresh token than credentials.refreshToken, so it may be another region's and is not used for ${options.connectionId}. If it is this region's, import it with amazon.auth.oauth.importTokens('${options.connectionId}', ...).`,
      { platform: 'amazon', connectionId: options.connectionId },
    );
    return;
  }
  // Compare-and-set on an absent record: a process that seeded or adopted first wins.
  await credentials.compareAndSet(target, undefined, earlier.record);
}
