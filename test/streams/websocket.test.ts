import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/stores/memory-store.js';
import {
  createStreamConsumer,
  createTrustedSourceVerifier,
  parseJsonFrame,
  reconnectDelayMs,
  WebSocketSource,
} from '../../src/streams/websocket.js';
import { createWebhookProcessor } from '../../src/webhooks/index.js';

/**
 * A feed server that speaks a resumable protocol: `?after=<id>` resends every event after
 * that id. It drops each connection after `dropAfter` frames, as a flaky network would.
 */
async function feedServer(events: number, dropAfter: number) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const urls: string[] = [];
  const authorizations: (string | undefined)[] = [];
  server.on('connection', (socket: WebSocket, request) => {
    urls.push(request.url ?? '');
    authorizations.push(request.headers.authorization);
    const after = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('after') ?? 0);
    let sent = 0;
    socket.send('not a frame');
    const timer = setInterval(() => {
      const id = after + sent + 1;
      if (id > events) return clearInterval(timer);
      socket.send(JSON.stringify({ id: String(id), body: JSON.stringify({ id: `evt-${id}`, type: 'stock.changed' }) }));
      if (++sent >= dropAfter) {
        clearInterval(timer);
        socket.terminate();
      }
    }, 5);
    socket.on('close', () => clearInterval(timer));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/feed`,
    urls,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('WebSocket source', () => {
  it('reconnects after drops, resumes after the last acknowledged event, and processes every event once', async () => {
    const feed = await feedServer(12, 5);
    cleanups.push(feed.close);
    const handled: string[] = [];
    const processor = createWebhookProcessor({
      verifiers: [createTrustedSourceVerifier({ platform: 'feed' })],
      routes: { feed: { 'stock.changed': (event) => void handled.push(event.eventId) } },
      context: { store: new MemoryStore() },
    });
    const source = new WebSocketSource({
      url: (after) => `${feed.url}${after ? `?after=${after}` : ''}`,
      headers: { authorization: 'Bearer feed-token' },
      reconnect: { baseDelayMs: 20, maxDelayMs: 100, random: () => 1 },
    });
    cleanups.push(() => source.close());
    const consumer = createStreamConsumer({ source, processor, waitMs: 50, batchSize: 3 });
    for (let pass = 0; pass < 200 && handled.length < 12; pass++) await consumer.runOnce();
    expect(handled).toEqual(Array.from({ length: 12 }, (_, i) => `evt-${i + 1}`));
    expect(feed.urls[0]).toBe('/feed');
    // Every reconnect resumed after an acknowledged event, never from the start.
    expect(feed.urls.length).toBeGreaterThanOrEqual(3);
    for (const url of feed.urls.slice(1)) expect(url).toMatch(/^\/feed\?after=\d+$/);
    expect(feed.authorizations.every((value) => value === 'Bearer feed-token')).toBe(true);
    expect(await source.lag()).toBe(0);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => reconnectDelayMs(attempt, 500, 4_000, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ]);
    expect(reconnectDelayMs(3, 500, 4_000, () => 0)).toBe(0);
  });

  it('reads the default frame format and drops anything else', () => {
    expect(parseJsonFrame('{"id":7,"platform":"shopify","headers":{"x-a":"1","x-b":2},"body":{"id":1}}')).toEqual({
      id: '7',
      platform: 'shopify',
      request: { headers: { 'x-a': '1' }, body: '{"id":1}' },
    });
    for (const frame of ['nope', '[]', '{"body":"x"}', '{"id":1}', 'null'])
      expect(parseJsonFrame(frame)).toBeUndefined();
  });

  it('rejects options it cannot use, every problem at once', () => {
    expect(() => new WebSocketSource({ url: 'http://x', reconnect: { baseDelayMs: 0 } })).toThrow(
      /ws:\/\/[\s\S]*baseDelayMs/,
    );
  });
});
