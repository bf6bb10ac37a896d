import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../core/errors/validation-error.js';
import { failure, type Failure } from '../core/result.js';
import type { OAuthInternals } from './oauth-context.js';
import { recordFromGrant } from './grant-record.js';
import { createPkcePair, randomState, STATE_PATTERN } from './pkce.js';
import { extraParamIssues, RESERVED_AUTHORIZE_PARAMS } from './reserved-params.js';
import { requestToken } from './token-endpoint.js';

/**
 * Options of `OAuthClient.createAuthorizationUrl`.
 *
 * @example
 * ```ts
 * const options: AuthorizationUrlOptions = { connectionId: 'seller-42', scopes: ['read_orders'] };
 * ```
 *
 * @category OAuth
 */
export interface AuthorizationUrlOptions {
  /** The connection the resulting tokens are stored under. */
  connectionId: string;
  /** Scopes for this request (default: the config's). */
  scopes?: readonly string[];
  /**
   * Extra query parameters. The ones marketbridge sets (`RESERVED_AUTHORIZE_PARAMS`: `state`,
   * `code_challenge`, `code_challenge_method`, `response_type`, `client_id`, `redirect_uri`)
   * are refused with a `ValidationError`; a `scope` here is sent only when no `scopes` apply.
   */
  extraParams?: Readonly<Record<string, string>>;
}

/**
 * An authorisation URL to send the user to, and its single-use `state`.
 *
 * @example
 * ```ts
 * const { url }: AuthorizationRequest = await oauth.createAuthorizationUrl({ connectionId: 'seller-42' });
 * return Response.redirect(url);
 * ```
 *
 * @category OAuth
 */
export interface AuthorizationRequest {
  /** Where to redirect the user. */
  url: string;
  /** The state value (also in the URL). */
  state: string;
  /** When the state stops being accepted (epoch ms). */
  expiresAt: number;
}

/**
 * Why an authorisation callback was refused.
 *
 * - `state_missing`: the callback has no `state`.
 * - `state_invalid`: unknown, expired, already used, tampered or for another tenant/platform.
 * - `authorization_denied`: the user or platform declined (`error` in the callback).
 * - `code_missing`: no `code` in the callback.
 * - `grant_rejected`: the platform refused the code (wrong PKCE verifier, reused or expired code).
 * - `token_endpoint_unavailable`: the token endpoint failed; start the authorisation again.
 *
 * @category OAuth
 */
export type AuthorizationFailureReason =
  | 'state_missing'
  | 'state_invalid'
  | 'authorization_denied'
  | 'code_missing'
  | 'grant_rejected'
  | 'token_endpoint_unavailable';

/**
 * The query parameters of the authorisation callback.
 *
 * @category OAuth
 */
export interface AuthorizationCallback {
  /** The `state` echoed by the platform. */
  state?: string | null;
  /** The authorisation code. */
  code?: string | null;
  /** The error, when the user declined. */
  error?: string | null;
}

/**
 * A completed authorisation.
 *
 * @category OAuth
 */
export interface AuthorizationComplete {
  /** The connection the tokens were stored under. */
  connectionId: string;
  /** Access token expiry (epoch ms), when the platform said. */
  expiresAt?: number;
  /** Granted scopes, when the platform said. */
  scope?: string;
  /** Whether a refresh token was issued. */
  hasRefreshToken: boolean;
  /** When the refresh token stops working (epoch ms), when the platform said (eBay: 18 months). */
  refreshTokenExpiresAt?: number;
}

interface PendingState {
  connectionId: string;
  /** Absent when the platform does not take PKCE. */
  verifier?: string;
  redirectUri: string;
}

function stateKey(internals: OAuthInternals, state: string): string {
  const { tenantId } = internals.context;
  return `oauth-state:${encodeURIComponent(tenantId)}:${encodeURIComponent(internals.config.platform)}:${state}`;
}

/**
 * Builds the authorisation URL and keeps the state and PKCE verifier in the store.
 *
 * @example
 * ```ts
 * const { url } = await startAuthorization(internals, { connectionId: 'seller-1' });
 * ```
 */
export async function startAuthorization(
  internals: OAuthInternals,
  options: AuthorizationUrlOptions,
): Promise<AuthorizationRequest> {
  const { config, context } = internals;
  const issues = [];
  if (!config.authorizeUrl) issues.push({ path: ['authorizeUrl'], message: 'Set authorizeUrl in the OAuth config.' });
  if (!config.redirectUri) issues.push({ path: ['redirectUri'], message: 'Set redirectUri in the OAuth config.' });
  if (typeof options?.connectionId !== 'string' || options.connectionId === '')
    issues.push({ path: ['connectionId'], message: 'Name the connection.' });
  issues.push(...extraParamIssues(options?.extraParams, RESERVED_AUTHORIZE_PARAMS, ['extraParams']));
  if (issues.length > 0) throw new ValidationError('authorisation request', issues);
  const state = randomState();
  const pkce = config.pkce ? await createPkcePair() : undefined;
  const pending: PendingState = { connectionId: options.connectionId, redirectUri: config.redirectUri as string };
  if (pkce) pending.verifier = pkce.verifier;
  await context.store.set(stateKey(internals, state), pending, { ttlMs: config.stateTtlMs });
  const url = new URL(config.authorizeUrl as string);
  const scopes = options.scopes ?? config.scopes;
  // Extra parameters first: the reserved ones (refused above) could not win even if present.
  const params: Record<string, string> = {
    ...config.extraAuthorizeParams,
    ...options.extraParams,
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri as string,
    state,
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: 'S256' } : {}),
  };
  if (scopes.length > 0) params.scope = scopes.join(' ');
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url: url.toString(), state, expiresAt: context.clock.now() + config.stateTtlMs };
}

/**
 * Consumes the state (single use), exchanges the code with the PKCE verifier and stores the tokens.
 *
 * @example
 * ```ts
 * const result = await finishAuthorization(internals, { state, code });
 * ```
 */
export async function finishAuthorization(
  internals: OAuthInternals,
  callback: AuthorizationCallback,
  signal?: AbortSignal,
): Promise<Result<AuthorizationComplete, Failure<AuthorizationFailureReason>>> {
  const { config, context, credentials } = internals;
  const state = callback?.state;
  if (!state) return err(failure('state_missing', 'The callback has no state; start the authorisation again.'));
  if (!STATE_PATTERN.test(state)) return err(failure('state_invalid', 'The state is not one this application issued.'));
  const key = stateKey(internals, state);
  const pending = await context.store.get<PendingState>(key);
  // Deleting with compare-and-set makes the state single-use even under concurrent callbacks.
  if (!pending || !(await context.store.compareAndSet(key, pending, undefined))) {
    return err(
      failure('state_invalid', 'The state is unknown, expired or already used; start the authorisation again.'),
    );
  }
  if (callback.error)
    return err(
      failure('authorization_denied', 'The authorisation was declined.', {
        error: String(callback.error).slice(0, 64),
      }),
    );
  if (!callback.code) return err(failure('code_missing', 'The callback has no code.'));
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: callback.code,
    redirect_uri: pending.redirectUri,
  };
  if (pending.verifier !== undefined) params.code_verifier = pending.verifier;
  const result = await requestToken(config, context.fetch, context.clock, params, signal);
  if (result.kind === 'invalid_grant' || result.kind === 'rejected') {
    return err(
      failure(
        'grant_rejected',
        'The platform refused the authorisation code (expired, reused, or the PKCE verifier does not match).',
      ),
    );
  }
  if (result.kind === 'unavailable')
    return err(
      failure(
        'token_endpoint_unavailable',
        `The token endpoint failed (${result.detail}); start the authorisation again.`,
      ),
    );
  const ref = internals.ref(pending.connectionId);
  const previous = await credentials.read(ref).catch(() => undefined);
  const record = recordFromGrant(internals, result.grant, previous?.record, 'authorization_code');
  internals.remember(record);
  if (!(await credentials.compareAndSet(ref, previous?.stored, record))) await credentials.write(ref, record);
  const done: AuthorizationComplete = {
    connectionId: pending.connectionId,
    hasRefreshToken: record.refreshToken !== undefined,
  };
  if (record.expiresAt !== undefined) done.expiresAt = record.expiresAt;
  if (record.refreshTokenExpiresAt !== undefined) done.refreshTokenExpiresAt = record.refreshTokenExpiresAt;
  if (record.scope !== undefined) done.scope = record.scope;
  return ok(done);
}
