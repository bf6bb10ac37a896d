import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AmazonMarketplace, grantlessConnectionId } from '../../../src/connectors/amazon/index.js';
import { LWA_TOKEN_URL } from '../../../src/connectors/amazon/endpoints.js';
import { NOTIFICATIONS_SCOPE } from '../../../src/connectors/amazon/requests/notifications.js';
import { EventBus, type MarketbridgeEvents } from '../../../src/core/events.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { StoreLock } from '../../../src/stores/store-lock.js';
import { AmazonSpApiSimulator } from '../../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { pump, SELLER, US, useMsw } from './harness.js';

const server = useMsw();
const CALLS_PER_INSTANCE = 10;
const CLIENT_ID = 'amzn1.application-oa2-client.test';

function setup() {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({ clock, sellerId: SELLER, marketplaceId: US });
  const grants: URLSearchParams[] = [];
  // Records each token request and falls through to the simulator's token endpoint.
  const counter = http.post(LWA_TOKEN_URL, async ({ request }) => {
    grants.push(new URLSearchParams(await request.clone().text()));
  });
  server.resetHandlers(counter, ...simulator.handlers);
  const store = new MemoryStore({ clock });
  const lock = new StoreLock(store, { clock });
  const refreshed: MarketbridgeEvents['tokenRefreshed'][] = [];
  const make = () => {
    const events = new EventBus();
    events.on('tokenRefreshed', (event) => refreshed.push(event));
    return new AmazonMarketplace(
      {
        sellerId: SELLER,
        marketplaceId: US,
        credentials: {
          clientId: CLIENT_ID,
          clientSecret: 'client-secret-value',
          refreshToken: 'Atzr|refresh-token-value',
        },
        timeoutMs: 0,
      },
      { clock, store, lock, events },
    );
  };
  return { clock, simulator, grants, refreshed, instances: [make(), make()] as [AmazonMarketplace, AmazonMarketplace] };
}

describe('grantless token shared through the store', () => {
  it(`two instances on one store and lock, ${CALLS_PER_INSTANCE} concurrent getDestinations each → one client-credentials request`, async () => {
    const { clock, simulator, grants, refreshed, instances } = setup();
    simulator.state.destinations.set('d-1', {
      destinationId: 'd-1',
      name: 'orders',
      resource: { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } },
    });
    const calls = instances.flatMap((amazon) =>
      Array.from({ length: CALLS_PER_INSTANCE }, () => amazon.notifications.listDestinations()),
    );
    const lists = await pump(clock, Promise.all(calls));
    expect(lists).toHaveLength(2 * CALLS_PER_INSTANCE);
    expect(lists.every((list) => list.length === 1)).toBe(true);
    expect(grants).toHaveLength(1);
    const [grant] = grants as [URLSearchParams];
    expect(Object.fromEntries(grant)).toEqual({
      grant_type: 'client_credentials',
      scope: NOTIFICATIONS_SCOPE,
      client_id: CLIENT_ID,
      client_secret: 'client-secret-value',
    });
    expect(refreshed).toEqual([
      expect.objectContaining({
        platform: 'amazon',
        connectionId: grantlessConnectionId(CLIENT_ID, NOTIFICATIONS_SCOPE),
      }),
    ]);

    // Once the token is due, one of the two instances fetches a new one for both.
    await clock.advance(3600 * 1000);
    const again = instances.flatMap((amazon) =>
      Array.from({ length: CALLS_PER_INSTANCE }, () => amazon.notifications.listDestinations()),
    );
    await pump(clock, Promise.all(again));
    expect(grants.map((params) => params.get('grant_type'))).toEqual(['client_credentials', 'client_credentials']);
  });

  it('keeps the grantless token apart from the seller token', async () => {
    const { clock, grants, instances } = setup();
    const [first, second] = instances;
    const grantless = await pump(clock, first.auth.accessToken(NOTIFICATIONS_SCOPE));
    const seller = await pump(clock, second.auth.accessToken());
    expect(grantless).not.toBe(seller);
    expect(await pump(clock, second.auth.accessToken(NOTIFICATIONS_SCOPE))).toBe(grantless);
    expect(grants.map((params) => params.get('grant_type')).sort()).toEqual(['client_credentials', 'refresh_token']);
    expect(second.auth.secrets?.()).toContain(grantless);
  });
});

describe('grantless operations, as the models name them', () => {
  it('every operation whose model description calls it grantless is authorised with a client-credentials token', async () => {
    const { GRANTLESS_OPERATIONS } = await import('../../../src/connectors/amazon/index.js');
    const { operations } = await import('./swagger.js');
    const { readJsonSpec } = await import('../../fixtures/specs.js');
    const grantless = operations
      .filter((operation) => {
        const model = readJsonSpec<{ paths: Record<string, Record<string, { description?: string }>> }>(
          `amazon-sp-api/${operation.model}.json`,
        );
        return /\bgrantless\b/i.test(model.paths[operation.path]?.[operation.method.toLowerCase()]?.description ?? '');
      })
      .map((operation) => operation.operationId);
    expect(grantless).toContain('sendTestNotification');
    expect(Object.fromEntries(grantless.map((id) => [id, GRANTLESS_OPERATIONS[id]]))).toEqual(
      Object.fromEntries(grantless.map((id) => [id, NOTIFICATIONS_SCOPE])),
    );
  });

  it('sendTestNotification goes out with a grantless token, which the simulator requires', async () => {
    const { clock, simulator, grants, instances } = setup();
    const [amazon] = instances;
    simulator.state.destinations.set('d-1', {
      destinationId: 'd-1',
      name: 'orders',
      resource: { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } },
    });
    await pump(
      clock,
      amazon.notifications.sendTestNotification('ORDER_CHANGE', {
        destinationId: 'd-1',
        testScenario: 'ORDER_CREATED',
      }),
    );
    expect(simulator.state.testNotifications).toEqual([{ notificationType: 'ORDER_CHANGE', destinationId: 'd-1' }]);
    expect(grants.map((params) => params.get('grant_type'))).toEqual(['client_credentials']);
    // A seller token is refused for a grantless operation.
    const refused = await pump(
      clock,
      amazon.client
        .send({
          operation: 'createSubscription',
          method: 'POST',
          path: '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification',
          json: {},
        })
        .catch((error: unknown) => error),
    );
    expect((refused as { code?: string }).code).toBe('auth_failed');
  });
});
