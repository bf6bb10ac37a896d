/**
 * A process of the queue tests: runs marketbridge jobs from BullMQ or pg-boss over a shared
 * store, or receives one webhook and exits. argv: engine (bullmq | pg-boss) scope queue role
 * - `sync <skus>`: a worker for the shared sync (maxBatches 1, so the run hops between
 *   workers); it pauses briefly after each batch's writes so that a kill lands mid-job.
 * - `receive <secret> <eventId>`: receives one webhook whose first attempt fails (the retry is
 *   queued) and exits.
 * - `webhooks <secret>`: a worker for webhook retries.
 * Prints JSON lines; stops cleanly on the line `stop`.
 */
import { createInterface } from 'node:readline';
import { InMemoryInventorySource } from '../../../src/sync/inventory/memory-source.js';
import { InventorySyncEngine } from '../../../src/sync/inventory/engine.js';
import { signShopifyTestRequest } from '../../../src/testing/webhooks/index.js';
import { createShopifyVerifier } from '../../../src/connectors/shopify/index.js';
import { createWebhookProcessor } from '../../../src/webhooks/index.js';
import { openStore, say } from '../../stores/children/open-store.js';
import { SharedShelf } from '../shelf.js';
import { openQueue, type QueueKind } from './open-queue.js';

const [engineKind, scope, queueName, role, ...rest] = process.argv.slice(2) as [
  QueueKind,
  string,
  string,
  string,
  ...string[],
];
const opened = openStore(engineKind === 'bullmq' ? 'redis' : 'postgres', scope);
const { store, lock } = opened;
const queue = openQueue(engineKind, scope, queueName);
const context = { store, lock, scheduler: queue.scheduler, tenantId: 'tenant-1' };

export const initialStock = (n: number) => ((n * 7) % 23) + 1;

const processorFor = (secret: string) =>
  createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [secret] })],
    routes: {
      shopify: {
        'orders/create': async (event) => {
          say({ event: 'handler', attempt: event.attempt, eventId: event.eventId, pid: process.pid });
          if (event.attempt === 1) throw new Error('downstream unavailable');
          await store.increment(`handled:${event.eventId}`);
        },
      },
    },
    retry: { baseDelayMs: 1_500, maxDelayMs: 1_500, maxAttempts: 5 },
    context,
  });

if (role === 'receive') {
  const [secret, eventId] = rest as [string, string];
  const processor = processorFor(secret);
  const body = JSON.stringify({ id: 1, line_items: [] });
  const outcome = await processor.receive('shopify', await signShopifyTestRequest({ secret, body, eventId }));
  say({ event: 'received', status: outcome.status });
  await queue.close();
  await opened.close();
  process.exit(0);
}

let handlers: Parameters<typeof queue.startWorker>[0];
if (role === 'sync') {
  const skus = Number(rest[0]);
  const initial: Record<string, number> = {};
  for (let n = 1; n <= skus; n++) initial[`SKU-${String(n).padStart(4, '0')}`] = initialStock(n);
  const engine = new InventorySyncEngine({
    id: 'multi',
    source: new InMemoryInventorySource(initial),
    channels: [{ marketplace: new SharedShelf(store) }],
    context,
    batchSize: 10,
    leaseTtlMs: 1_500,
    onStep: async (step) => {
      say({ event: 'step', name: step.name, batch: step.batch, pid: process.pid });
      if (step.name === 'written') await new Promise((resolve) => setTimeout(resolve, 300));
    },
  });
  handlers = queue.handlers({ syncs: [engine], maxBatches: 1 });
} else {
  handlers = queue.handlers({ webhooks: processorFor(rest[0]!) });
}
const worker = await queue.startWorker(handlers);
say({ event: 'ready', pid: process.pid });

createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line.trim() !== 'stop') return;
  await worker.close();
  await queue.close();
  await opened.close();
  say({ event: 'stopped' });
  process.exit(0);
});
