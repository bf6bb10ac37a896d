import { fillPath, query, type SpApiRequest } from './types.js';

/**
 * The scope of grantless Notifications API calls (destinations, deleting subscriptions).
 *
 * @example
 * ```ts
 * await lwa.clientCredentials(NOTIFICATIONS_SCOPE);
 * ```
 *
 * @category Operations
 */
export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';

/**
 * Where notifications go: an SQS queue or an EventBridge partner event source.
 *
 * @category Operations
 */
export type DestinationTarget = { sqs: { arn: string } } | { eventBridge: { region: string; accountId: string } };

/**
 * `createDestination` (grantless).
 *
 * @example
 * ```ts
 * createDestinationRequest({ name: 'orders', target: { sqs: { arn } } });
 * ```
 *
 * @category Operations
 */
export function createDestinationRequest(options: { name: string; target: DestinationTarget }): SpApiRequest {
  return {
    operation: 'createDestination',
    method: 'POST',
    path: '/notifications/v1/destinations',
    json: { name: options.name, resourceSpecification: options.target },
    grantlessScope: NOTIFICATIONS_SCOPE,
  };
}

/**
 * `getDestinations` (grantless).
 *
 * @example
 * ```ts
 * getDestinationsRequest();
 * ```
 *
 * @category Operations
 */
export function getDestinationsRequest(): SpApiRequest {
  return {
    operation: 'getDestinations',
    method: 'GET',
    path: '/notifications/v1/destinations',
    grantlessScope: NOTIFICATIONS_SCOPE,
  };
}

/**
 * `deleteDestination` (grantless).
 *
 * @example
 * ```ts
 * deleteDestinationRequest('3acafc7e-121b-401d-a8ab-e7bde7f9ff74');
 * ```
 *
 * @category Operations
 */
export function deleteDestinationRequest(destinationId: string): SpApiRequest {
  return {
    operation: 'deleteDestination',
    method: 'DELETE',
    path: fillPath('/notifications/v1/destinations/{destinationId}', { destinationId }),
    grantlessScope: NOTIFICATIONS_SCOPE,
  };
}

/**
 * `createSubscription`: sends `notificationType` notifications to a destination.
 *
 * @example
 * ```ts
 * createSubscriptionRequest({ notificationType: 'ORDER_CHANGE', destinationId, payloadVersion: '1.0' });
 * ```
 *
 * @category Operations
 */
export function createSubscriptionRequest(options: {
  notificationType: string;
  destinationId: string;
  payloadVersion?: string;
}): SpApiRequest {
  return {
    operation: 'createSubscription',
    method: 'POST',
    path: fillPath('/notifications/v1/subscriptions/{notificationType}', {
      notificationType: options.notificationType,
    }),
    json: { destinationId: options.destinationId, payloadVersion: options.payloadVersion ?? '1.0' },
  };
}

/**
 * `getSubscription`: the subscription of a notification type, if any.
 *
 * @example
 * ```ts
 * getSubscriptionRequest({ notificationType: 'ORDER_CHANGE' });
 * ```
 *
 * @category Operations
 */
export function getSubscriptionRequest(options: { notificationType: string; payloadVersion?: string }): SpApiRequest {
  return {
    operation: 'getSubscription',
    method: 'GET',
    path: fillPath('/notifications/v1/subscriptions/{notificationType}', {
      notificationType: options.notificationType,
    }),
    query: query({ payloadVersion: options.payloadVersion }),
  };
}

/**
 * `deleteSubscriptionById` (grantless).
 *
 * @example
 * ```ts
 * deleteSubscriptionRequest({ notificationType: 'ORDER_CHANGE', subscriptionId });
 * ```
 *
 * @category Operations
 */
export function deleteSubscriptionRequest(options: { notificationType: string; subscriptionId: string }): SpApiRequest {
  return {
    operation: 'deleteSubscriptionById',
    method: 'DELETE',
    path: fillPath('/notifications/v1/subscriptions/{notificationType}/{subscriptionId}', options),
    grantlessScope: NOTIFICATIONS_SCOPE,
  };
}

/**
 * `sendTestNotification` (grantless, sandbox only): asks Amazon to deliver a mock notification
 * of `notificationType` to a destination, with the payload version and test scenario given.
 *
 * @example
 * ```ts
 * sendTestNotificationRequest({ notificationType: 'ORDER_CHANGE', destinationId, payloadVersion: '1.0', testScenario: 'ORDER_CREATED' });
 * ```
 *
 * @category Operations
 */
export function sendTestNotificationRequest(options: {
  notificationType: string;
  destinationId?: string;
  payloadVersion?: string;
  testScenario?: string;
}): SpApiRequest {
  return {
    operation: 'sendTestNotification',
    method: 'POST',
    path: fillPath('/notifications/v1/subscriptions/{notificationType}/testNotification', {
      notificationType: options.notificationType,
    }),
    json: {
      ...(options.destinationId ? { destinationId: options.destinationId } : {}),
      testNotification: {
        payloadVersion: options.payloadVersion ?? '1.0',
        ...(options.testScenario ? { testScenario: options.testScenario } : {}),
      },
    },
    grantlessScope: NOTIFICATIONS_SCOPE,
  };
}
