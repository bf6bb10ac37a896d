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
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexValue(text.charCodeAt(2 * i));
    const low = hexValue(text.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

/** The value of a hexadecimal digit's character code (either case), -1 for anything else. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return code >= 65 && code <= 70 ? code - 55 : -1; // A-F
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

/** The 6-bit value of a base64 character code, -1 outside the alphabet. */
function base64Value(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 71; // a-z
  if (code >= 48 && code <= 57) return code + 4; // 0-9
  if (code === 43) return 62; // +
  return code === 47 ? 63 : -1; // /
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
  const length = text.length;
  if (length % 4 !== 0) return undefined;
  const padding =
    length === 0 ? 0 : text.charCodeAt(length - 1) !== 61 ? 0 : text.charCodeAt(length - 2) === 61 ? 2 : 1;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const data = length - padding;
  let bits = 0;
  let count = 0;
  let o = 0;
  for (let i = 0; i < data; i++) {
    const value = base64Value(text.charCodeAt(i));
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[o++] = (bits >> count) & 0xff;
    }
  }
  // Non-zero padding bits would let several texts decode to the same bytes.
  if ((bits & ((1 << count) - 1)) !== 0) return undefined;
  return out;
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
