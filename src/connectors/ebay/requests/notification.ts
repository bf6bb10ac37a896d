import type { EbayTokenKind } from '../operations-table.js';
import { EBAY_API_PATHS, segment, type EbayRequest } from './types.js';

const base = EBAY_API_PATHS.notification;

/**
 * A destination (your HTTPS endpoint) as createDestination and updateDestination take it.
 */
export interface EbayDestinationInput {
  name: string;
  status: 'ENABLED' | 'DISABLED';
  deliveryConfig: { endpoint: string; verificationToken: string };
}

/**
 * A subscription of a destination to a topic as createSubscription takes it.
 */
export interface EbaySubscriptionInput {
  topicId: string;
  destinationId: string;
  status: 'ENABLED' | 'DISABLED';
  payload: { format: 'JSON'; schemaVersion: string; deliveryProtocol: 'HTTPS' };
}

const page = (options: { limit?: number; continuationToken?: string }) => ({
  limit: options.limit,
  continuation_token: options.continuationToken,
});

/**
 * `GET /public_key/{public_key_id}`: the key that signs notifications (application token).
 *
 * @example
 * ```ts
 * getPublicKeyRequest('9936261a-7d7b-4621-a0f1-96ccb428af49');
 * ```
 */
export function getPublicKeyRequest(publicKeyId: string): EbayRequest {
  return { operation: 'getPublicKey', method: 'GET', path: `${base}/public_key/${segment(publicKeyId)}` };
}

/**
 * `GET /topic/{topic_id}`: a topic's scope (APPLICATION or USER), status and payloads.
 *
 * @example
 * ```ts
 * getTopicRequest('MARKETPLACE_ACCOUNT_DELETION');
 * ```
 */
export function getTopicRequest(topicId: string): EbayRequest {
  return { operation: 'getTopic', method: 'GET', path: `${base}/topic/${segment(topicId)}` };
}

/**
 * `GET /topic`: a page of the topics there are.
 *
 * @example
 * ```ts
 * getTopicsRequest({ limit: 100 });
 * ```
 */
export function getTopicsRequest(options: { limit?: number; continuationToken?: string } = {}): EbayRequest {
  return { operation: 'getTopics', method: 'GET', path: `${base}/topic`, query: page(options) };
}

/**
 * `GET /destination`: a page of the application's destinations.
 *
 * @example
 * ```ts
 * getDestinationsRequest({ limit: 100 });
 * ```
 */
export function getDestinationsRequest(options: { limit?: number; continuationToken?: string } = {}): EbayRequest {
  return { operation: 'getDestinations', method: 'GET', path: `${base}/destination`, query: page(options) };
}

/**
 * `POST /destination`: creates a destination; eBay answers 201 with its URL in `Location`, and
 * first checks the endpoint with a challenge (see `ebayChallengeResponse`).
 *
 * @example
 * ```ts
 * createDestinationRequest({ name: 'main', status: 'ENABLED', deliveryConfig: { endpoint, verificationToken } });
 * ```
 */
export function createDestinationRequest(destination: EbayDestinationInput): EbayRequest {
  return {
    operation: 'createDestination',
    method: 'POST',
    path: `${base}/destination`,
    json: destination,
    responseType: 'none',
  };
}

/**
 * `GET /destination/{destination_id}`.
 *
 * @example
 * ```ts
 * getDestinationRequest('d-1');
 * ```
 */
export function getDestinationRequest(destinationId: string): EbayRequest {
  return { operation: 'getDestination', method: 'GET', path: `${base}/destination/${segment(destinationId)}` };
}

/**
 * `PUT /destination/{destination_id}`.
 *
 * @example
 * ```ts
 * updateDestinationRequest('d-1', { name: 'main', status: 'DISABLED', deliveryConfig: { endpoint, verificationToken } });
 * ```
 */
export function updateDestinationRequest(destinationId: string, destination: EbayDestinationInput): EbayRequest {
  return {
    operation: 'updateDestination',
    method: 'PUT',
    path: `${base}/destination/${segment(destinationId)}`,
    json: destination,
    responseType: 'none',
  };
}

/**
 * `DELETE /destination/{destination_id}`.
 *
 * @example
 * ```ts
 * deleteDestinationRequest('d-1');
 * ```
 */
export function deleteDestinationRequest(destinationId: string): EbayRequest {
  return {
    operation: 'deleteDestination',
    method: 'DELETE',
    path: `${base}/destination/${segment(destinationId)}`,
    responseType: 'none',
  };
}

const tokenFor = (token: EbayTokenKind | undefined) => (token ? { token } : {});

/**
 * `GET /subscription`: a page of subscriptions (those of the token's user or application).
 *
 * @example
 * ```ts
 * getSubscriptionsRequest({ limit: 100 }, 'application');
 * ```
 */
export function getSubscriptionsRequest(
  options: { limit?: number; continuationToken?: string } = {},
  token?: EbayTokenKind,
): EbayRequest {
  return {
    operation: 'getSubscriptions',
    method: 'GET',
    path: `${base}/subscription`,
    query: page(options),
    ...tokenFor(token),
  };
}

/**
 * `POST /subscription`: subscribes a destination to a topic. Topics of APPLICATION scope
 * (MARKETPLACE_ACCOUNT_DELETION) take the application token, USER topics the seller's.
 *
 * @example
 * ```ts
 * createSubscriptionRequest(subscription, 'application');
 * ```
 */
export function createSubscriptionRequest(subscription: EbaySubscriptionInput, token?: EbayTokenKind): EbayRequest {
  return {
    operation: 'createSubscription',
    method: 'POST',
    path: `${base}/subscription`,
    json: subscription,
    responseType: 'none',
    ...tokenFor(token),
  };
}

/**
 * `GET /subscription/{subscription_id}`.
 *
 * @example
 * ```ts
 * getSubscriptionRequest('s-1');
 * ```
 */
export function getSubscriptionRequest(subscriptionId: string, token?: EbayTokenKind): EbayRequest {
  return {
    operation: 'getSubscription',
    method: 'GET',
    path: `${base}/subscription/${segment(subscriptionId)}`,
    ...tokenFor(token),
  };
}

/**
 * `PUT /subscription/{subscription_id}`: changes status, payload or destination.
 *
 * @example
 * ```ts
 * updateSubscriptionRequest('s-1', { status: 'DISABLED', destinationId: 'd-1', payload }, 'application');
 * ```
 */
export function updateSubscriptionRequest(
  subscriptionId: string,
  update: Omit<EbaySubscriptionInput, 'topicId'>,
  token?: EbayTokenKind,
): EbayRequest {
  return {
    operation: 'updateSubscription',
    method: 'PUT',
    path: `${base}/subscription/${segment(subscriptionId)}`,
    json: update,
    responseType: 'none',
    ...tokenFor(token),
  };
}

/**
 * `DELETE /subscription/{subscription_id}`.
 *
 * @example
 * ```ts
 * deleteSubscriptionRequest('s-1');
 * ```
 */
export function deleteSubscriptionRequest(subscriptionId: string, token?: EbayTokenKind): EbayRequest {
  return {
    operation: 'deleteSubscription',
    method: 'DELETE',
    path: `${base}/subscription/${segment(subscriptionId)}`,
    responseType: 'none',
    ...tokenFor(token),
  };
}

/**
 * `POST /subscription/{subscription_id}/enable` or `/disable`.
 *
 * @example
 * ```ts
 * setSubscriptionEnabledRequest('s-1', false);
 * ```
 */
export function setSubscriptionEnabledRequest(
  subscriptionId: string,
  enabled: boolean,
  token?: EbayTokenKind,
): EbayRequest {
  return {
    operation: enabled ? 'enableSubscription' : 'disableSubscription',
    method: 'POST',
    path: `${base}/subscription/${segment(subscriptionId)}/${enabled ? 'enable' : 'disable'}`,
    idempotent: true,
    responseType: 'none',
    ...tokenFor(token),
  };
}

/**
 * `POST /subscription/{subscription_id}/test`: eBay sends a test notification to the destination.
 *
 * @example
 * ```ts
 * testSubscriptionRequest('s-1');
 * ```
 */
export function testSubscriptionRequest(subscriptionId: string, token?: EbayTokenKind): EbayRequest {
  return {
    operation: 'testSubscription',
    method: 'POST',
    path: `${base}/subscription/${segment(subscriptionId)}/test`,
    responseType: 'none',
    ...tokenFor(token),
  };
}
