import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** Notifications v1: destinations, subscriptions and test notifications. */
export function notificationsHandlers(rt: SimulatorRuntime): HttpHandler[] {
  return [
    http.post(`${rt.base}/notifications/v1/destinations`, async ({ request }) => {
      const denied = rt.gate('createDestination', request, { grantless: true });
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { name?: string; resourceSpecification?: unknown };
      if (!body.name || !body.resourceSpecification)
        return rt.error(400, 'InvalidInput', 'name and resourceSpecification are required.');
      const destination = { destinationId: rt.nextId('dest'), name: body.name, resource: body.resourceSpecification };
      rt.state.destinations.set(destination.destinationId, destination);
      return rt.json('createDestination', { payload: destination });
    }),
    http.get(`${rt.base}/notifications/v1/destinations`, ({ request }) => {
      const denied = rt.gate('getDestinations', request, { grantless: true });
      if (denied) return denied;
      return rt.json('getDestinations', { payload: [...rt.state.destinations.values()] });
    }),
    http.delete(`${rt.base}/notifications/v1/destinations/:id`, ({ request, params }) => {
      const denied = rt.gate('deleteDestination', request, { grantless: true });
      if (denied) return denied;
      if (!rt.state.destinations.delete(String(params.id))) return rt.error(404, 'NotFound', 'Destination not found.');
      return rt.json('deleteDestination', {});
    }),
    http.post(`${rt.base}/notifications/v1/subscriptions/:type`, async ({ request, params }) => {
      const denied = rt.gate('createSubscription', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { destinationId?: string; payloadVersion?: string };
      if (!body.destinationId || !rt.state.destinations.has(body.destinationId))
        return rt.error(400, 'InvalidInput', 'Unknown destinationId.');
      if (rt.state.subscriptions.has(String(params.type)))
        return rt.error(409, 'Conflict', 'A subscription for this notification type exists.');
      const subscription = {
        subscriptionId: rt.nextId('sub'),
        payloadVersion: body.payloadVersion ?? '1.0',
        destinationId: body.destinationId,
      };
      rt.state.subscriptions.set(String(params.type), subscription);
      return rt.json('createSubscription', { payload: subscription });
    }),
    http.get(`${rt.base}/notifications/v1/subscriptions/:type`, ({ request, params }) => {
      const denied = rt.gate('getSubscription', request);
      if (denied) return denied;
      const subscription = rt.state.subscriptions.get(String(params.type));
      return subscription
        ? rt.json('getSubscription', { payload: subscription })
        : rt.error(404, 'NotFound', 'No subscription for this notification type.');
    }),
    http.delete(`${rt.base}/notifications/v1/subscriptions/:type/:id`, ({ request, params }) => {
      const denied = rt.gate('deleteSubscriptionById', request, { grantless: true });
      if (denied) return denied;
      const subscription = rt.state.subscriptions.get(String(params.type));
      if (!subscription || subscription.subscriptionId !== params.id)
        return rt.error(404, 'NotFound', 'Subscription not found.');
      rt.state.subscriptions.delete(String(params.type));
      return rt.json('deleteSubscriptionById', {});
    }),
    http.post(`${rt.base}/notifications/v1/subscriptions/:type/testNotification`, async ({ request, params }) => {
      const denied = rt.gate('sendTestNotification', request, { grantless: true });
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { destinationId?: string };
      if (body.destinationId && !rt.state.destinations.has(body.destinationId))
        return rt.error(404, 'NotFound', 'Unknown destinationId.');
      rt.state.testNotifications.push({
        notificationType: String(params.type),
        ...(body.destinationId ? { destinationId: body.destinationId } : {}),
      });
      return rt.json('sendTestNotification', {});
    }),
    http.all(`${rt.base}/*`, ({ request }) =>
      HttpResponse.json(
        {
          errors: [
            {
              code: 'NotFound',
              message: `The simulator does not know ${request.method} ${new URL(request.url).pathname}.`,
            },
          ],
        },
        { status: 404 },
      ),
    ),
  ];
}
