import type { Clock } from '../core/clock.js';
import { toBase64, utf8 } from '../webhooks/bytes.js';
import type { ResolvedOAuthConfig } from './config.js';

/**
 * A successful token response, normalised.
 *
 * @example
 * ```ts
 * const grant: TokenGrant = { accessToken: 'at', tokenType: 'bearer', expiresInSeconds: 3600 };
 * ```
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
 * token or code) may have been used up by the server even though no tokens came back.
 *
 * @example
 * ```ts
 * if (result.kind === 'invalid_grant') markReauth();
 * ```
 */
export type TokenEndpointResult =
  | { kind: 'ok'; grant: TokenGrant }
  | { kind: 'invalid_grant'; status: number }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'unavailable'; consumed: 'no' | 'maybe' | 'yes'; detail: string; cause?: unknown };

// Origin-side Cloudflare errors and gateway timeouts: the origin may have processed the request.
const MAYBE_PROCESSED = new Set([502, 504, 520, 521, 522, 523, 524, 525, 526, 527, 530]);

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
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
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
      ? new Promise<'cancelled'>((resolve) => timer.signal.addEventListener('abort', () => resolve('cancelled'), { once: true }))
      : clock.sleep(config.requestTimeoutMs, timer.signal).then(
          () => 'timeout' as const,
          () => 'cancelled' as const,
        );
  try {
    const sent = fetchFn(config.tokenUrl, { method: 'POST', headers, body: body.toString(), signal: controller.signal }).then(async (response) => {
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
      if (typeof accessToken !== 'string' || accessToken === '') {
        return { kind: 'unavailable', consumed: 'yes', detail: `HTTP ${response.status} without a usable access_token` };
      }
      const out: TokenGrant = { accessToken, tokenType: typeof grant?.token_type === 'string' ? grant.token_type : 'bearer' };
      const expiresIn = typeof grant?.expires_in === 'string' ? Number(grant.expires_in) : grant?.expires_in;
      if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) out.expiresInSeconds = expiresIn;
      if (typeof grant?.refresh_token === 'string' && grant.refresh_token !== '') out.refreshToken = grant.refresh_token;
      const refreshExpiresIn = typeof grant?.refresh_token_expires_in === 'string' ? Number(grant.refresh_token_expires_in) : grant?.refresh_token_expires_in;
      if (out.refreshToken !== undefined && typeof refreshExpiresIn === 'number' && Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0) out.refreshTokenExpiresInSeconds = refreshExpiresIn;
      if (typeof grant?.scope === 'string') out.scope = grant.scope;
      return { kind: 'ok', grant: out };
    }
    const code = errorCode(parsed);
    if ((response.status === 400 || response.status === 401) && code === 'invalid_grant') return { kind: 'invalid_grant', status: response.status };
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      return { kind: 'rejected', status: response.status, error: code };
    }
    const consumed = MAYBE_PROCESSED.has(response.status) || response.status === 408 ? 'maybe' : 'no';
    return { kind: 'unavailable', consumed, detail: `HTTP ${response.status}` };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // A connection that was never made cannot have consumed anything.
    const code = String((error as { cause?: { code?: unknown } })?.cause?.code ?? '');
    const consumed = NOT_SENT.has(code) ? 'no' : 'maybe';
    return { kind: 'unavailable', consumed, detail: consumed === 'no' ? `connection failed (${code})` : 'the request failed in transit', cause: error };
  } finally {
    timer.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}
