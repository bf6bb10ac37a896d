import { MemoryStore } from '../../src/store/memory-store.js';
import { createShopifyVerifier, createWebhookProcessor, type WebhookEvent } from '../../src/webhooks/index.js';

export const SECRET = 'shpss_adapter-secret';

export function processorWithLog() {
  const calls: WebhookEvent[] = [];
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
    routes: { shopify: { '*': (event) => void calls.push(event) } },
    context: { store: new MemoryStore() },
  });
  return { processor, calls };
}
