import { fromBase64 } from '../../../core/bytes.js';

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

// AlgorithmIdentifier { rsaEncryption, NULL }.
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/**
 * Wraps a PKCS#1 `RSAPublicKey` (DER) into the SubjectPublicKeyInfo form Web Crypto imports.
 *
 * @example
 * ```ts
 * const spki = pkcs1ToSpki(pkcs1Der);
 * ```
 */
export function pkcs1ToSpki(pkcs1: Uint8Array): Uint8Array {
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00];
  const body = [...RSA_ALGORITHM, ...bitString];
  const total = body.length + pkcs1.length;
  const out = new Uint8Array([0x30, ...derLength(total), ...body, ...pkcs1]);
  return out;
}

/**
 * Imports a bol.com signature key for RSASSA-PKCS1-v1_5 with SHA-256. bol.com documents the key
 * as "the Base64 encoded public key" without naming its structure; this accepts base64 DER
 * SubjectPublicKeyInfo (the usual form), base64 DER PKCS#1 `RSAPublicKey`, and the same in PEM.
 * Anything else gives `undefined`.
 *
 * @example
 * ```ts
 * const key = await importBolPublicKey('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...');
 * ```
 */
export async function importBolPublicKey(text: string): Promise<CryptoKey | undefined> {
  const body = text.replace(/-----(BEGIN|END) (RSA )?PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = fromBase64(body);
  if (!der || der.length < 32) return undefined;
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  for (const candidate of [der, pkcs1ToSpki(der)]) {
    try {
      return await crypto.subtle.importKey('spki', candidate as BufferSource, algorithm, false, ['verify']);
    } catch {
      // Not this form; try the next.
    }
  }
  return undefined;
}
