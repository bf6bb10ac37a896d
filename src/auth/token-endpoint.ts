import type { Clock } from '../core/clock.js';
import { toBase64, utf8 } from '../core/bytes.js';
import { isUnknownOutcomeStatus } from '../http/outcome.js';
import type { ResolvedOAuthConfig } from './config.js';
import { tokenLifetimeSeconds } from './token-lifetime.js';

/**
 * A successful token response, normalised.
 */
export interface TokenGrant {
  accessToken: string;
  tokenType: string;
  expiresInSeconds?: number;
  refreshToken?: string;
  /** The refresh token's own lifetime (`refresh_token_expires_in`), when the platform sends it. */
  refreshTokenExpiresInSeconds?: number;
  scope?: string;
}

/**
 * The outcome of one token request. `consumed` says whether the grant (a single-use refresh
 * token or code) may have been used up by the server even though no tokens came back: `maybe`
 * after a timeout, a connection lost after sending, or a status for which
 * `isUnknownOutcomeStatus` holds (408, 425, any 5xx), the same rule as `isUnknownOutcome`;
 * `no` when the connection was never made or the answer was 429; `yes` for a 2xx without a
 * usable access token.
 */
export type TokenEndpointResult =
  | { kind: 'ok'; grant: TokenGrant }
  | { kind: 'invalid_grant'; status: number }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'unavailable'; consumed: 'no' | 'maybe' | 'yes'; detail: string; cause?: unknown };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(body: unknown): string {
  const code = (body as { error?: unknown } | null)?.error;
  return typeof code === 'string' && /^[a-z_]{1,64}$/i.test(code) ? code : 'unknown_error';
}

/**
 * Sends one token request with a timeout on the injected clock. Never retries.
 *
 * @example
 * ```ts
 * const result = await requestToken(config, context.fetch, context.clock, { grant_type: 'client_credentials' });
 * ```
 */
export async function requestToken(
  config: ResolvedOAuthConfig,
  fetchFn: typeof globalThis.fetch,
  clock: Clock,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<TokenEndpointResult> {
  const body = new URLSearchParams({ ...config.extraTokenParams, ...params });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (config.clientAuthentication === 'basic' && config.clientSecret !== undefined) {
    const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
    headers.authorization = `Basic ${toBase64(utf8(pair))}`;
  } else {
    body.set('client_id', config.clientId);
    if (config.clientSecret !== undefined) body.set('client_secret', config.clientSecret);
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = new AbortController();
  // 0 means no timeout: no sleeper on the clock, which a test clock would otherwise fire at once.
  const timeout =
    config.requestTimeoutMs === 0
      ? new Promise<'cancelled'>((resolve) =>
          timer.signal.addEventListener('abort', () => resolve('cancelled'), { once: true }),
        )
      : clock.sleep(config.requestTimeoutMs, timer.signal).then(
          () => 'timeout' as const,
          () => 'cancelled' as const,
        );
  try {
    const sent = fetchFn(config.tokenUrl, {
      method: 'POST',
      headers,
      body: body.toString(),
      signal: controller.signal,
    }).then(async (response) => {
      const text = await response.text();
      return { response, text };
    });
    sent.catch(() => {});
    const raced = await Promise.race([sent, timeout]);
    if (raced === 'timeout' || raced === 'cancelled') {
      controller.abort();
      return { kind: 'unavailable', consumed: 'maybe', detail: `no answer within ${config.requestTimeoutMs} ms` };
    }
    const { response, text } = raced;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) {
      const grant = parsed as Record<string, unknown> | undefined;
      const accessToken = grant?.access_token;
      // A token with whitespace or control characters could not go into a header (and is not a token).
      if (typeof accessToken !== 'string' || !/^[\x21-\x7e]+$/.test(accessToken)) {
        return {
          kind: 'unavailable',
          consumed: 'yes',
          detail: `HTTP ${response.status} without a usable access_token`,
        };
      }
      const out: TokenGrant = {
        accessToken,
        tokenType: typeof grant?.token_type === 'string' ? grant.token_type : 'bearer',
      };
      const expiresIn = tokenLifetimeSeconds(grant?.expires_in);
      if (expiresIn !== undefined) out.expiresInSeconds = expiresIn;
      if (typeof grant?.refresh_token === 'string' && grant.refresh_token !== '')
        out.refreshToken = grant.refresh_token;
      const refreshExpiresIn =
        typeof grant?.refresh_token_expires_in === 'string'
          ? Number(grant.refresh_token_expires_in)
          : grant?.refresh_token_expires_in;
      // Ten years at most: a lifetime beyond that is not one a platform means.
      if (
        out.refreshToken !== undefined &&
        typeof refreshExpiresIn === 'number' &&
        Number.isFinite(refreshExpiresIn) &&
        refreshExpiresIn > 0
      )
        out.refreshTokenExpiresInSeconds = Math.min(refreshExpiresIn, 10 * 365 * 86_400);
      if (typeof grant?.scope === 'string') out.scope = grant.scope;
      return { kind: 'ok', grant: out };
    }
    const code = errorCode(parsed);
    if ((response.status === 400 || response.status === 401) && code === 'invalid_grant')
      return { kind: 'invalid_grant', status: response.status };
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 429 &&
      !isUnknownOutcomeStatus(response.status)
    ) {
      return { kind: 'rejected', status: response.status, error: code };
    }
    // A 5xx (or 408, 425) may come after the server acted: a single-use refresh token may be spent.
    const consumed = isUnknownOutcomeStatus(response.status) ? 'maybe' : 'no';
    return { kind: 'unavailable', consumed, detail: `HTTP ${response.status}` };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // A connection that was never made cannot have consumed anything.
    const code = String((error as { cause?: { code?: unknown } })?.cause?.code ?? '');
    const consumed = NOT_SENT.has(code) ? 'no' : 'maybe';
    return {
      kind: 'unavailable',
      consumed,
      detail: consumed === 'no' ? `connection failed (${code})` : 'the request failed in transit',
      cause: error,
    };
  } finally {
    timer.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}
