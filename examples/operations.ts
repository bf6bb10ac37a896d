/**
 * Operations: a health route for a host (framework-free `healthReport()` on node:http), and —
 * when MB_REDIS_URL points at a Redis server — webhooks consumed from a Redis stream through
 * the same processor that would receive them over HTTP.
 *
 *   npx tsx examples/operations.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultFactory, MemoryStore } from 'marketbridge';
import { healthReport } from 'marketbridge/health';
import { signShopifyTestRequest } from 'marketbridge/testing';
import { createShopifyVerifier } from 'marketbridge/connectors/shopify';
import { createWebhookProcessor } from 'marketbridge/webhooks';

const factory = createDefaultFactory();
const shop = await factory.create('simulated', { name: 'shop', seed: 1, products: 5 });
const market = await factory.create('simulated', { name: 'market', seed: 2, products: 5 });

// The health route: 200 with the report, 503 when every connection is down.
const server = createServer((request, response) => {
  if (request.url !== '/health') return void response.writeHead(404).end();
  void healthReport({ connections: { shop, market } }).then((report) => {
    response
      .writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify(report));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const answer = await fetch(`http://127.0.0.1:${port}/health`);
const report = (await answer.json()) as { status: string; connections: { name: string; ok: boolean }[] };
console.log(
  `GET /health -> ${answer.status} ${report.status}: ${report.connections.map((c) => `${c.name} ${c.ok ? 'ok' : 'failing'}`).join(', ')}`,
);
server.close();

// Webhooks from a Redis stream, processed exactly once by the webhook processor.
const redisUrl = process.env.MB_REDIS_URL;
if (!redisUrl) {
  console.log('MB_REDIS_URL is not set: skipping the Redis Streams part (start Redis with scripts/services.sh).');
} else {
  const { Redis } = await import('ioredis');
  const { appendToRedisStream, createStreamConsumer, RedisStreamSource } = await import('../src/streams/redis.js');
  const client = new Redis(redisUrl);
  const stream = `example:webhooks:${process.pid}:${Date.now()}`;
  const secret = 'example-secret';
  const handled: string[] = [];
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [secret] })],
    routes: { shopify: { 'orders/create': (event) => void handled.push(event.eventId) } },
    context: { store: new MemoryStore() },
  });
  for (const eventId of ['evt-1', 'evt-2', 'evt-1']) {
    const body = JSON.stringify({ id: eventId });
    const signed = await signShopifyTestRequest({ secret, body, eventId });
    await appendToRedisStream(client, stream, {
      platform: 'shopify',
      headers: signed.headers as Record<string, string>,
      body,
    });
  }
  const source = new RedisStreamSource({ client, stream, group: 'example', consumer: 'example-1' });
  const summary = await createStreamConsumer({ source, processor, waitMs: 100 }).runOnce();
  console.log(
    `stream: ${summary.received} received, ${summary.duplicates} duplicate, handled ${handled.join(', ')}; lag now ${await source.lag()}`,
  );
  await source.close();
  await client.del(stream);
  client.disconnect();
}
