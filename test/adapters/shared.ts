import { MemoryStore } from '../../src/stores/memory-store.js';
import { createWebhookProcessor, type WebhookEvent } from '../../src/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

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
