import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { EBAY_VERIFICATION_TOKEN_PATTERN, ebayChallengeResponse } from '../notifications/challenge.js';
import { ebayError, emptyAnswer, errorAnswer, jsonAnswer, readJson } from './answers.js';
import type { EbaySimRuntime } from './runtime.js';

/**
 * The topics the simulated Notification API knows, with their scope.
 *
 * @example
 * ```ts
 * EBAY_SIM_TOPICS.MARKETPLACE_ACCOUNT_DELETION.scope; // 'APPLICATION'
 * ```
 *
 * @category Simulator
 */
export const EBAY_SIM_TOPICS: Readonly<Record<string, { scope: 'APPLICATION' | 'USER'; description: string }>> =
  Object.freeze({
    MARKETPLACE_ACCOUNT_DELETION: {
      scope: 'APPLICATION',
      description: 'An eBay user asked for their data to be deleted.',
    },
    AUTHORIZATION_REVOCATION: {
      scope: 'APPLICATION',
      description: 'A user revoked the authorization of the application.',
    },
    ITEM_AVAILABILITY: { scope: 'USER', description: 'The availability of a listed item changed.' },
    PRIORITY_LISTING_REVISION: { scope: 'USER', description: 'A listing was revised by eBay.' },
  });

const notificationError = (status: number, errorId: number, message: string) =>
  errorAnswer(status, ebayError(errorId, message, { domain: 'API_NOTIFICATION' }));

/**
 * The Notification API: public keys, topics, destinations (validated with eBay's endpoint
 * challenge when the simulator can reach the endpoint) and subscriptions (APPLICATION topics
 * with the application token, USER topics with the seller's); `test` sends a signed test
 * notification to the subscription's destination.
 *
 * @example
 * ```ts
 * const handlers = notificationHandlers(runtime);
 * ```
 */
export function notificationHandlers(
  rt: EbaySimRuntime,
  sendTest: (topicId: string, destinationId: string) => Promise<unknown>,
): HttpHandler[] {
  const base = `${rt.base}/commerce/notification/v1`;
  const topicJson = (topicId: string) => ({
    topicId,
    ...EBAY_SIM_TOPICS[topicId],
    status: 'ENABLED',
    context: 'SELLER',
    supportedPayloads: [{ schemaVersion: '1.0', format: ['JSON'], deliveryProtocol: 'HTTPS', deprecated: false }],
  });
  const page = <T>(request: Request, items: readonly T[]) => {
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const start = Number(url.searchParams.get('continuation_token') ?? 0);
    const slice = items.slice(start, start + limit);
    const next =
      start + limit < items.length
        ? `${url.origin}${url.pathname}?limit=${limit}&continuation_token=${start + limit}`
        : undefined;
    return { total: items.length, href: request.url, limit, slice, ...(next ? { next } : {}) };
  };
  const challenge = async (endpoint: string, verificationToken: string): Promise<boolean> => {
    if (!rt.deliver) return true;
    const code = `sim-challenge-${rt.nextId()}`;
    try {
      const response = await rt.deliver(
        `${endpoint}${endpoint.includes('?') ? '&' : '?'}challenge_code=${encodeURIComponent(code)}`,
        { method: 'GET' },
      );
      const body = (await response.json()) as { challengeResponse?: unknown };
      return (
        response.status === 200 &&
        body.challengeResponse === (await ebayChallengeResponse(code, verificationToken, endpoint))
      );
    } catch {
      return false;
    }
  };
  const destinationProblems = (
    body:
      | { name?: string; status?: string; deliveryConfig?: { endpoint?: string; verificationToken?: string } }
      | undefined,
  ) => {
    if (!body?.name) return 'name is required.';
    if (body.status !== 'ENABLED' && body.status !== 'DISABLED') return 'status must be ENABLED or DISABLED.';
    if (!/^https:\/\//.test(body.deliveryConfig?.endpoint ?? ''))
      return 'deliveryConfig.endpoint must be an https URL.';
    if (!EBAY_VERIFICATION_TOKEN_PATTERN.test(body.deliveryConfig?.verificationToken ?? ''))
      return 'deliveryConfig.verificationToken must be 32 to 80 letters, digits, "_" or "-".';
    return undefined;
  };
  const subscriptionOwner = (request: Request) => rt.gate.tokenKind(request) ?? 'user';
  return [
    http.get(`${base}/public_key/:id`, ({ request, params }) => {
      const refused = rt.gate.check('getPublicKey', request);
      if (refused) return refused;
      const key = rt.state.publicKeys.get(String(params.id));
      return key ? jsonAnswer(key) : notificationError(404, 195001, 'The specified public key ID was not found.');
    }),
    http.get(`${base}/topic/:id`, ({ request, params }) => {
      const refused = rt.gate.check('getTopic', request);
      if (refused) return refused;
      const topicId = String(params.id);
      return EBAY_SIM_TOPICS[topicId]
        ? jsonAnswer(topicJson(topicId))
        : notificationError(404, 195002, `The topic ${topicId} was not found.`);
    }),
    http.get(`${base}/topic`, ({ request }) => {
      const refused = rt.gate.check('getTopics', request);
      if (refused) return refused;
      const { slice, ...rest } = page(request, Object.keys(EBAY_SIM_TOPICS));
      return jsonAnswer({ ...rest, topics: slice.map(topicJson) });
    }),
    http.get(`${base}/destination`, ({ request }) => {
      const refused = rt.gate.check('getDestinations', request);
      if (refused) return refused;
      const { slice, ...rest } = page(request, [...rt.state.destinations.values()]);
      return jsonAnswer({ ...rest, destinations: slice });
    }),
    http.post(`${base}/destination`, async ({ request }) => {
      const refused = rt.gate.check('createDestination', request);
      if (refused) return refused;
      const body = await readJson<{
        name?: string;
        status?: string;
        deliveryConfig?: { endpoint?: string; verificationToken?: string };
      }>(request);
      const problem = destinationProblems(body);
      if (problem) return notificationError(400, 195003, problem);
      const { endpoint, verificationToken } = body!.deliveryConfig as { endpoint: string; verificationToken: string };
      if ([...rt.state.destinations.values()].some((destination) => destination.deliveryConfig.endpoint === endpoint))
        return notificationError(409, 195004, 'A destination with this endpoint already exists.');
      if (!(await challenge(endpoint, verificationToken)))
        return notificationError(
          400,
          195005,
          'Challenge verification failed for the endpoint: answer GET ?challenge_code= with the SHA-256 of code, verification token and endpoint.',
        );
      const destinationId = rt.nextId();
      rt.state.destinations.set(destinationId, {
        destinationId,
        name: body!.name!,
        status: body!.status!,
        deliveryConfig: { endpoint, verificationToken },
      });
      return emptyAnswer(201, { location: `${base}/destination/${destinationId}` });
    }),
    http.get(`${base}/destination/:id`, ({ request, params }) => {
      const refused = rt.gate.check('getDestination', request);
      if (refused) return refused;
      const destination = rt.state.destinations.get(String(params.id));
      return destination ? jsonAnswer(destination) : notificationError(404, 195006, 'The destination was not found.');
    }),
    http.put(`${base}/destination/:id`, async ({ request, params }) => {
      const refused = rt.gate.check('updateDestination', request);
      if (refused) return refused;
      const current = rt.state.destinations.get(String(params.id));
      if (!current) return notificationError(404, 195006, 'The destination was not found.');
      const body = await readJson<{
        name?: string;
        status?: string;
        deliveryConfig?: { endpoint?: string; verificationToken?: string };
      }>(request);
      const problem = destinationProblems(body);
      if (problem) return notificationError(400, 195003, problem);
      rt.state.destinations.set(current.destinationId, {
        ...current,
        name: body!.name!,
        status: body!.status!,
        deliveryConfig: body!.deliveryConfig as { endpoint: string; verificationToken: string },
      });
      return emptyAnswer(204);
    }),
    http.delete(`${base}/destination/:id`, ({ request, params }) => {
      const refused = rt.gate.check('deleteDestination', request);
      if (refused) return refused;
      const id = String(params.id);
      if (!rt.state.destinations.has(id)) return notificationError(404, 195006, 'The destination was not found.');
      if ([...rt.state.subscriptions.values()].some((subscription) => subscription.destinationId === id))
        return notificationError(409, 195007, 'The destination is used by subscriptions.');
      rt.state.destinations.delete(id);
      return emptyAnswer(204);
    }),
    http.get(`${base}/subscription`, ({ request }) => {
      const refused = rt.gate.check('getSubscriptions', request, ['user', 'application']);
      if (refused) return refused;
      const owner = subscriptionOwner(request);
      const { slice, ...rest } = page(
        request,
        [...rt.state.subscriptions.values()].filter((subscription) => subscription.owner === owner),
      );
      return jsonAnswer({ ...rest, subscriptions: slice.map(({ owner: _owner, ...subscription }) => subscription) });
    }),
    http.post(`${base}/subscription`, async ({ request }) => {
      const refused = rt.gate.check('createSubscription', request, ['user', 'application']);
      if (refused) return refused;
      const body = await readJson<{
        topicId?: string;
        destinationId?: string;
        status?: string;
        payload?: Record<string, unknown>;
      }>(request);
      const topic = EBAY_SIM_TOPICS[body?.topicId ?? ''];
      if (!topic) return notificationError(400, 195008, `Unknown topic ${body?.topicId ?? '(none)'}.`);
      const owner = subscriptionOwner(request);
      if ((topic.scope === 'APPLICATION') !== (owner === 'application')) {
        return errorAnswer(
          403,
          ebayError(1100, 'Access denied', {
            domain: 'ACCESS',
            longMessage: `Topic ${body!.topicId} has ${topic.scope} scope; subscribe with ${topic.scope === 'APPLICATION' ? 'an application' : "the user's"} token.`,
          }),
        );
      }
      if (!rt.state.destinations.has(body?.destinationId ?? ''))
        return notificationError(400, 195009, 'Unknown destinationId.');
      if (
        [...rt.state.subscriptions.values()].some(
          (s) => s.topicId === body!.topicId && s.destinationId === body!.destinationId && s.owner === owner,
        )
      )
        return notificationError(409, 195010, 'The subscription already exists.');
      const subscriptionId = rt.nextId();
      rt.state.subscriptions.set(subscriptionId, {
        subscriptionId,
        topicId: body!.topicId!,
        destinationId: body!.destinationId!,
        status: body!.status === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        creationDate: new Date(rt.clock.now()).toISOString(),
        payload: body!.payload ?? {},
        owner,
      });
      return emptyAnswer(201, { location: `${base}/subscription/${subscriptionId}` });
    }),
    ...(['enable', 'disable'] as const).map((verb) =>
      http.post(`${base}/subscription/:id/${verb}`, ({ request, params }) => {
        const refused = rt.gate.check(verb === 'enable' ? 'enableSubscription' : 'disableSubscription', request, [
          'user',
          'application',
        ]);
        if (refused) return refused;
        const subscription = rt.state.subscriptions.get(String(params.id));
        if (!subscription || subscription.owner !== subscriptionOwner(request))
          return notificationError(404, 195011, 'The subscription was not found.');
        subscription.status = verb === 'enable' ? 'ENABLED' : 'DISABLED';
        return emptyAnswer(204);
      }),
    ),
    http.post(`${base}/subscription/:id/test`, async ({ request, params }) => {
      const refused = rt.gate.check('testSubscription', request, ['user', 'application']);
      if (refused) return refused;
      const subscription = rt.state.subscriptions.get(String(params.id));
      if (!subscription || subscription.owner !== subscriptionOwner(request))
        return notificationError(404, 195011, 'The subscription was not found.');
      await sendTest(subscription.topicId, subscription.destinationId);
      return emptyAnswer(202);
    }),
    http.delete(`${base}/subscription/:id`, ({ request, params }) => {
      const refused = rt.gate.check('deleteSubscription', request, ['user', 'application']);
      if (refused) return refused;
      const subscription = rt.state.subscriptions.get(String(params.id));
      if (!subscription || subscription.owner !== subscriptionOwner(request))
        return notificationError(404, 195011, 'The subscription was not found.');
      rt.state.subscriptions.delete(subscription.subscriptionId);
      return emptyAnswer(204);
    }),
  ];
}
