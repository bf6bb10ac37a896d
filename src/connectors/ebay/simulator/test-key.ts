import type { WebCryptoKey } from '../../../core/web-types.js';
import { toBase64, utf8 } from '../../../core/bytes.js';
import { p1363ToDer } from '../../../webhooks/verify/ecdsa.js';
import type { EbayKeyFetcher, EbayPublicKey } from '../notifications/key-fetcher.js';
import type { TestWebhookRequest } from '../../../testing/webhooks/signed-requests.js';

/**
 * A throwaway eBay-style signing key for tests.
 *
 * @example
 * ```ts
 * const key: EbayTestKey = await createEbayTestKey();
 * const verifier = createEbayVerifier({ fetchKey: key.fetchKey });
 * ```
 *
 * @category Simulator
 */
export interface EbayTestKey {
  /** The key id (a UUID). */
  kid: string;
  /** The private key that signs test notifications. */
  privateKey: WebCryptoKey;
  /** The public key as eBay's API would return it. */
  publicKey: EbayPublicKey;
  /** A key fetcher that knows only this key; counts calls in `fetchKey.calls`. */
  fetchKey: EbayKeyFetcher & { calls: number };
}

/**
 * Generates a P-256 key pair in the shape eBay publishes.
 *
 * @example
 * ```ts
 * const key = await createEbayTestKey();
 * ```
 *
 * @category Simulator
 */
export async function createEbayTestKey(): Promise<EbayTestKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const kid = crypto.randomUUID();
  const publicKey: EbayPublicKey = {
    key: `-----BEGIN PUBLIC KEY-----${toBase64(spki)}-----END PUBLIC KEY-----`,
    algorithm: 'ECDSA',
    digest: 'SHA1',
  };
  const fetchKey = Object.assign(
    (requested: string) => {
      fetchKey.calls++;
      return requested === kid ? publicKey : undefined;
    },
    { calls: 0 },
  );
  return { kid, privateKey: pair.privateKey, publicKey, fetchKey };
}

/**
 * Signs a body the way eBay does and returns the request with `X-EBAY-SIGNATURE`.
 *
 * @example
 * ```ts
 * const request = await signEbayTestRequest({ key, body: JSON.stringify(notification) });
 * ```
 *
 * @category Simulator
 */
export async function signEbayTestRequest(options: {
  key: Pick<EbayTestKey, 'kid' | 'privateKey'>;
  body: string;
}): Promise<TestWebhookRequest> {
  const raw = new Uint8Array(
    await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-1' },
      options.key.privateKey,
      utf8(options.body) as BufferSource,
    ),
  );
  const header = { alg: 'ecdsa', kid: options.key.kid, signature: toBase64(p1363ToDer(raw)), digest: 'SHA1' };
  return {
    headers: { 'content-type': 'application/json', 'x-ebay-signature': toBase64(utf8(JSON.stringify(header))) },
    body: options.body,
  };
}
