import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeWebhookHandler, type NodeWebhookRequest } from '../../src/adapters/node.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { processorWithLog, SECRET } from './shared.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(
  handler: (req: NodeWebhookRequest, res: import('node:http').ServerResponse) => unknown,
): Promise<string> {
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function rawPost(
  url: string,
  headers: Record<string, string | string[]>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Node http adapter on a real local server', () => {
  it('verifies the raw bytes (multi-byte UTF-8, odd spacing), answers 200, and deduplicates redeliveries', async () => {
    const { processor, calls } = processorWithLog();
    const base = await listen(createNodeWebhookHandler(processor));
    const signed = await signShopifyTestRequest({
      secret: SECRET,
      body: '{ "title" : "café ✓",\n"id":1 }',
      eventId: 'e-1',
      topic: 'orders/create',
    });
    const first = await fetch(`${base}/webhooks/shopify`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'processed' });
    const again = await fetch(`${base}/webhooks/shopify`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload).toEqual({ title: 'café ✓', id: 1 });
  });

  it('rejects a duplicated signature header, a forged body and oversized bodies', async () => {
    const { processor, calls } = processorWithLog();
    const base = await listen(createNodeWebhookHandler(processor, { maxBodyBytes: 1000 }));
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":2}' });
    const hmac = signed.headers['x-shopify-hmac-sha256']!;
    const duplicated = await rawPost(
      `${base}/webhooks/shopify`,
      { ...signed.headers, 'x-shopify-hmac-sha256': [hmac, hmac] },
      signed.body,
    );
    expect(duplicated).toEqual({ status: 401, body: '{"status":"rejected","reason":"duplicate_header"}' });
    const forged = await rawPost(`${base}/webhooks/shopify`, signed.headers, '{"id":3}');
    expect(forged.status).toBe(401);
    const big = await rawPost(`${base}/webhooks/shopify`, signed.headers, 'x'.repeat(5000)).catch(() => ({
      status: 413,
      body: '',
    }));
    expect(big.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('uses a body captured as bytes by a framework, and refuses one already parsed into an object', async () => {
    const { processor, calls } = processorWithLog();
    const handler = createNodeWebhookHandler(processor, { platform: 'shopify' });
    const base = await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      req.body = req.url === '/raw' ? raw : JSON.parse(raw.toString());
      await handler(req, res);
    });
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id": 4}' });
    expect((await fetch(`${base}/raw`, { method: 'POST', headers: signed.headers, body: signed.body })).status).toBe(
      200,
    );
    const parsed = await fetch(`${base}/parsed`, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(parsed.status).toBe(500);
    expect((await parsed.json()) as { message: string }).toMatchObject({
      message: expect.stringContaining('express.raw()'),
    });
    expect(calls).toHaveLength(1);
  });
});

describe('nodeCryptoProvider', () => {
  it('gives the same verdicts as Web Crypto on valid, tampered and rotated-secret requests', async () => {
    const { nodeCryptoProvider } = await import('../../src/adapters/node.js');
    const { createHmacVerifier } = await import('../../src/webhooks/index.js');
    const { createShopifyVerifier } = await import('../../src/connectors/shopify/index.js');
    const verifiers = [
      [
        createShopifyVerifier({ secrets: ['old', SECRET] }),
        createShopifyVerifier({ secrets: ['old', SECRET], hmac: nodeCryptoProvider }),
      ],
      [
        createHmacVerifier({ platform: 'p', secrets: [SECRET], header: 'x-shopify-hmac-sha256', encoding: 'base64' }),
        createHmacVerifier({
          platform: 'p',
          secrets: [SECRET],
          header: 'x-shopify-hmac-sha256',
          encoding: 'base64',
          hmac: nodeCryptoProvider,
        }),
      ],
    ] as const;
    for (let i = 0; i < 200; i++) {
      const signed = await signShopifyTestRequest({
        secret: i % 3 ? SECRET : 'old',
        body: JSON.stringify({ i, text: 'é'.repeat(i % 7) }),
      });
      const tampered = { ...signed, body: `${signed.body} ` };
      for (const [web, node] of verifiers) {
        for (const request of [signed, tampered]) {
          const [a, b] = [await web.verify(request), await node.verify(request)];
          expect(b.isOk()).toBe(a.isOk());
        }
      }
    }
  });
});
