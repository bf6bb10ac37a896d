import { fillPath, type SpApiRequest } from './types.js';

/**
 * `createFeedDocument`: reserves an upload URL for a feed's content.
 *
 * @example
 * ```ts
 * createFeedDocumentRequest('application/json; charset=UTF-8');
 * ```
 *
 * @category Operations
 */
export function createFeedDocumentRequest(contentType = 'application/json; charset=UTF-8'): SpApiRequest {
  return {
    operation: 'createFeedDocument',
    method: 'POST',
    path: '/feeds/2021-06-30/documents',
    json: { contentType },
  };
}

/**
 * `createFeed`: submits an uploaded document as a feed of `feedType`.
 *
 * @example
 * ```ts
 * createFeedRequest({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId });
 * ```
 *
 * @category Operations
 */
export function createFeedRequest(options: {
  feedType: string;
  marketplaceIds: readonly string[];
  inputFeedDocumentId: string;
}): SpApiRequest {
  return {
    operation: 'createFeed',
    method: 'POST',
    path: '/feeds/2021-06-30/feeds',
    json: {
      feedType: options.feedType,
      marketplaceIds: [...options.marketplaceIds],
      inputFeedDocumentId: options.inputFeedDocumentId,
    },
  };
}

/**
 * `getFeed`: a feed's processing status.
 *
 * @example
 * ```ts
 * getFeedRequest('23492394');
 * ```
 *
 * @category Operations
 */
export function getFeedRequest(feedId: string): SpApiRequest {
  return { operation: 'getFeed', method: 'GET', path: fillPath('/feeds/2021-06-30/feeds/{feedId}', { feedId }) };
}

/**
 * `cancelFeed`: cancels a feed that has not started processing.
 *
 * @example
 * ```ts
 * cancelFeedRequest('23492394');
 * ```
 *
 * @category Operations
 */
export function cancelFeedRequest(feedId: string): SpApiRequest {
  return { operation: 'cancelFeed', method: 'DELETE', path: fillPath('/feeds/2021-06-30/feeds/{feedId}', { feedId }) };
}

/**
 * `getFeedDocument`: the download URL of a feed document (a processing report).
 *
 * @example
 * ```ts
 * getFeedDocumentRequest('amzn1.tortuga.3.ed4cd0d8-447b-4b5e-8b8b-8b8b8b8b8b8b.T3YUVYPGKE9BMY');
 * ```
 *
 * @category Operations
 */
export function getFeedDocumentRequest(feedDocumentId: string): SpApiRequest {
  return {
    operation: 'getFeedDocument',
    method: 'GET',
    path: fillPath('/feeds/2021-06-30/documents/{feedDocumentId}', { feedDocumentId }),
  };
}
