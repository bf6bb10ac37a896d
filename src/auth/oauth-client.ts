import type { Result } from 'neverthrow';
import type { AuthHook } from '../core/auth-hook.js';
import { createContext, type Context, type ResolvedContext } from '../core/context.js';
import { AuthError } from '../core/errors/auth-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import { createRedactor, type Redactor } from '../core/errors/redact.js';
import type { Failure } from '../core/result.js';
import {
  finishAuthorization,
  startAuthorization,
  type AuthorizationCallback,
  type AuthorizationComplete,
  type AuthorizationFailureReason,
  type AuthorizationRequest,
  type AuthorizationUrlOptions,
} from './authorization.js';
import { resolveOAuthConfig, type OAuthClientConfig, type ResolvedOAuthConfig } from './config.js';
import { CredentialStore } from './credential-store.js';
import type { OAuthInternals } from './oauth-context.js';
import { reauthError } from './reauth.js';
import { isFresh, isUnexpired } from './grant-record.js';
import type { Keyring } from './keyring.js';
import { refreshUnderLock } from './refresh.js';
import type { ConnectionRef, ConnectionStatus, TokenRecord } from './token-record.js';

/**
 * Options of {@link OAuthClient}.
 *
 * @example
 * ```ts
 * const options: OAuthClientOptions = { context: { store, tenantId: 'seller-1' }, keyring };
 * ```
 *
 * @category OAuth
 */
export interface OAuthClientOptions {
  /** Store, lock, clock, fetch, events, logger and tenant. */
  context?: Context;
  /** Encrypts tokens at rest. */
  keyring?: Keyring;
  /** A credential store to share (default: one on the context's store with `keyring`). */
  credentials?: CredentialStore;
  /** `authorization_code` (default; user connections) or `client_credentials` (application tokens). */
  grant?: TokenRecord['grant'];
}

/**
 * Options of {@link OAuthClient.getAccessToken}.
 *
 * @example
 * ```ts
 * await oauth.getAccessToken('seller-1', { rejectedToken: tokenThatGot401 });
 * ```
 *
 * @category OAuth
 */
export interface AccessTokenOptions {
  /** Cancels waiting and the token request. */
  signal?: AbortSignal;
  /** A token the platform just refused: a fresh one is obtained unless someone already did. */
  rejectedToken?: string;
}

/**
 * Options of {@link OAuthClient.authHook}.
 *
 * @example
 * ```ts
 * const options: OAuthAuthHookOptions = { header: 'x-amz-access-token', scheme: '' };
 * ```
 *
 * @category OAuth
 */
export interface OAuthAuthHookOptions {
  /** Header to set (default `authorization`). */
  header?: string;
  /** Prefix before the token (default `Bearer`; empty for none). */
  scheme?: string;
}

const REMEMBERED = 32;

/**
 * OAuth 2.0 for one platform and tenant: authorisation URL with single-use state and PKCE,
 * code exchange, client-credentials tokens cached until shortly before expiry, and refresh
 * that is single-flight within the process and, through the context's lock and a
 * compare-and-set on the record's version, across every process sharing the store.
 *
 * @example
 * ```ts
 * const oauth = new OAuthClient(config, { context: { store: redisStore, tenantId: 'seller-1' } });
 * const { url } = await oauth.createAuthorizationUrl({ connectionId: 'main' });
 * // ... later, in the callback route:
 * const done = await oauth.completeAuthorization(Object.fromEntries(callbackUrl.searchParams));
 * const http = createHttpClient({ platform: 'mercadolibre', baseUrl, context, auth: oauth.authHook('main') });
 * ```
 *
 * @category OAuth
 */
export class OAuthClient {
  /** Where tokens are kept. */
  readonly credentials: CredentialStore;
  readonly #config: ResolvedOAuthConfig;
  readonly #context: ResolvedContext;
  readonly #grant: TokenRecord['grant'];
  readonly #inflight = new Map<string, Promise<TokenRecord>>();
  readonly #seen: string[] = [];
  readonly #internals: OAuthInternals;

  /**
   * @param config - the platform's OAuth settings (validated; every problem reported at once)
   * @param options - context, keyring and grant
   */
  constructor(config: OAuthClientConfig, options: OAuthClientOptions = {}) {
    this.#config = resolveOAuthConfig(config);
    this.#context = createContext(options.context);
    this.#grant = options.grant ?? 'authorization_code';
    this.credentials =
      options.credentials ??
      new CredentialStore(
        options.keyring ? { store: this.#context.store, keyring: options.keyring } : { store: this.#context.store },
      );
    this.#internals = {
      config: this.#config,
      context: this.#context,
      credentials: this.credentials,
      ref: (connectionId) => this.ref(connectionId),
      redactor: () => this.#redactor(),
      remember: (record) => this.#remember(record),
    };
  }

  /** The platform this client authorises against. */
  get platform(): string {
    return this.#config.platform;
  }

  /** A JSON form without secrets (loggers and `JSON.stringify` call this). */
  toJSON(): { platform: string; tenantId: string; grant: TokenRecord['grant'] } {
    return { platform: this.#config.platform, tenantId: this.#context.tenantId, grant: this.#grant };
  }

  /** The connection reference for `connectionId` in this client's tenant and platform. */
  ref(connectionId: string): ConnectionRef {
    return { tenantId: this.#context.tenantId, platform: this.#config.platform, connectionId };
  }

  /** Secret values this client knows (client secret, recent tokens), for redaction. */
  secrets(): string[] {
    return this.#config.clientSecret === undefined ? [...this.#seen] : [this.#config.clientSecret, ...this.#seen];
  }

  #redactor(): Redactor {
    return createRedactor({ secrets: this.secrets() });
  }

  #remember(record: TokenRecord | undefined): void {
    for (const value of [record?.accessToken, record?.refreshToken]) {
      if (!value || this.#seen.includes(value)) continue;
      this.#seen.push(value);
      if (this.#seen.length > REMEMBERED) this.#seen.shift();
    }
  }

  /** Starts the authorisation-code flow: stores a single-use state and PKCE verifier, returns the URL. */
  createAuthorizationUrl(options: AuthorizationUrlOptions): Promise<AuthorizationRequest> {
    return startAuthorization(this.#internals, options);
  }

  /** Finishes the flow from the callback's query parameters; the state is consumed whatever happens next. */
  completeAuthorization(
    callback: AuthorizationCallback,
    signal?: AbortSignal,
  ): Promise<Result<AuthorizationComplete, Failure<AuthorizationFailureReason>>> {
    return finishAuthorization(this.#internals, callback, signal);
  }

  /** Stores tokens obtained elsewhere (e.g. migrated from another system). */
  async importTokens(
    connectionId: string,
    tokens: {
      accessToken: string;
      refreshToken?: string;
      refreshTokenExpiresAt?: number;
      expiresAt?: number;
      tokenType?: string;
      scope?: string;
    },
  ): Promise<void> {
    if (tokens?.expiresAt !== undefined && !Number.isFinite(tokens.expiresAt)) {
      // JSON stores a non-finite expiry as null, and the connection would then refresh on every call.
      throw new ValidationError(
        'imported tokens',
        [{ path: ['expiresAt'], message: 'Expected a finite epoch-millisecond time.' }],
        { platform: this.#config.platform },
      );
    }
    const ref = this.ref(connectionId);
    const previous = await this.credentials.read(ref).catch(() => undefined);
    const record: TokenRecord = {
      version: (previous?.record.version ?? 0) + 1,
      status: 'active',
      grant: this.#grant,
      accessToken: tokens.accessToken,
      tokenType: tokens.tokenType ?? 'bearer',
      obtainedAt: this.#context.clock.now(),
    };
    if (tokens.refreshToken !== undefined) record.refreshToken = tokens.refreshToken;
    if (tokens.refreshToken !== undefined && tokens.refreshTokenExpiresAt !== undefined)
      record.refreshTokenExpiresAt = tokens.refreshTokenExpiresAt;
    if (tokens.scope !== undefined) record.scope = tokens.scope;
    if (tokens.expiresAt !== undefined) {
      record.expiresAt = tokens.expiresAt;
      record.refreshAt = tokens.expiresAt - this.#config.earlyRefreshMs;
    }
    this.#remember(record);
    await this.credentials.write(ref, record);
  }

  /**
   * Stores a refresh token only if the connection has no record yet, so that a configured
   * token seeds the store once and never overwrites newer tokens another process wrote. The
   * access token is treated as expired, so the first use refreshes. Resolves whether it stored.
   *
   * @example
   * ```ts
   * await oauth.seedRefreshToken('A1SELLER', process.env.LWA_REFRESH_TOKEN!); // false when already stored
   * ```
   */
  async seedRefreshToken(
    connectionId: string,
    refreshToken: string,
    options: { refreshTokenExpiresAt?: number } = {},
  ): Promise<boolean> {
    const record: TokenRecord = {
      version: 1,
      status: 'active',
      grant: this.#grant,
      accessToken: '',
      tokenType: 'bearer',
      refreshToken,
      expiresAt: 0,
      refreshAt: 0,
      obtainedAt: this.#context.clock.now(),
    };
    if (options.refreshTokenExpiresAt !== undefined) record.refreshTokenExpiresAt = options.refreshTokenExpiresAt;
    this.#remember(record);
    return this.credentials.compareAndSet(this.ref(connectionId), undefined, record);
  }

  /**
   * A valid access token: the stored one while fresh, otherwise a refreshed one (one token
   * request per connection across all processes). Throws {@link AuthError}: `retryable` when
   * the platform is unavailable, not retryable when the user must authorise again.
   */
  async getAccessToken(connectionId = 'default', options: AccessTokenOptions = {}): Promise<string> {
    const ref = this.ref(connectionId);
    const current = await this.credentials.read(ref);
    this.#remember(current?.record);
    const now = this.#context.clock.now();
    if (current && isFresh(current.record, now, options.rejectedToken)) return current.record.accessToken;
    if (current?.record.status === 'reauth_required') {
      // The access token outlives the refresh token's failure until it expires.
      if (isUnexpired(current.record, now, options.rejectedToken)) return current.record.accessToken;
      throw reauthError(this.#internals, ref, current.record.reauthReason ?? 'reauth_required');
    }
    if (!current && this.#grant === 'authorization_code') throw reauthError(this.#internals, ref, 'not connected');
    const key = this.credentials.key(ref);
    let flight = this.#inflight.get(key);
    if (!flight) {
      flight = refreshUnderLock(this.#internals, ref, this.#grant, options.rejectedToken, options.signal).finally(() =>
        this.#inflight.delete(key),
      );
      this.#inflight.set(key, flight);
    }
    try {
      return (await flight).accessToken;
    } catch (error) {
      // An early refresh that failed transiently does not take away a token that still works.
      if (
        isMarketbridgeError(error) &&
        error.retryable &&
        current &&
        isUnexpired(current.record, this.#context.clock.now(), options.rejectedToken)
      ) {
        return current.record.accessToken;
      }
      throw error;
    }
  }

  /** Refreshes now, treating the current access token as rejected; resolves the new status. */
  async refresh(connectionId = 'default', signal?: AbortSignal): Promise<ConnectionStatus> {
    const current = await this.credentials.read(this.ref(connectionId));
    const options: AccessTokenOptions = signal ? { signal } : {};
    if (current) options.rejectedToken = current.record.accessToken;
    await this.getAccessToken(connectionId, options);
    return this.connectionStatus(connectionId);
  }

  /** The connection's state, without secrets. */
  async connectionStatus(connectionId = 'default'): Promise<ConnectionStatus> {
    const current = await this.credentials.read(this.ref(connectionId));
    if (!current) return { state: 'missing', hasRefreshToken: false, version: 0 };
    const { record } = current;
    const status: ConnectionStatus = {
      state:
        record.status === 'reauth_required'
          ? 'reauth_required'
          : isFresh(record, this.#context.clock.now())
            ? 'active'
            : 'expired',
      hasRefreshToken: record.refreshToken !== undefined,
      version: record.version,
    };
    if (record.reauthReason !== undefined) status.reason = record.reauthReason;
    if (record.expiresAt !== undefined) status.expiresAt = record.expiresAt;
    if (record.refreshTokenExpiresAt !== undefined) status.refreshTokenExpiresAt = record.refreshTokenExpiresAt;
    return status;
  }

  /** Forgets a connection's tokens. */
  disconnect(connectionId = 'default'): Promise<boolean> {
    return this.credentials.delete(this.ref(connectionId));
  }

  /**
   * An {@link AuthHook} for the request pipeline: attaches the token, refreshes once on 401
   * and reports the secrets to redact.
   */
  authHook(connectionId = 'default', options: OAuthAuthHookOptions = {}): AuthHook {
    const header = options.header ?? 'authorization';
    const scheme = options.scheme ?? 'Bearer';
    let lastIssued: string | undefined;
    return {
      authorize: async (request, hookContext) => {
        const token = await this.getAccessToken(connectionId, hookContext.signal ? { signal: hookContext.signal } : {});
        lastIssued = token;
        request.headers.set(header, scheme ? `${scheme} ${token}` : token);
      },
      onUnauthorized: async (_response, hookContext) => {
        try {
          const options: AccessTokenOptions = hookContext.signal ? { signal: hookContext.signal } : {};
          if (lastIssued !== undefined) options.rejectedToken = lastIssued;
          const fresh = await this.getAccessToken(connectionId, options);
          return fresh !== options.rejectedToken;
        } catch (error) {
          if (error instanceof AuthError) return false;
          throw error;
        }
      },
      secrets: () => this.secrets(),
    };
  }
}
