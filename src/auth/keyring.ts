import { err, ok, type Result } from 'neverthrow';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import { failure, type Failure } from '../core/result.js';
import { fromBase64, fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from '../core/bytes.js';
import { aesGcmOpen, aesGcmSeal } from './aes-gcm.js';

/**
 * One key of a {@link Keyring}: an id (written into every ciphertext) and 32 random bytes,
 * raw or base64.
 *
 * @category Credential storage
 */
export interface KeyringKey {
  /** Short id: letters, digits, `_` or `-`. */
  id: string;
  /** 32 bytes, raw or standard base64. */
  key: Uint8Array | string;
}

/**
 * Options of {@link createKeyring}.
 *
 * @example
 * ```ts
 * const options: KeyringOptions = { keys: [newKey, oldKey], primaryKeyId: newKey.id };
 * ```
 *
 * @category Credential storage
 */
export interface KeyringOptions {
  /** Every key that may still decrypt; retire a key by removing it once data is re-encrypted. */
  keys: readonly KeyringKey[];
  /** The key new ciphertexts use (default: the first). */
  primaryKeyId?: string;
}

/**
 * Why a ciphertext could not be decrypted.
 *
 * @category Credential storage
 */
export type DecryptFailureReason = 'malformed_ciphertext' | 'unknown_key' | 'decryption_failed';

/**
 * AES-256-GCM encryption with key rotation. Each ciphertext is `mb1.<keyId>.<nonce>.<sealed>`;
 * the key id and the caller's associated data are authenticated, so a ciphertext moved to
 * another tenant, platform or field, or relabelled with another key id, fails to decrypt.
 *
 * @example
 * ```ts
 * const keyring = createKeyring({ keys: [{ id: 'k1', key: base64Key }] });
 * const sealed = await keyring.encrypt('refresh-token', 'tenant-1|ebay|refreshToken');
 * const opened = await keyring.decrypt(sealed, 'tenant-1|ebay|refreshToken');
 * ```
 *
 * @category Credential storage
 */
export interface Keyring {
  /** The id new ciphertexts use. */
  readonly primaryKeyId: string;
  /** Encrypts `plaintext` bound to `associatedData`. */
  encrypt(plaintext: string, associatedData: string): Promise<string>;
  /** Decrypts a ciphertext made for the same `associatedData`. */
  decrypt(ciphertext: string, associatedData: string): Promise<Result<string, Failure<DecryptFailureReason>>>;
  /** The key id a ciphertext names (to find data still on an old key), if well formed. */
  keyIdOf(ciphertext: string): string | undefined;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Creates a {@link Keyring}. Keys are validated once, every problem reported together.
 *
 * @example
 * ```ts
 * const keyring = createKeyring({
 *   keys: [{ id: '2026-11', key: process.env.KEY_2026_11! }, { id: '2026-05', key: process.env.KEY_2026_05! }],
 * });
 * ```
 *
 * @category Credential storage
 */
export function createKeyring(options: KeyringOptions): Keyring {
  const issues: ValidationIssue[] = [];
  const keys = new Map<string, Promise<CryptoKey>>();
  if (!Array.isArray(options?.keys) || options.keys.length === 0)
    issues.push({ path: ['keys'], message: 'Give at least one key.' });
  (options?.keys ?? []).forEach((entry, index) => {
    if (typeof entry?.id !== 'string' || !ID.test(entry.id))
      issues.push({ path: ['keys', index, 'id'], message: 'Use 1-64 letters, digits, "_" or "-".' });
    else if (keys.has(entry.id))
      issues.push({ path: ['keys', index, 'id'], message: `Duplicate key id "${entry.id}".` });
    const bytes =
      typeof entry?.key === 'string' ? fromBase64(entry.key) : entry?.key instanceof Uint8Array ? entry.key : undefined;
    if (bytes?.length !== 32) {
      issues.push({ path: ['keys', index, 'key'], message: 'Expected 32 random bytes (AES-256), raw or base64.' });
      return;
    }
    if (typeof entry.id === 'string') {
      keys.set(
        entry.id,
        crypto.subtle.importKey('raw', bytes as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
      );
    }
  });
  const primaryKeyId = options?.primaryKeyId ?? options?.keys?.[0]?.id ?? '';
  if (options?.primaryKeyId !== undefined && !keys.has(options.primaryKeyId))
    issues.push({ path: ['primaryKeyId'], message: 'Must be the id of one of the keys.' });
  if (issues.length > 0) throw new ValidationError('keyring options', issues);
  // Rejected key imports surface on use; keep them from being reported as unhandled.
  for (const pending of keys.values()) pending.catch(() => {});

  const aad = (keyId: string, associatedData: string) => utf8(`mb1|${keyId}|${associatedData}`);
  const parse = (ciphertext: string) => {
    const parts = typeof ciphertext === 'string' ? ciphertext.split('.') : [];
    if (parts.length !== 4 || parts[0] !== 'mb1' || !ID.test(parts[1] as string)) return undefined;
    const iv = fromBase64Url(parts[2] as string);
    const sealed = fromBase64Url(parts[3] as string);
    if (iv?.length !== 12 || !sealed || sealed.length < 16) return undefined;
    return { keyId: parts[1] as string, iv, sealed };
  };

  return {
    primaryKeyId,
    async encrypt(plaintext, associatedData) {
      const key = await (keys.get(primaryKeyId) as Promise<CryptoKey>);
      const iv = randomBytes(12);
      const sealed = await aesGcmSeal({ key, iv, aad: aad(primaryKeyId, associatedData) }, utf8(plaintext));
      return `mb1.${primaryKeyId}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
    },
    async decrypt(ciphertext, associatedData) {
      const parsed = parse(ciphertext);
      if (!parsed)
        return err(failure('malformed_ciphertext', 'Not a marketbridge ciphertext (mb1.<keyId>.<nonce>.<data>).'));
      const key = keys.get(parsed.keyId);
      if (!key)
        return err(failure('unknown_key', `Key "${parsed.keyId}" is not in the keyring; was it retired too early?`));
      const opened = await aesGcmOpen(
        { key: await key, iv: parsed.iv, aad: aad(parsed.keyId, associatedData) },
        parsed.sealed,
      );
      if (!opened)
        return err(
          failure(
            'decryption_failed',
            'The ciphertext does not authenticate for this tenant, platform and field (tampered, moved, or wrong key).',
          ),
        );
      return ok(fromUtf8(opened));
    },
    keyIdOf(ciphertext) {
      return parse(ciphertext)?.keyId;
    },
  };
}
