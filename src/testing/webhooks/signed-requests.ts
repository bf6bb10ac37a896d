import { concatBytes, toBase64, toHex, utf8 } from '../../core/bytes.js';
import type { HmacHash, HmacProvider } from '../../webhooks/verify/hmac-keys.js';
import { decodeStandardWebhooksSecret } from '../../webhooks/verify/standard-webhooks.js';

/**
 * A webhook request built for tests: plain headers and the body text. It is a
 * `WebhookRequest`, so it goes straight into a verifier or processor; {@link toFetchRequest}
 * turns it into a Web `Request`.
 *
 * @category Signing
 */
export interface TestWebhookRequest {
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body exactly as signed. */
  body: string;
}

async function hmac(key: Uint8Array, hash: HmacHash, data: Uint8Array, provider?: HmacProvider): Promise<Uint8Array> {
  if (provider) return provider.hmac(hash, key, data);
  const imported = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, data as BufferSource));
}

/**
 * Builds a request for a generic HMAC verifier (same options as the verifier).
 *
 * @example
 * ```ts
 * const request = await signHmacTestRequest({ secret, body, header: 'x-signature', encoding: 'base64' });
 * ```
 *
 * @category Signing
 */
export async function signHmacTestRequest(options: {
  secret: string;
  body: string;
  header: string;
  hash?: HmacHash;
  encoding?: 'hex' | 'base64';
  prefix?: string;
  extraHeaders?: Record<string, string>;
  /** How the HMAC is computed (default: Web Crypto). */
  hmac?: HmacProvider;
}): Promise<TestWebhookRequest> {
  const mac = await hmac(utf8(options.secret), options.hash ?? 'SHA-256', utf8(options.body), options.hmac);
  const encoded = (options.encoding ?? 'hex') === 'hex' ? toHex(mac) : toBase64(mac);
  return {
    headers: {
      'content-type': 'application/json',
      ...options.extraHeaders,
      [options.header.toLowerCase()]: `${options.prefix ?? ''}${encoded}`,
    },
    body: options.body,
  };
}

/**
 * Builds a Standard Webhooks request (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
 * Several secrets produce several signatures in the header, as during rotation.
 *
 * @example
 * ```ts
 * const request = await signStandardWebhooksTestRequest({
 *   secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
 *   id: 'msg_1',
 *   timestamp: Math.floor(clock.now() / 1000),
 *   body: '{"type":"order.created"}',
 * });
 * ```
 *
 * @category Signing
 */
export async function signStandardWebhooksTestRequest(options: {
  secrets: readonly string[];
  id: string;
  timestamp: number;
  body: string;
  /** How the HMAC is computed (default: Web Crypto). */
  hmac?: HmacProvider;
}): Promise<TestWebhookRequest> {
  const signed = concatBytes(utf8(`${options.id}.${options.timestamp}.`), utf8(options.body));
  const signatures: string[] = [];
  for (const secret of options.secrets) {
    const key = decodeStandardWebhooksSecret(secret);
    if (!key) throw new TypeError('Standard Webhooks secrets start with "whsec_" followed by base64.');
    signatures.push(`v1,${toBase64(await hmac(key, 'SHA-256', signed, options.hmac))}`);
  }
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': options.id,
      'webhook-timestamp': String(options.timestamp),
      'webhook-signature': signatures.join(' '),
    },
    body: options.body,
  };
}

/**
 * Builds a Stripe-style `t=...,v1=...` signed request.
 *
 * @example
 * ```ts
 * const request = await signStripeStyleTestRequest({ secret: 'whsec_test', body, timestamp: 1_700_000_000 });
 * ```
 *
 * @category Signing
 */
export async function signStripeStyleTestRequest(options: {
  secret: string;
  body: string;
  timestamp: number;
  header?: string;
  /** How the HMAC is computed (default: Web Crypto). */
  hmac?: HmacProvider;
}): Promise<TestWebhookRequest> {
  const mac = await hmac(utf8(options.secret), 'SHA-256', utf8(`${options.timestamp}.${options.body}`), options.hmac);
  return {
    headers: {
      'content-type': 'application/json',
      [(options.header ?? 'stripe-signature').toLowerCase()]: `t=${options.timestamp},v1=${toHex(mac)}`,
    },
    body: options.body,
  };
}

/**
 * Turns a {@link TestWebhookRequest} into a Web `Request` (POST) for adapter tests.
 *
 * @example
 * ```ts
 * const response = await handler(toFetchRequest(request, 'https://shop.test/webhooks/shopify'));
 * ```
 *
 * @category Signing
 */
export function toFetchRequest(request: TestWebhookRequest, url: string): Request {
  return new Request(url, { method: 'POST', headers: request.headers, body: request.body });
}
