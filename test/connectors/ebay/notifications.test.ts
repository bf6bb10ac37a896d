import { createHash } from 'node:crypto';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createEbayNotificationEndpoint,
  ebayChallengeResponse,
  ebayNotificationRoutes,
  parseEbayAccountDeletion,
  EBAY_ACCOUNT_DELETION_TOPIC,
  type EbayAccountDeletion,
} from '../../../src/connectors/ebay/index.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import type { MemoryStore } from '../../../src/stores/memory-store.js';
import { signEbayTestRequest } from '../../../src/connectors/ebay/simulator/test-key.js';
import { createWebhookProcessor } from '../../../src/webhooks/processor/processor.js';
import { WebhookPayloadError } from '../../../src/core/errors/webhook-payload-error.js';
import { readJsonSpec } from '../../fixtures/specs.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const ENDPOINT = 'https://app.example.com/ebay/notifications';
const TOKEN = 'marketbridge_verification-token_0123456789';

interface VectorCase {
  signature: string;
  message: unknown;
  response: { key: string; algorithm: string; digest: string } | null;
  public_key: string;
}
const vectors = readJsonSpec<Record<'VALID' | 'INVALID' | 'SIGNATURE_MISMATCH' | 'ERROR', VectorCase>>(
  'webhook-vectors/ebay-notification-test.json',
);

/** eBay's documented formula, computed independently of the library: hex(SHA-256(challengeCode + verificationToken + endpoint)). */
const documented = (code: string, token: string, endpoint: string) =>
  createHash('sha256').update(code).update(token).update(endpoint).digest('hex');

function processorFor(
  ebay: ReturnType<typeof setup>['ebay'],
  store: MemoryStore,
  onDeletion: (deletion: EbayAccountDeletion) => void,
) {
  return createWebhookProcessor({
    verifiers: [ebay.notifications.verifier()],
    routes: ebayNotificationRoutes({ accountDeletion: (deletion) => onDeletion(deletion) }),
    context: { store, clock: ebay.context.clock },
  });
}

describe('eBay endpoint validation challenge', () => {
  it('answers with the hex SHA-256 of challenge code, verification token and endpoint, as eBay documents it', async () => {
    for (const code of ['a8628072-3d33-45ee-9004-bee86830a22d', 'x', '😀 & ?']) {
      expect(await ebayChallengeResponse(code, TOKEN, ENDPOINT)).toBe(documented(code, TOKEN, ENDPOINT));
    }
    const { ebay, store } = setup(server);
    const endpoint = createEbayNotificationEndpoint({
      processor: processorFor(ebay, store, () => {}),
      verificationToken: TOKEN,
      endpoint: ENDPOINT,
    });
    // The request may arrive at another URL (behind a proxy): the registered endpoint is what is hashed.
    const answer = await endpoint(new Request('http://10.0.0.7:8080/ebay/notifications?challenge_code=abc123'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ challengeResponse: documented('abc123', TOKEN, ENDPOINT) });
    expect((await endpoint(new Request('http://10.0.0.7:8080/ebay/notifications'))).status).toBe(400);
    expect((await endpoint(new Request(ENDPOINT, { method: 'PUT' }))).status).toBe(405);
  });

  it('refuses settings eBay would refuse, every problem at once', () => {
    const { ebay, store } = setup(server);
    const attempt = () =>
      createEbayNotificationEndpoint({
        processor: processorFor(ebay, store, () => {}),
        verificationToken: 'short',
        endpoint: 'http://app.example.com/hook',
      });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).issues.map((issue) => issue.path[0])).toEqual([
        'verificationToken',
        'endpoint',
      ]);
    }
  });
});

describe('eBay notification signatures (eBay SDK vectors)', () => {
  it('accepts the VALID vector and rejects the INVALID, SIGNATURE_MISMATCH and ERROR ones, keys fetched through the connector', async () => {
    const { ebay, simulator } = setup(server);
    for (const entry of Object.values(vectors))
      if (entry.response) simulator.state.publicKeys.set(entry.public_key, entry.response);
    const verifier = ebay.notifications.verifier();
    const verify = (entry: VectorCase) =>
      verifier.verify({ headers: { 'x-ebay-signature': entry.signature }, body: JSON.stringify(entry.message) });
    expect((await verify(vectors.VALID)).isOk()).toBe(true);
    expect((await verify(vectors.INVALID))._unsafeUnwrapErr().reason).toBe('signature_mismatch');
    expect((await verify(vectors.SIGNATURE_MISMATCH))._unsafeUnwrapErr().reason).toBe('signature_mismatch');
    // The ERROR vector's kid is unknown to eBay (getPublicKey answers 404).
    simulator.state.publicKeys.clear();
    const unknown = await ebay.notifications.verifier().verify({
      headers: { 'x-ebay-signature': vectors.ERROR.signature },
      body: JSON.stringify(vectors.ERROR.message),
    });
    expect(unknown._unsafeUnwrapErr().reason).toBe('unknown_key');
    expect(simulator.stats().operations.getPublicKey?.calls).toBeGreaterThanOrEqual(2);
  });
});

describe('Marketplace Account Deletion through the processor', () => {
  it('verifies, parses into a typed deletion, runs the handler once and answers 200; a redelivery is a duplicate', async () => {
    const { ebay, simulator, store } = setup(server);
    const deletions: EbayAccountDeletion[] = [];
    const processor = processorFor(ebay, store, (deletion) => deletions.push(deletion));
    const endpoint = createEbayNotificationEndpoint({ processor, verificationToken: TOKEN, endpoint: ENDPOINT });
    const key = await simulator.signingKey();
    const body = JSON.stringify(vectors.VALID.message);
    const signed = await signEbayTestRequest({ key, body });
    const deliver = () => endpoint(new Request(ENDPOINT, { method: 'POST', headers: signed.headers, body }));
    const first = await deliver();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'processed' });
    expect(await (await deliver()).json()).toEqual({ status: 'duplicate' });
    expect(deletions).toEqual([
      {
        notificationId: '49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d',
        eventDate: '2021-03-19T20:43:59.462Z',
        publishDate: '2021-03-19T20:43:59.679Z',
        publishAttemptCount: 1,
        username: 'test_user',
        userId: 'ma8vp1jySJC',
        eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==',
      },
    ]);
    const forged = await endpoint(
      new Request(ENDPOINT, { method: 'POST', headers: signed.headers, body: body.replace('test_user', 'other_user') }),
    );
    expect(forged.status).toBe(401);
    expect(deletions).toHaveLength(1);
  });

  it('requires an account deletion handler and rejects bodies that are not deletions', async () => {
    expect(() => ebayNotificationRoutes({} as never)).toThrow(/account deletion handler/);
    expect(
      parseEbayAccountDeletion({
        metadata: { topic: EBAY_ACCOUNT_DELETION_TOPIC },
        notification: { notificationId: 'n', data: { userId: 'u' } },
      })._unsafeUnwrapErr().message,
    ).toMatch(/eventDate, username, eiasToken/);
    const routes = ebayNotificationRoutes({ accountDeletion: () => {} });
    await expect(
      routes.ebay![EBAY_ACCOUNT_DELETION_TOPIC]!({
        platform: 'ebay',
        topic: EBAY_ACCOUNT_DELETION_TOPIC,
        eventId: 'e',
        payload: { metadata: { topic: 'OTHER' } },
        tenantId: 't',
        receivedAt: 0,
        attempt: 1,
      }),
    ).rejects.toBeInstanceOf(WebhookPayloadError);
  });

  it('a signed body that is not a complete deletion never reaches the handler: dead-lettered at once with reason invalid_payload', async () => {
    const { ebay, simulator, store } = setup(server);
    const deletions: EbayAccountDeletion[] = [];
    const processor = processorFor(ebay, store, (deletion) => deletions.push(deletion));
    const message = structuredClone(vectors.VALID.message) as { notification: { data: Record<string, unknown> } };
    delete message.notification.data.userId;
    message.notification.data.username = '';
    const body = JSON.stringify(message);
    const signed = await signEbayTestRequest({ key: await simulator.signingKey(), body });
    expect(await processor.receive('ebay', { headers: signed.headers, body })).toMatchObject({
      status: 'dead_lettered',
      topic: EBAY_ACCOUNT_DELETION_TOPIC,
    });
    expect(deletions).toEqual([]);
    const [letter] = await processor.listDeadLetters();
    expect(letter).toMatchObject({ reason: 'invalid_payload', attempts: 1 });
    expect(letter!.lastError).toMatch(/userId.*\n.*username/s);
  });
});

describe('Notification API destinations and subscriptions', () => {
  it('creates a destination only after the endpoint answers the challenge, subscribes with the application token, and delivers signed notifications', async () => {
    let endpoint: (request: Request) => Promise<Response> = async () => new Response('', { status: 500 });
    const context = setup(server, { deliver: (input, init) => globalThis.fetch(input, init) });
    server.use(http.all(`${ENDPOINT}*`, ({ request }) => endpoint(request)));
    const deletions: EbayAccountDeletion[] = [];
    const processor = processorFor(context.ebay, context.store, (deletion) => deletions.push(deletion));

    await expect(
      context.ebay.notifications.subscribeToAccountDeletion({ endpoint: ENDPOINT, verificationToken: TOKEN }),
    ).rejects.toThrow(/Challenge verification failed/);
    expect(context.simulator.state.destinations.size).toBe(0);

    endpoint = createEbayNotificationEndpoint({ processor, verificationToken: TOKEN, endpoint: ENDPOINT });
    const { destination, subscription } = await context.ebay.notifications.subscribeToAccountDeletion({
      endpoint: ENDPOINT,
      verificationToken: TOKEN,
    });
    expect(destination.deliveryConfig?.endpoint).toBe(ENDPOINT);
    expect(context.simulator.state.subscriptions.get(subscription.subscriptionId)).toMatchObject({
      topicId: EBAY_ACCOUNT_DELETION_TOPIC,
      owner: 'application',
      status: 'ENABLED',
    });
    const again = await context.ebay.notifications.subscribeToAccountDeletion({
      endpoint: ENDPOINT,
      verificationToken: TOKEN,
    });
    expect(again.subscription.subscriptionId).toBe(subscription.subscriptionId);
    expect(context.simulator.state.subscriptions.size).toBe(1);

    const deliveries = await context.simulator.notify(EBAY_ACCOUNT_DELETION_TOPIC, {
      username: 'gone_user',
      userId: 'u-42',
      eiasToken: 'eias-42',
    });
    expect(deliveries).toEqual([{ endpoint: ENDPOINT, status: 200 }]);
    expect(deletions.map((deletion) => deletion.userId)).toEqual(['u-42']);
  });

  it('refuses a user-token subscription to an application topic (the simulator checks the topic scope)', async () => {
    const { ebay, simulator } = setup(server);
    simulator.state.destinations.set('d-1', {
      destinationId: 'd-1',
      name: 'x',
      status: 'ENABLED',
      deliveryConfig: { endpoint: ENDPOINT, verificationToken: TOKEN },
    });
    const token = await ebay.auth.accessToken('user');
    const response = await fetch('https://api.ebay.com/commerce/notification/v1/subscription', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        topicId: EBAY_ACCOUNT_DELETION_TOPIC,
        destinationId: 'd-1',
        status: 'ENABLED',
        payload: { format: 'JSON', schemaVersion: '1.0', deliveryProtocol: 'HTTPS' },
      }),
    });
    expect(response.status).toBe(403);
    const created = await ebay.notifications.createSubscription({
      topicId: EBAY_ACCOUNT_DELETION_TOPIC,
      destinationId: 'd-1',
    });
    expect(simulator.state.subscriptions.get(created.subscriptionId)?.owner).toBe('application');
  });
});
