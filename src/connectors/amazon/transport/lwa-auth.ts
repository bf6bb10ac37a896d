import type { AuthHook, AuthHookContext } from '../../../core/auth-hook.js';
import type { Clock } from '../../../core/clock.js';
import { AuthError } from '../../../core/errors/auth-error.js';
import { LWA_TOKEN_URL } from '../endpoints.js';
import { NOTIFICATIONS_SCOPE } from '../requests/notifications.js';

/**
 * Login with Amazon credentials of an SP-API application and, for seller operations, the
 * seller's refresh token.
 *
 * @example
 * ```ts
 * const credentials: LwaCredentials = { clientId: 'amzn1.application-oa2-client.x', clientSecret: 's', refreshToken: 'Atzr|x' };
 * ```
 */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  /** The seller's refresh token; omit for an application that only calls grantless operations. */
  refreshToken?: string;
  /** Token endpoint override (a proxy or a local simulator). */
  tokenUrl?: string;
}

/**
 * Operations authorised by a client-credentials (grantless) token, and their scope.
 *
 * @example
 * ```ts
 * GRANTLESS_OPERATIONS.createDestination; // 'sellingpartnerapi::notifications'
 * ```
 */
export const GRANTLESS_OPERATIONS: Readonly<Record<string, string>> = {
  createDestination: NOTIFICATIONS_SCOPE,
  getDestinations: NOTIFICATIONS_SCOPE,
  getDestination: NOTIFICATIONS_SCOPE,
  deleteDestination: NOTIFICATIONS_SCOPE,
  deleteSubscriptionById: NOTIFICATIONS_SCOPE,
  getSubscriptionById: NOTIFICATIONS_SCOPE,
};

/**
 * The auth stage for SP-API: Login with Amazon access tokens (refresh-token grant, or
 * client-credentials with a scope for grantless operations) sent as `x-amz-access-token`.
 *
 * @example
 * ```ts
 * const auth: LwaAuth = createLwaAuth(credentials, { fetch, clock });
 * const token = await auth.accessToken();
 * ```
 */
export interface LwaAuth extends AuthHook {
  /** A valid access token: the seller's, or a grantless one for `scope`. Concurrent callers share one refresh. */
  accessToken(scope?: string, signal?: AbortSignal): Promise<string>;
  /** Forgets cached tokens so that the next call fetches new ones. */
  invalidate(scope?: string): void;
}

interface Cached {
  token: string;
  expiresAt: number;
}

// Refresh a minute early so that a token never expires in flight.
const EARLY_MS = 60_000;

/**
 * Creates the Login with Amazon auth hook. Tokens are cached per scope until a minute before
 * they expire, and concurrent requests share one refresh (single flight). A request that
 * already carries `x-amz-access-token` (a Restricted Data Token) is left alone.
 *
 * @example
 * ```ts
 * const auth = createLwaAuth({ clientId, clientSecret, refreshToken }, { fetch: context.fetch, clock: context.clock });
 * ```
 */
export function createLwaAuth(credentials: LwaCredentials, deps: { fetch: typeof globalThis.fetch; clock: Clock }): LwaAuth {
  const cache = new Map<string, Cached>();
  const inflight = new Map<string, Promise<string>>();
  const tokenUrl = credentials.tokenUrl ?? LWA_TOKEN_URL;

  async function fetchToken(scope: string | undefined, signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret });
    if (scope) {
      form.set('grant_type', 'client_credentials');
      form.set('scope', scope);
    } else {
      if (!credentials.refreshToken) {
        throw new AuthError('This operation needs a seller refresh token; pass credentials.refreshToken.', { platform: 'amazon', operation: 'lwaToken' });
      }
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', credentials.refreshToken);
    }
    const started = deps.clock.now();
    const response = await deps.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: form.toString(),
      ...(signal ? { signal } : {}),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) {
      throw new AuthError(
        `Login with Amazon refused the ${scope ? 'client-credentials' : 'refresh-token'} grant (${response.status} ${body.error ?? ''}). Check the client id, secret and refresh token.`,
        { platform: 'amazon', operation: 'lwaToken', status: response.status },
      );
    }
    cache.set(scope ?? '', { token: body.access_token, expiresAt: started + (body.expires_in ?? 3600) * 1000 });
    return body.access_token;
  }

  const auth: LwaAuth = {
    async accessToken(scope, signal) {
      const key = scope ?? '';
      const cached = cache.get(key);
      if (cached && cached.expiresAt - EARLY_MS > deps.clock.now()) return cached.token;
      const running = inflight.get(key);
      if (running) return running;
      const promise = fetchToken(scope, signal).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
    invalidate(scope) {
      if (scope === undefined) cache.clear();
      else cache.delete(scope);
    },
    async authorize(request: Request, context: AuthHookContext) {
      if (request.headers.has('x-amz-access-token')) return;
      request.headers.set('x-amz-access-token', await auth.accessToken(GRANTLESS_OPERATIONS[context.operation], context.signal));
    },
    async onUnauthorized(_response: Response, context: AuthHookContext) {
      // The transport has read the body already; Amazon answers 403 "Unauthorized" both for an
      // expired token and for missing roles, so refresh once and let a second refusal stand.
      auth.invalidate(GRANTLESS_OPERATIONS[context.operation] ?? '');
      return true;
    },
    secrets() {
      return [credentials.clientSecret, ...(credentials.refreshToken ? [credentials.refreshToken] : []), ...[...cache.values()].map((entry) => entry.token)];
    },
  };
  return auth;
}
