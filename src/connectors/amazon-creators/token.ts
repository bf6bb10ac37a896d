import type { AuthHook } from '../../core/auth-hook.js';
import type { Clock } from '../../core/clock.js';
import { AuthError } from '../../core/errors/auth-error.js';
import { CREATORS_TOKEN_URLS, creatorsScope, type CreatorsConfig } from './config.js';

/**
 * The Creators API auth stage: an OAuth 2.0 client-credentials token, cached until a minute
 * before it expires and shared by concurrent requests, sent as a bearer token.
 *
 * @category Authorization
 */
export interface CreatorsAuth extends AuthHook {
  /** A valid access token. */
  accessToken(signal?: AbortSignal): Promise<string>;
}

/**
 * The `Authorization` header of a Creators API call, as Amazon's Creators API SDK writes it:
 * `Bearer <token>` for 3.x (Login with Amazon) credentials, `Bearer <token>, Version <version>`
 * for 2.x (Cognito) credentials only.
 *
 * @example
 * ```ts
 * creatorsAuthorization('tok', '3.1'); // 'Bearer tok'
 * creatorsAuthorization('tok', '2.2'); // 'Bearer tok, Version 2.2'
 * ```
 *
 * @category Authorization
 */
export function creatorsAuthorization(token: string, credentialVersion: string): string {
  return credentialVersion.startsWith('3.') ? `Bearer ${token}` : `Bearer ${token}, Version ${credentialVersion}`;
}

/**
 * Creates the Creators API auth hook. As in Amazon's Creators API SDK, 3.x credentials post a
 * JSON `{ grant_type, client_id, client_secret, scope: 'creatorsapi::default' }` to Login with
 * Amazon; 2.x credentials post the same fields form-encoded with `scope=creatorsapi/default` to
 * their Cognito pool. A refused grant or an unreachable token endpoint is an `AuthError` that
 * names neither the secret nor a token.
 *
 * @example
 * ```ts
 * const auth = createCreatorsAuth(config, { fetch: context.fetch, clock: context.clock });
 * ```
 *
 * @category Authorization
 */
export function createCreatorsAuth(
  config: CreatorsConfig,
  deps: { fetch: typeof globalThis.fetch; clock: Clock },
): CreatorsAuth {
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  const lwa = config.credentialVersion.startsWith('3.');
  const url = config.tokenUrl ?? CREATORS_TOKEN_URLS[config.credentialVersion]!;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const started = deps.clock.now();
    const fields = {
      grant_type: 'client_credentials',
      client_id: config.credentialId,
      client_secret: config.credentialSecret,
      scope: creatorsScope(config.credentialVersion),
    };
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': lwa ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: lwa ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new AuthError(`The Creators API token endpoint ${new URL(url).host} could not be reached; try again.`, {
        platform: 'amazon-creators',
        operation: 'token',
        retryable: true,
      });
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string' || !body.access_token) {
      const reason = typeof body.error === 'string' ? ` ${body.error.slice(0, 100)}` : '';
      throw new AuthError(
        `The Creators API token endpoint refused the credentials (${response.status}${reason}). Check credential id, secret and version.`,
        { platform: 'amazon-creators', operation: 'token', status: response.status },
      );
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    cached = { token: body.access_token, expiresAt: started + expiresIn * 1000 };
    return body.access_token;
  }

  const auth: CreatorsAuth = {
    async accessToken(signal) {
      if (cached && cached.expiresAt - 60_000 > deps.clock.now()) return cached.token;
      inflight ??= fetchToken(signal).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    async authorize(request, context) {
      request.headers.set(
        'authorization',
        creatorsAuthorization(await auth.accessToken(context.signal), config.credentialVersion),
      );
    },
    onUnauthorized() {
      cached = undefined;
      return true;
    },
    secrets() {
      return [config.credentialSecret, ...(cached ? [cached.token] : [])];
    },
  };
  return auth;
}
