/**
 * Node.js `http` / Express / Fastify-style adapter for marketbridge webhooks. It captures the
 * raw request body (or uses one a framework already captured as bytes), so signatures are
 * checked on exactly what the platform sent.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeWebhookHandler } from 'marketbridge/adapters/node';
 * createServer(createNodeWebhookHandler(processor)).listen(3000);
 * ```
 *
 * @module marketbridge/adapters/node
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeHmacProvider, type HmacProvider } from '../webhooks/verify/hmac-provider.js';
import { handleWebhook, webhookErrorResponse, type WebhookAdapterOptions } from '../webhooks/http.js';
import type { WebhookProcessor } from '../webhooks/processor/processor.js';

/**
 * Options of {@link createNodeWebhookHandler}.
 *
 * @example
 * ```ts
 * const options: NodeWebhookHandlerOptions = { platform: 'shopify', maxBodyBytes: 512 * 1024 };
 * ```
 *
 * @category Runtime adapters
 */
export interface NodeWebhookHandlerOptions extends WebhookAdapterOptions {
  /** Largest body accepted, in bytes (default 1 MiB); larger requests get 413. */
  maxBodyBytes?: number;
}

/**
 * A Node request as Express and similar frameworks hand it over: possibly with a `body`
 * already read (as bytes with `express.raw()`, or parsed, which cannot be verified) and a
 * `rawBody` some frameworks keep.
 *
 * @category Runtime adapters
 */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

/**
 * An {@link HmacProvider} on `node:crypto`: synchronous HMACs, several times the throughput
 * of Web Crypto for webhook-sized bodies. On Node ≥ 20.16 the verifiers already use
 * `node:crypto` by default; pass this to be explicit, or on Node versions before 20.16.
 *
 * @example
 * ```ts
 * const verifier = createShopifyVerifier({ secrets: [secret], hmac: nodeCryptoProvider });
 * ```
 *
 * @category Runtime adapters
 */
export const nodeCryptoProvider: HmacProvider = createNodeHmacProvider({ createHmac });

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Creates a `(req, res) => Promise<void>` handler for `http.createServer`, Express, Connect and
 * similar. Mount it before any JSON body parser, or after `express.raw()`; a body that was
 * already parsed into an object is refused with a 500 that says how to fix the setup.
 *
 * The returned promise never rejects, so `createServer(handler)` (which ignores it) cannot
 * crash the process with an unhandled rejection: a malformed URL gets 400, a request whose body
 * breaks off gets 400, and anything the processor or the store throws gets 500 (503 when
 * retryable), reported to `onError`.
 *
 * @example
 * ```ts
 * const handler = createNodeWebhookHandler(processor, { onError: (error) => logger.error('webhook', { error }) });
 * app.post('/webhooks/:platform', (req, res) => void handler(req, res));
 * ```
 *
 * @category Runtime adapters
 */
export function createNodeWebhookHandler(
  processor: WebhookProcessor,
  options: NodeWebhookHandlerOptions = {},
): (req: NodeWebhookRequest, res: ServerResponse) => Promise<void> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const handle = async (req: NodeWebhookRequest, res: ServerResponse): Promise<void> => {
    let body: Uint8Array;
    const captured = req.rawBody ?? req.body;
    if (captured instanceof Uint8Array) body = captured;
    else if (typeof captured === 'string') body = new TextEncoder().encode(captured);
    else if (captured !== undefined && captured !== null && req.readableEnded) {
      send(
        res,
        500,
        { 'content-type': 'application/json' },
        JSON.stringify({
          status: 'misconfigured',
          message:
            'The body was parsed before the webhook handler; mount it before JSON parsers or use express.raw() so the raw bytes can be verified.',
        }),
      );
      return;
    } else {
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge)
          send(res, 413, { 'content-type': 'application/json', connection: 'close' }, '{"status":"payload_too_large"}');
        else
          send(res, 400, { 'content-type': 'application/json', connection: 'close' }, '{"status":"unreadable_body"}');
        return;
      }
    }
    const headers = (req.headersDistinct as Record<string, string[]> | undefined) ?? req.headers;
    const url = `http://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`;
    const answer = await handleWebhook(processor, { headers, body, url, method: req.method ?? 'POST' }, options);
    send(res, answer.status, answer.headers, answer.body);
  };
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      const answer = webhookErrorResponse(error, options);
      try {
        send(res, answer.status, answer.headers, answer.body);
      } catch {
        res.destroy();
      }
    }
  };
}
