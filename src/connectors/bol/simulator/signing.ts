import type { WebCryptoKey } from '../../../core/web-types.js';
import { toBase64, utf8 } from '../../../core/bytes.js';

/**
 * An RSA key pair that signs simulated bol.com push notifications, with its key id.
 *
 * @category Simulator
 */
export interface BolSigningKeys {
  keyId: string;
  privateKey: WebCryptoKey;
  /** Base64 DER SubjectPublicKeyInfo, as `GET /subscriptions/signature-keys` lists it. */
  publicKey: string;
}

/**
 * Generates a signing key pair (RSASSA-PKCS1-v1_5, 2048 bits, SHA-256).
 *
 * @example
 * ```ts
 * const keys = await createBolSigningKeys();
 * ```
 *
 * @category Simulator
 */
export async function createBolSigningKeys(keyId = '0'): Promise<BolSigningKeys> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { keyId, privateKey: pair.privateKey, publicKey: toBase64(spki) };
}

/**
 * A push notification as bol.com sends it: the JSON body and its `signature` header
 * (`keyId=…, algorithm="rsa-sha256", signature=…`, RSA PKCS#1 v1.5 over the raw body).
 *
 * @example
 * ```ts
 * const { headers, body } = await signBolNotification(keys, { retailerId: '1', timestamp, event: { resource: 'PROCESS_STATUS', type: 'SUCCESS', resourceId: '42' } });
 * await processor.receive('bol', { headers, body });
 * ```
 *
 * @category Simulator
 */
export async function signBolNotification(
  keys: BolSigningKeys,
  payload: unknown,
): Promise<{ headers: Record<string, string>; body: string }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, keys.privateKey, utf8(body) as BufferSource),
  );
  return {
    headers: {
      'content-type': 'application/json',
      signature: `keyId=${keys.keyId}, algorithm="rsa-sha256", signature=${toBase64(signature)}`,
    },
    body,
  };
}
