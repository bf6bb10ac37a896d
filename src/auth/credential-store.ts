import { AuthError } from '../core/errors/auth-error.js';
import type { Store } from '../stores/store.js';
import type { Keyring } from './keyring.js';
import type { ConnectionRef, TokenRecord } from './token-record.js';

/**
 * Options of {@link CredentialStore}.
 *
 * @example
 * ```ts
 * const options: CredentialStoreOptions = { store: redisStore, keyring: createKeyring({ keys }) };
 * ```
 *
 * @category Credential storage
 */
export interface CredentialStoreOptions {
  /** Where records live. */
  store: Store;
  /** Encrypts secret fields at rest when given. */
  keyring?: Keyring;
  /** Key prefix (default `credentials:`). */
  prefix?: string;
}

/**
 * A record as read: the decrypted record and the stored value to compare-and-set against.
 *
 * @category Credential storage
 */
export interface StoredRecord {
  /** The record with secrets decrypted. */
  record: TokenRecord;
  /** The value as stored (encrypted), for compare-and-set. */
  stored: unknown;
}

const SECRET_FIELDS = ['accessToken', 'refreshToken'] as const;

/**
 * Multi-tenant token and credential storage on any `Store`, with optional AES-256-GCM
 * encryption of secret fields. Each ciphertext is bound to its tenant, platform, connection
 * and field, so copying it elsewhere makes it undecryptable rather than usable.
 *
 * @example
 * ```ts
 * const credentials = new CredentialStore({ store, keyring });
 * await credentials.setSecret({ tenantId: 't1', platform: 'bol', connectionId: 'main' }, 'clientSecret', secret);
 * ```
 *
 * @category Credential storage
 */
export class CredentialStore {
  readonly #store: Store;
  readonly #keyring: Keyring | undefined;
  readonly #prefix: string;

  /** @param options - the store, an optional keyring and the key prefix */
  constructor(options: CredentialStoreOptions) {
    this.#store = options.store;
    this.#keyring = options.keyring;
    this.#prefix = options.prefix ?? 'credentials:';
  }

  /** The store key of a connection's token record. */
  key(ref: ConnectionRef, field = 'tokens'): string {
    return `${this.#prefix}${[ref.tenantId, ref.platform, ref.connectionId, field].map(encodeURIComponent).join(':')}`;
  }

  #aad(ref: ConnectionRef, field: string): string {
    return JSON.stringify([ref.tenantId, ref.platform, ref.connectionId, field]);
  }

  async #seal(ref: ConnectionRef, field: string, value: string): Promise<string> {
    return this.#keyring ? this.#keyring.encrypt(value, this.#aad(ref, field)) : value;
  }

  async #open(ref: ConnectionRef, field: string, value: string): Promise<string> {
    if (!this.#keyring) return value;
    const opened = await this.#keyring.decrypt(value, this.#aad(ref, field));
    if (opened.isErr()) {
      throw new AuthError(
        `Stored ${field} of connection "${ref.connectionId}" cannot be decrypted (${opened.error.reason}): ${opened.error.message}`,
        {
          platform: ref.platform,
        },
      );
    }
    return opened.value;
  }

  /** Reads and decrypts a token record. */
  async read(ref: ConnectionRef): Promise<StoredRecord | undefined> {
    const stored = await this.#store.get<Record<string, unknown>>(this.key(ref));
    if (!stored) return undefined;
    const record = { ...stored } as unknown as TokenRecord;
    for (const field of SECRET_FIELDS) {
      const value = stored[field];
      if (typeof value === 'string') record[field] = await this.#open(ref, field, value);
    }
    return { record, stored };
  }

  async #encode(ref: ConnectionRef, record: TokenRecord): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...record };
    for (const field of SECRET_FIELDS) {
      const value = record[field];
      if (typeof value === 'string') out[field] = await this.#seal(ref, field, value);
      else delete out[field];
    }
    return out;
  }

  /** Writes `record` only if the stored value is still `expected` (`undefined`: only if absent). */
  async compareAndSet(ref: ConnectionRef, expected: unknown, record: TokenRecord): Promise<boolean> {
    return this.#store.compareAndSet(this.key(ref), expected, await this.#encode(ref, record));
  }

  /** Writes `record` unconditionally. */
  async write(ref: ConnectionRef, record: TokenRecord): Promise<void> {
    await this.#store.set(this.key(ref), await this.#encode(ref, record));
  }

  /** Removes a connection's tokens. */
  async delete(ref: ConnectionRef): Promise<boolean> {
    return this.#store.delete(this.key(ref));
  }

  /** Stores any other credential (API key, client secret) for a connection, encrypted when a keyring is set. */
  async setSecret(ref: ConnectionRef, field: string, value: string): Promise<void> {
    await this.#store.set(this.key(ref, `secret:${field}`), { value: await this.#seal(ref, field, value) });
  }

  /** Reads a credential stored with {@link CredentialStore.setSecret}. */
  async getSecret(ref: ConnectionRef, field: string): Promise<string | undefined> {
    const stored = await this.#store.get<{ value: string }>(this.key(ref, `secret:${field}`));
    return stored ? this.#open(ref, field, stored.value) : undefined;
  }
}
