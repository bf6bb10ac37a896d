import type { Keyring } from '../../auth/keyring.js';
import { OAuthClient } from '../../auth/oauth-client.js';
import type { AuthHook } from '../../core/auth-hook.js';
import type { Context } from '../../core/context.js';
import { BOL_TOKEN_URL } from './endpoints.js';

/**
 * The API credentials of a bol.com seller account.
 *
 * @category Authorization
 */
export interface BolCredentials {
  clientId: string;
  clientSecret: string;
  /** Token endpoint override (default {@link BOL_TOKEN_URL}). */
  tokenUrl?: string;
}

/**
 * The bol.com auth stage, with the {@link OAuthClient} that keeps the token.
 *
 * @example
 * ```ts
 * const auth: BolAuth = createBolAuth(credentials, context);
 * await auth.oauth.connectionStatus(auth.connectionId);
 * ```
 *
 * @category Authorization
 */
export interface BolAuth extends AuthHook {
  /** Keeps the client-credentials token in the context's store. */
  readonly oauth: OAuthClient;
  /** The store connection id of the token: one per client id. */
  readonly connectionId: string;
}

/**
 * Creates the auth stage of the bol.com connector. bol.com's login service hands out
 * client-credentials tokens that live about five minutes (`expires_in: 299`); the client id and
 * secret go in an HTTP Basic `Authorization` header. Tokens go through {@link OAuthClient}:
 * kept in the context's store (encrypted with `keyring`), refreshed a minute before they
 * expire, and obtained once per client id across every process that shares the store and
 * lock — bol.com blocks clients that ask for tokens too often. A 401 gets one fresh token and
 * one more attempt.
 *
 * @example
 * ```ts
 * const auth = createBolAuth({ clientId, clientSecret }, { store: redisStore, lock: redisLock });
 * const http = createHttpClient({ platform: 'bol', baseUrl: BOL_ENVIRONMENTS.production.retailer, context, auth });
 * ```
 *
 * @category Authorization
 */
export function createBolAuth(
  credentials: BolCredentials,
  context: Context = {},
  options: { keyring?: Keyring; requestTimeoutMs?: number } = {},
): BolAuth {
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const oauth = new OAuthClient(
    {
      platform: 'bol',
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      tokenUrl: credentials.tokenUrl ?? BOL_TOKEN_URL,
      clientAuthentication: 'basic',
      refreshTokenRotation: 'reusable',
      requestTimeoutMs,
      lockTtlMs: Math.max(30_000, requestTimeoutMs + 5_000),
    },
    { context, grant: 'client_credentials', ...(options.keyring ? { keyring: options.keyring } : {}) },
  );
  const connectionId = `client:${credentials.clientId}`;
  const hook = oauth.authHook(connectionId);
  return {
    oauth,
    connectionId,
    authorize: (request, hookContext) => hook.authorize(request, hookContext),
    onUnauthorized: (response, hookContext) => hook.onUnauthorized!(response, hookContext),
    secrets: () => [credentials.clientSecret, ...oauth.secrets()],
  };
}
