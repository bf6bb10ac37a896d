import type { AuthHook } from '../../core/auth-hook.js';
import type { Clock } from '../../core/clock.js';
import { AuthError } from '../../core/errors/auth-error.js';
import { CREATORS_TOKEN_URLS, type CreatorsConfig } from './config.js';

/**
 * The Creators API auth stage: an OAuth 2.0 client-credentials token, cached until a minute
 * before it expires and shared by concurrent requests, sent as a bearer token.
 *
 * @example
 * ```ts
 * const auth: CreatorsAuth = createCreatorsAuth(config, { fetch, clock });
 * ```
 */
export interface CreatorsAuth extends AuthHook {
  /** A valid access token. */
  accessToken(signal?: AbortSignal): Promise<string>;
}

/**
 * Creates the Creators API auth hook.
 *
 * Unconfirmed shapes (no official machine-readable contract): 3.x credentials are reported to
 * post JSON `{ grant_type, client_id, client_secret, scope: 'creatorsapi::default' }` to Login
 * with Amazon, 2.x credentials a form body with `scope=creatorsapi/default` to Cognito; the
 * `Authorization` header is reported as `Bearer <token>, Version <credentialVersion>`.
 *
 * @example
 * ```ts
 * const auth = createCreatorsAuth(config, { fetch: context.fetch, clock: context.clock });
 * ```
 */
export function createCreatorsAuth(config: CreatorsConfig, deps: { fetch: typeof globalThis.fetch; clock: Clock }): CreatorsAuth {
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  const lwa = config.credentialVersion.startsWith('3.');
  const url = config.tokenUrl ?? CREATORS_TOKEN_URLS[config.credentialVersion]!;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const started = deps.clock.now();
    const fields = { grant_type: 'client_credentials', client_id: config.credentialId, client_secret: config.credentialSecret, scope: lwa ? 'creatorsapi::default' : 'creatorsapi/default' };
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': lwa ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: lwa ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
      ...(signal ? { signal } : {}),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) {
      throw new AuthError(`The Creators API token endpoint refused the credentials (${response.status} ${body.error ?? ''}). Check credential id, secret and version.`, { platform: 'amazon-creators', operation: 'token', status: response.status });
    }
    cached = { token: body.access_token, expiresAt: started + (body.expires_in ?? 3600) * 1000 };
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
      request.headers.set('authorization', `Bearer ${await auth.accessToken(context.signal)}, Version ${config.credentialVersion}`);
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
