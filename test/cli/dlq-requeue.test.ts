import { describe, expect, it } from 'vitest';
import { requeueDeadLetter } from '../../src/cli/commands/dlq.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';
import { createWebhookProcessor, type WebhookEvent } from '../../src/webhooks/index.js';

const SECRET = 'shpss_cli-requeue-secret';

describe('marketbridge dlq replay', () => {
  it('a requeued dead letter is run by the processor on its next retry pass, with its payload, once', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const calls: WebhookEvent[] = [];
    let failing = true;
    const processor = createWebhookProcessor({
      verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
      routes: {
        shopify: {
          'orders/create': async (event) => {
            calls.push(event);
            if (failing) throw new Error('downstream unavailable');
          },
        },
      },
      context: { store, clock, tenantId: 'shop-1' },
      retry: { maxAttempts: 1, baseDelayMs: 1000, maxDelayMs: 1000 },
      random: () => 1,
    });
    await processor.receive(
      'shopify',
      await signShopifyTestRequest({ secret: SECRET, body: '{"id":42,"note":"x"}', eventId: 'evt-42' }),
    );
    const [letter] = await processor.listDeadLetters();
    expect(letter).toBeDefined();
    failing = false;

    expect(await requeueDeadLetter(store, 'shop-1', letter!.id, clock.now())).toBe(true);
    expect(await processor.listDeadLetters()).toEqual([]);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(calls.at(-1)).toMatchObject({ eventId: 'evt-42', payload: { id: 42, note: 'x' } });
    expect(await processor.runDueRetries()).toEqual({ attempted: 0, succeeded: 0, deadLettered: 0 });
    expect(await requeueDeadLetter(store, 'shop-1', letter!.id, clock.now())).toBe(false);
  });
});
