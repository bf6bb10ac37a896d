const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Encodes text as UTF-8 bytes.
 *
 * @example
 * ```ts
 * utf8('hi'); // Uint8Array [104, 105]
 * ```
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes UTF-8 bytes to text (invalid sequences become U+FFFD).
 *
 * @example
 * ```ts
 * fromUtf8(new Uint8Array([104, 105])); // 'hi'
 * ```
 */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Lower-case hexadecimal form of bytes.
 *
 * @example
 * ```ts
 * toHex(new Uint8Array([1, 255])); // '01ff'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Parses hexadecimal text (either case); `undefined` when it is not strictly hex of even length.
 *
 * @example
 * ```ts
 * fromHex('01ff'); // Uint8Array [1, 255]
 * ```
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Standard base64 (with padding) of bytes.
 *
 * @example
 * ```ts
 * toBase64(new Uint8Array([104, 105])); // 'aGk='
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Parses canonical standard base64 (padding required); `undefined` for anything else, so that
 * two different texts never decode to the same signature.
 *
 * @example
 * ```ts
 * fromBase64('aGk='); // Uint8Array [104, 105]
 * ```
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  // Non-zero padding bits would let several texts decode to the same bytes.
  return toBase64(out) === text ? out : undefined;
}

/**
 * URL-safe base64 without padding (RFC 4648 §5), as PKCE and ciphertext envelopes use.
 *
 * @example
 * ```ts
 * toBase64Url(new Uint8Array([251, 255])); // '-_8'
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Parses URL-safe base64 without padding; `undefined` when malformed.
 *
 * @example
 * ```ts
 * fromBase64Url('-_8'); // Uint8Array [251, 255]
 * ```
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}

/**
 * Compares two byte arrays in time that depends only on their lengths, never on where they
 * first differ.
 *
 * @example
 * ```ts
 * timingSafeEqual(expectedMac, receivedMac); // true or false
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Concatenates byte arrays.
 *
 * @example
 * ```ts
 * concatBytes(utf8('a.'), body);
 * ```
 */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Cryptographically random bytes from Web Crypto.
 *
 * @example
 * ```ts
 * const iv = randomBytes(12);
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}
