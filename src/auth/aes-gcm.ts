import type { WebCryptoKey } from '../core/web-types.js';
/**
 * Inputs of {@link aesGcmSeal} and {@link aesGcmOpen}.
 *
 * @category Credential storage
 */
export interface AesGcmInput {
  /** 16, 24 or 32 raw key bytes (the keyring uses 32: AES-256). */
  key: Uint8Array | WebCryptoKey;
  /**
   * The nonce: 12 bytes (the standard size) up to {@link AES_GCM_MAX_NONCE_BYTES}. Shorter
   * nonces are refused: they weaken GCM and Web Crypto runtimes disagree on them. Never reuse
   * a nonce with the same key.
   */
  iv: Uint8Array;
  /** Associated data that is authenticated but not encrypted. */
  aad?: Uint8Array;
}

/**
 * The longest nonce {@link aesGcmSeal} and {@link aesGcmOpen} accept, in bytes.
 *
 * @example
 * ```ts
 * if (iv.length > AES_GCM_MAX_NONCE_BYTES) throw new RangeError('nonce too long');
 * ```
 *
 * @category Credential storage
 */
export const AES_GCM_MAX_NONCE_BYTES = 128;

function nonceOk(iv: Uint8Array): boolean {
  return iv.length >= 12 && iv.length <= AES_GCM_MAX_NONCE_BYTES;
}

async function importKey(key: Uint8Array | CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  if (!(key instanceof Uint8Array)) return key;
  return crypto.subtle.importKey('raw', key as BufferSource, { name: 'AES-GCM' }, false, [usage]);
}

function params(input: AesGcmInput): AesGcmParams {
  const out: AesGcmParams = { name: 'AES-GCM', iv: input.iv as BufferSource, tagLength: 128 };
  if (input.aad) out.additionalData = input.aad as BufferSource;
  return out;
}

/**
 * Encrypts with AES-GCM through Web Crypto; returns ciphertext followed by the 16-byte tag.
 *
 * @example
 * ```ts
 * const sealed = await aesGcmSeal({ key, iv, aad }, new TextEncoder().encode('refresh-token'));
 * ```
 *
 * @category Credential storage
 */
export async function aesGcmSeal(input: AesGcmInput, plaintext: Uint8Array): Promise<Uint8Array> {
  if (!nonceOk(input.iv)) throw new RangeError(`AES-GCM nonces must be 12 to ${AES_GCM_MAX_NONCE_BYTES} bytes.`);
  const key = await importKey(input.key, 'encrypt');
  return new Uint8Array(await crypto.subtle.encrypt(params(input), key, plaintext as BufferSource));
}

/**
 * Decrypts and authenticates AES-GCM output (ciphertext followed by the tag). Resolves
 * `undefined` when the key, nonce, associated data, ciphertext or tag do not match, or the
 * nonce is outside 12 to {@link AES_GCM_MAX_NONCE_BYTES} bytes: never a partial plaintext.
 *
 * @example
 * ```ts
 * const plaintext = await aesGcmOpen({ key, iv, aad }, sealed);
 * if (!plaintext) throw new Error('tampered');
 * ```
 *
 * @category Credential storage
 */
export async function aesGcmOpen(input: AesGcmInput, sealed: Uint8Array): Promise<Uint8Array | undefined> {
  if (!nonceOk(input.iv) || sealed.length < 16) return undefined;
  try {
    const key = await importKey(input.key, 'decrypt');
    return new Uint8Array(await crypto.subtle.decrypt(params(input), key, sealed as BufferSource));
  } catch {
    return undefined;
  }
}
