import { fromBase64 } from '../../core/bytes.js';

/**
 * Converts a DER `SEQUENCE { INTEGER r, INTEGER s }` ECDSA signature (what eBay and OpenSSL
 * produce) to the fixed-width `r || s` form Web Crypto verifies. Strict: anything that is not
 * minimal DER yields `undefined`.
 *
 * @example
 * ```ts
 * const raw = derToP1363(derSignature); // 64 bytes for P-256
 * ```
 */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(size * 2);
  let offset = 2;
  for (let part = 0; part < 2; part++) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1] as number;
    let start = offset + 2;
    const end = start + length;
    if (length === 0 || end > der.length) return undefined;
    // Minimal encoding: a leading zero only when the next byte has its high bit set.
    if (der[start] === 0 && (length === 1 || ((der[start + 1] as number) & 0x80) === 0)) return undefined;
    if (((der[start] as number) & 0x80) !== 0) return undefined;
    if (der[start] === 0) start++;
    if (end - start > size) return undefined;
    out.set(der.subarray(start, end), part * size + size - (end - start));
    offset = end;
  }
  return offset === der.length ? out : undefined;
}

/**
 * Converts a fixed-width `r || s` signature to DER (used by the test-request builder).
 *
 * @example
 * ```ts
 * const der = p1363ToDer(new Uint8Array(await crypto.subtle.sign(params, key, data)));
 * ```
 */
export function p1363ToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const pad = ((trimmed[0] as number) & 0x80) !== 0 ? 1 : 0;
    const out = new Uint8Array(2 + pad + trimmed.length);
    out[0] = 0x02;
    out[1] = pad + trimmed.length;
    out.set(trimmed, 2 + pad);
    return out;
  };
  const r = integer(raw.subarray(0, half));
  const s = integer(raw.subarray(half));
  const out = new Uint8Array(2 + r.length + s.length);
  out[0] = 0x30;
  out[1] = r.length + s.length;
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}

/**
 * Imports a P-256 public key from PEM (SPKI), with or without line breaks.
 *
 * @example
 * ```ts
 * const key = await importEcdsaPublicKey('-----BEGIN PUBLIC KEY-----MFkw...-----END PUBLIC KEY-----');
 * ```
 */
export async function importEcdsaPublicKey(pem: string): Promise<CryptoKey | undefined> {
  const body = pem
    .replace(/-----BEGIN PUBLIC KEY-----/, '')
    .replace(/-----END PUBLIC KEY-----/, '')
    .replace(/\s+/g, '');
  const der = fromBase64(body);
  if (!der) return undefined;
  try {
    return await crypto.subtle.importKey('spki', der as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
  } catch {
    return undefined;
  }
}
