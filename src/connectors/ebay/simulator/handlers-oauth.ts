import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import { fromBase64, fromUtf8 } from '../../../core/bytes.js';
import { EBAY_SCOPES } from '../scopes.js';
import type { EbaySimRuntime } from './runtime.js';

/**
 * How the simulated token endpoint authenticates and answers.
 *
 * @example
 * ```ts
 * const options: EbaySimOAuthOptions = { clientId: 'app', clientSecret: 'cert', ruName: 'Acme-Acme-SBX-1', userTokenSeconds: 7200 };
 * ```
 *
 * @category Simulator
 */
export interface EbaySimOAuthOptions {
  /** The App ID it accepts (default: any). */
  clientId?: string;
  /** The Cert ID it accepts (default: any). */
  clientSecret?: string;
  /** The RuName the code exchange must name (default: any). */
  ruName?: string;
  /** Lifetime of access tokens (default 7,200 s, eBay's two hours). */
  userTokenSeconds?: number;
  /** Lifetime of refresh tokens (default 47,304,000 s, eBay's 18 months). */
  refreshTokenSeconds?: number;
}

const oauthError = (status: number, error: string, description: string) =>
  HttpResponse.json({ error, error_description: description }, { status });

/**
 * eBay's token endpoint (`/identity/v1/oauth2/token`): HTTP Basic client authentication,
 * `client_credentials` (application token for `api_scope`), `authorization_code` (the code is
 * single use, `redirect_uri` is the RuName; issues an 18-month refresh token) and
 * `refresh_token` (needs `scope`, a subset of the consented scopes; the refresh token stays the
 * same). Refusals are OAuth error bodies (`invalid_client`, `invalid_grant`, `invalid_scope`).
 *
 * @example
 * ```ts
 * const handlers = [oauthHandler(runtime, { clientId: 'app', clientSecret: 'cert' })];
 * ```
 */
export function oauthHandler(rt: EbaySimRuntime, options: EbaySimOAuthOptions): HttpHandler {
  const accessSeconds = options.userTokenSeconds ?? 7200;
  const refreshSeconds = options.refreshTokenSeconds ?? 47_304_000;
  const mint = (kind: 'user' | 'application', scopes: string[]) => {
    const token = `v^1.1#i^1#sim-${kind}-${rt.nextId()}`;
    rt.state.accessTokens.set(token, { kind, scopes, expiresAt: rt.clock.now() + accessSeconds * 1000 });
    return token;
  };
  return http.post(`${rt.base}/identity/v1/oauth2/token`, async ({ request }) => {
    const basic = /^Basic (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const pair = basic ? fromBase64(basic) : undefined;
    const [id, secret] = pair
      ? fromUtf8(pair)
          .split(':')
          .map((part) => decodeURIComponent(part))
      : [];
    if (
      !id ||
      !secret ||
      (options.clientId !== undefined && id !== options.clientId) ||
      (options.clientSecret !== undefined && secret !== options.clientSecret)
    ) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    const form = new URLSearchParams(await request.text());
    const grant = form.get('grant_type');
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (grant === 'client_credentials') {
      rt.gate.countToken('clientCredentials');
      if (!scopes.includes(EBAY_SCOPES.public))
        return oauthError(
          400,
          'invalid_scope',
          'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
        );
      return HttpResponse.json({
        access_token: mint('application', scopes),
        expires_in: accessSeconds,
        token_type: 'Application Access Token',
      });
    }
    if (grant === 'authorization_code') {
      rt.gate.countToken('authorizationCode');
      const code = form.get('code') ?? '';
      const consented = rt.state.codes.get(code);
      rt.state.codes.delete(code);
      if (!consented)
        return oauthError(
          400,
          'invalid_grant',
          'the provided authorization grant code is invalid or was issued to another client',
        );
      if (options.ruName !== undefined && form.get('redirect_uri') !== options.ruName)
        return oauthError(400, 'invalid_request', 'redirect_uri does not match the RuName of the consent');
      const refreshToken = `v^1.1#i^1#sim-refresh-${rt.nextId()}`;
      rt.state.refreshTokens.set(refreshToken, {
        scopes: consented.scopes,
        expiresAt: rt.clock.now() + refreshSeconds * 1000,
      });
      return HttpResponse.json({
        access_token: mint('user', consented.scopes),
        expires_in: accessSeconds,
        refresh_token: refreshToken,
        refresh_token_expires_in: refreshSeconds,
        token_type: 'User Access Token',
      });
    }
    if (grant === 'refresh_token') {
      rt.gate.countToken('refreshToken');
      const stored = rt.state.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!stored || stored.expiresAt <= rt.clock.now())
        return oauthError(
          400,
          'invalid_grant',
          'the provided authorization refresh token is invalid or was issued to another client',
        );
      if (scopes.length === 0)
        return oauthError(400, 'invalid_request', 'request is missing a required parameter : scope');
      if (!scopes.every((scope) => stored.scopes.includes(scope)))
        return oauthError(
          400,
          'invalid_scope',
          'The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner',
        );
      return HttpResponse.json({
        access_token: mint('user', scopes),
        expires_in: accessSeconds,
        token_type: 'User Access Token',
      });
    }
    return oauthError(
      400,
      'unsupported_grant_type',
      'grant type in request is not supported by the authorization server',
    );
  });
}
