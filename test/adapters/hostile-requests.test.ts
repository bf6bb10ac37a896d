import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLambdaWebhookHandler,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
} from '../../src/adapters/lambda.js';
import { createNodeWebhookHandler } from '../../src/adapters/node.js';
import { signShopifyTestRequest, toFetchRequest } from '../../src/testing/webhooks/index.js';
import { createWebhookHandler, type WebhookProcessor } from '../../src/webhooks/index.js';
import { processorWithLog, SECRET } from './shared.js';

const MALFORMED_PATHS = ['/webhooks/%ZZ', '/webhooks/%E0%A4%A', '/webhooks/%', '/webhooks/shop%ify'];

/** A processor whose every call throws, as one whose store or verifier breaks would. */
const throwing = (error: unknown): WebhookProcessor => ({
  platforms: ['shopify'],
  receive: () => Promise.reject(error),
  runDueRetries: () => Promise.reject(error),
  listDeadLetters: () => Promise.reject(error),
  replayDeadLetter: () => Promise.reject(error),
  discardDeadLetter: () => Promise.reject(error),
});

// Node exits on an unhandled rejection; count them instead, so a test can assert there were none.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Exactly the documented setup: `createServer(createNodeWebhookHandler(processor))`. */
async function serve(processor: WebhookProcessor, onError?: (error: unknown) => void): Promise<string> {
  server = createServer(createNodeWebhookHandler(processor, onError ? { onError } : {}));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** A raw POST: `fetch` would normalise the path, this sends it byte for byte. */
function post(
  base: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/`, { method: 'POST', path, headers, timeout: 5_000 }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to POST ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Node adapter on a real server keeps serving', () => {
  it.each(MALFORMED_PATHS)('answers 400 to POST %s and then processes a valid delivery', async (path) => {
    const { processor, calls } = processorWithLog();
    const base = await serve(processor);
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}', eventId: `e-${path}` });
    expect(await post(base, path, signed.headers, signed.body)).toEqual({
      status: 400,
      body: '{"status":"rejected","reason":"malformed_url"}',
    });
    await flush();
    expect(unhandled).toEqual([]);
    expect(server!.listening).toBe(true);
    expect((await post(base, '/webhooks/shopify', signed.headers, signed.body)).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('answers 500 when the processor throws, reports the error, and serves the next request', async () => {
    const reported: unknown[] = [];
    const failure = new TypeError('store exploded');
    const base = await serve(throwing(failure), (error) => reported.push(error));
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":2}' });
    for (let i = 0; i < 3; i++) {
      expect(await post(base, '/webhooks/shopify', signed.headers, signed.body)).toEqual({
        status: 500,
        body: '{"status":"error"}',
      });
    }
    await flush();
    expect(unhandled).toEqual([]);
    expect(reported).toEqual([failure, failure, failure]);
  });

  it('answers 500 when the processor throws a non-Error and the onError hook throws too', async () => {
    const base = await serve(throwing('plain string'), () => {
      throw new Error('logger down');
    });
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":3}' });
    expect((await post(base, '/webhooks/shopify', signed.headers, signed.body)).status).toBe(500);
    await flush();
    expect(unhandled).toEqual([]);
  });

  it('answers 400 to an unparsable Host header', async () => {
    const { processor } = processorWithLog();
    const base = await serve(processor);
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":4}' });
    expect((await post(base, '/webhooks/shopify', { ...signed.headers, host: 'a b:c' }, signed.body)).status).toBe(400);
    await flush();
    expect(unhandled).toEqual([]);
  });
});

describe('Web handler answers, never throws', () => {
  it.each(MALFORMED_PATHS)('answers 400 to %s', async (path) => {
    const { processor, calls } = processorWithLog();
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}' });
    const response = await createWebhookHandler(processor)(toFetchRequest(signed, `https://app.test${path}`));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 'rejected', reason: 'malformed_url' });
    expect(calls).toHaveLength(0);
  });

  it('answers 500 when the processor throws, 503 when the failure is retryable, and 400 for a body already read', async () => {
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}' });
    const request = () => toFetchRequest(signed, 'https://app.test/webhooks/shopify');
    expect((await createWebhookHandler(throwing(new Error('boom')))(request())).status).toBe(500);
    const { MarketbridgeError } = await import('../../src/core/errors/marketbridge-error.js');
    const outage = new MarketbridgeError('internal', 'store down', { retryable: true });
    expect((await createWebhookHandler(throwing(outage))(request())).status).toBe(503);
    const consumed = request();
    await consumed.text();
    const { processor } = processorWithLog();
    expect((await createWebhookHandler(processor)(consumed)).status).toBe(400);
  });
});

describe('Lambda handler answers, never throws', () => {
  const v1 = (path: string, body: string, headers: Record<string, string>): ApiGatewayV1Event => ({
    httpMethod: 'POST',
    path,
    headers,
    body,
    isBase64Encoded: false,
  });
  const v2 = (rawPath: string, body: string, headers: Record<string, string>): ApiGatewayV2Event => ({
    version: '2.0',
    rawPath,
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  });

  it.each(MALFORMED_PATHS)('answers 400 to %s (payload v1 and v2)', async (path) => {
    const { processor, calls } = processorWithLog();
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}' });
    const handler = createLambdaWebhookHandler(processor);
    expect(await handler(v1(path, signed.body, signed.headers))).toMatchObject({
      statusCode: 400,
      body: '{"status":"rejected","reason":"malformed_url"}',
    });
    expect(await handler(v2(path, signed.body, signed.headers))).toMatchObject({ statusCode: 400 });
    expect(calls).toHaveLength(0);
  });

  it('answers 500 when the processor throws and when the event lacks what API Gateway always sends', async () => {
    const signed = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}' });
    const reported: unknown[] = [];
    const handler = createLambdaWebhookHandler(throwing(new Error('boom')), { onError: (e) => reported.push(e) });
    expect(await handler(v2('/webhooks/shopify', signed.body, signed.headers))).toMatchObject({
      statusCode: 500,
      isBase64Encoded: false,
    });
    const { processor } = processorWithLog();
    const broken = {
      version: '2.0',
      rawPath: '/webhooks/shopify',
      body: '{}',
      isBase64Encoded: false,
    } as unknown as ApiGatewayV2Event;
    expect((await createLambdaWebhookHandler(processor)(broken)).statusCode).toBe(500);
    expect(reported).toHaveLength(1);
  });
});
