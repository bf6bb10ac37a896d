import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAmazonNotification, type AmazonNotificationEvent } from '../../src/connectors/amazon/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { createAmazonNotificationVerifier, createStreamConsumer, SqsSource } from '../../src/streams/sqs.js';
import { createWebhookProcessor } from '../../src/webhooks/index.js';
import { SPEC_DIR } from '../connectors/amazon/swagger.js';
import { QUEUE_URL, sqsSimulator } from './sqs-simulator.js';

const example = (name: string) =>
  (JSON.parse(readFileSync(join(SPEC_DIR, `${name}.json`), 'utf8')) as { examples: unknown[] }).examples[0] as Record<
    string,
    unknown
  >;
const orderChange = example('OrderChangeNotification');
const withId = (document: Record<string, unknown>, id: string) => ({
  ...document,
  NotificationMetadata: { ...(document.NotificationMetadata as object), NotificationId: id },
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new SQSClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'sqs-secret-canary' },
    maxAttempts: 1,
  });

function amazonWorld() {
  const changes: AmazonNotificationEvent[] = [];
  const store = new MemoryStore();
  const processor = createWebhookProcessor({
    verifiers: [createAmazonNotificationVerifier()],
    routes: {
      amazon: { ORDER_CHANGE: (event) => void changes.push(...parseAmazonNotification(event.payload)._unsafeUnwrap()) },
    },
    context: { store },
  });
  return { changes, processor, store };
}

describe('SP-API notifications from SQS', () => {
  it('processes each notification once, deletes it after, and turns it into canonical events', async () => {
    const queue = sqsSimulator();
    server.use(queue.handler);
    queue.send(JSON.stringify(withId(orderChange, 'n-1')));
    queue.send(JSON.stringify(withId(orderChange, 'n-1'))); // SQS standard queues deliver at least once
    queue.send(JSON.stringify(withId(orderChange, 'n-2')));
    queue.send('{"not":"a notification"}');
    const { changes, processor } = amazonWorld();
    const source = new SqsSource({ client: client(), queueUrl: QUEUE_URL });
    expect(await source.lag()).toBe(4);
    const consumer = createStreamConsumer({ source, processor, waitMs: 0 });
    expect(await consumer.runOnce()).toEqual({ received: 4, acked: 4, rejected: 1, duplicates: 1 });
    expect(changes.map((change) => [change.eventId, change.type])).toEqual([
      ['n-1', 'order.changed'],
      ['n-2', 'order.changed'],
    ]);
    expect(queue.size).toBe(0);
    expect(await source.lag()).toBe(0);
  });

  it('never asks SQS for more than it allows, and deletes in batches of ten', async () => {
    const queue = sqsSimulator();
    server.use(queue.handler);
    for (let i = 0; i < 25; i++) queue.send(JSON.stringify(withId(orderChange, `n-${i}`)));
    const { changes, processor } = amazonWorld();
    const source = new SqsSource({ client: client(), queueUrl: QUEUE_URL });
    await source.ack([]);
    const consumer = createStreamConsumer({ source, processor, waitMs: 60_000, batchSize: 50 });
    while (queue.size > 0) await consumer.runOnce();
    expect(changes).toHaveLength(25);
    const receives = queue.calls.filter((call) => call.action === 'ReceiveMessage');
    expect(receives.every((call) => call.body.MaxNumberOfMessages === 10 && call.body.WaitTimeSeconds === 20)).toBe(
      true,
    );
    expect(
      queue.calls
        .filter((call) => call.action === 'DeleteMessageBatch')
        .every((call) => (call.body.Entries as unknown[]).length <= 10),
    ).toBe(true);
  });

  it('gets a message it did not delete again after the visibility timeout, and processes it once', async () => {
    const queue = sqsSimulator({ visibilityTimeoutSeconds: 30 });
    server.use(queue.handler);
    queue.send(JSON.stringify(withId(orderChange, 'n-crash')));
    const crashed = new SqsSource({ client: client(), queueUrl: QUEUE_URL });
    expect(await crashed.pull({ max: 10, waitMs: 0 })).toHaveLength(1); // then the process died
    const { changes, processor } = amazonWorld();
    const source = new SqsSource({ client: client(), queueUrl: QUEUE_URL });
    const consumer = createStreamConsumer({ source, processor, waitMs: 0 });
    expect((await consumer.runOnce()).received).toBe(0); // still hidden
    queue.advance(30_000);
    expect(await consumer.runOnce()).toMatchObject({ received: 1, acked: 1 });
    expect(changes.map((change) => change.eventId)).toEqual(['n-crash']);
    expect(queue.size).toBe(0);
  });

  it('keeps the AWS secret out of everything it reports', async () => {
    const queue = sqsSimulator();
    server.use(queue.handler);
    const { processor } = amazonWorld();
    const source = new SqsSource({ client: client(), queueUrl: `${QUEUE_URL}-missing` });
    const error = await createStreamConsumer({ source, processor })
      .runOnce()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MarketbridgeError', code: 'internal', retryable: true });
    expect(String((error as Error).message)).toMatch(
      /sqs:sp-api-notifications-missing could not receive: .*queue does not exist/i,
    );
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('sqs-secret-canary');
  });

  it('rejects options it cannot use, every problem at once', () => {
    expect(
      () => new SqsSource({ client: {} as SQSClient, queueUrl: 'sp-api', visibilityTimeoutSeconds: 50_000 }),
    ).toThrow(/SQSClient[\s\S]*queue URL[\s\S]*43,200/);
  });
});
