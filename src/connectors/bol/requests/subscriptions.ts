import type { BolSubscriptionResource } from '../types.js';
import { segment, type BolRequest } from './types.js';

/**
 * The body of `POST /subscriptions` and `PUT /subscriptions/{id}`.
 *
 * @category Operations
 */
export interface BolSubscriptionRequest {
  resources: BolSubscriptionResource[];
  url: string;
  subscriptionType: 'WEBHOOK' | 'GCP_PUBSUB' | 'AWS_SQS';
  enabled?: boolean;
  /** The AWS role ARN (required for `AWS_SQS`). */
  identity?: string;
}

/**
 * `GET /subscriptions`.
 *
 * @example
 * ```ts
 * const { subscriptions } = (await client.send(listSubscriptionsRequest())).data;
 * ```
 */
export function listSubscriptionsRequest(): BolRequest {
  return { operation: 'getSubscriptions', method: 'GET', api: 'retailer', path: '/subscriptions' };
}

/**
 * `GET /subscriptions/{subscription-id}`.
 *
 * @example
 * ```ts
 * await client.send(getSubscriptionRequest('1234'));
 * ```
 */
export function getSubscriptionRequest(id: string): BolRequest {
  return { operation: 'getSubscription', method: 'GET', api: 'retailer', path: `/subscriptions/${segment(id)}` };
}

/**
 * `POST /subscriptions` (answers a process status; its entity id is the subscription id).
 *
 * @example
 * ```ts
 * await client.send(createSubscriptionRequest({ resources: ['PROCESS_STATUS'], url, subscriptionType: 'WEBHOOK' }));
 * ```
 */
export function createSubscriptionRequest(body: BolSubscriptionRequest): BolRequest {
  return { operation: 'createSubscription', method: 'POST', api: 'retailer', path: '/subscriptions', json: body };
}

/**
 * `PUT /subscriptions/{subscription-id}`.
 *
 * @example
 * ```ts
 * await client.send(updateSubscriptionRequest('1234', { resources: ['SHIPMENT'], url, subscriptionType: 'WEBHOOK', enabled: false }));
 * ```
 */
export function updateSubscriptionRequest(id: string, body: BolSubscriptionRequest): BolRequest {
  return {
    operation: 'updateSubscription',
    method: 'PUT',
    api: 'retailer',
    path: `/subscriptions/${segment(id)}`,
    json: body,
  };
}

/**
 * `DELETE /subscriptions/{subscription-id}`.
 *
 * @example
 * ```ts
 * await client.send(deleteSubscriptionRequest('1234'));
 * ```
 */
export function deleteSubscriptionRequest(id: string): BolRequest {
  return { operation: 'deleteSubscription', method: 'DELETE', api: 'retailer', path: `/subscriptions/${segment(id)}` };
}

/**
 * `POST /subscriptions/test/{subscription-id}`: bol.com pushes a `TEST` event.
 *
 * @example
 * ```ts
 * await client.send(testSubscriptionRequest('1234'));
 * ```
 */
export function testSubscriptionRequest(id: string): BolRequest {
  return { operation: 'testSubscription', method: 'POST', api: 'retailer', path: `/subscriptions/test/${segment(id)}` };
}

/**
 * `GET /subscriptions/signature-keys`: the public keys that sign pushed events.
 *
 * @example
 * ```ts
 * const { signatureKeys } = (await client.send(signatureKeysRequest())).data;
 * ```
 */
export function signatureKeysRequest(): BolRequest {
  return { operation: 'getSignatureKeys', method: 'GET', api: 'retailer', path: '/subscriptions/signature-keys' };
}
