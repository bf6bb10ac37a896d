import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import { acceptsSessionToken } from './session-token.js';

/**
 * The app credentials and token lifetimes of the simulated OAuth endpoint.
 *
 * @example
 * ```ts
 * const oauth: SimOAuthOptions = { clientId: 'app-id', clientSecret: 'app-secret', codes: ['code-1'], accessTokenTtlSeconds: 3600 };
 * ```
 *
 * @category Simulator
 */
export interface SimOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Authorization codes the endpoint accepts (each once). */
  codes?: string[];
  /** Lifetime of expiring access tokens (default 3600 s). */
  accessTokenTtlSeconds?: number;
}

/**
 * Tokens the simulated shop has issued, with their expiry (epoch ms; undefined: never).
 *
 * @category Simulator
 */
export type SimIssuedTokens = Map<string, number | undefined>;

/**
 * The msw handler of `POST https://{shop}/admin/oauth/access_token`: authorization code
 * grant, token exchange of a session token (verified as Shopify does: HS256 under the client
 * secret, `aud`, `dest` this shop, `exp`/`nbf`; build one with `signShopifySessionToken`), and
 * refresh of expiring offline tokens (the refresh token rotates; a used one is refused with
 * `invalid_grant`).
 *
 * @example
 * ```ts
 * const handler = oauthHandler('sim-shop.myshopify.com', { clientId, clientSecret, codes: ['c1'] }, clock, issued);
 * ```
 *
 * @category Simulator
 */
export function oauthHandler(
  shop: string,
  options: SimOAuthOptions | undefined,
  clock: Clock,
  issued: SimIssuedTokens = new Map(),
): HttpHandler {
  const codes = new Set(options?.codes ?? []);
  const refreshTokens = new Set<string>();
  let counter = 0;
  const issue = (
    expiring: boolean,
    scope = 'read_products,write_products,read_inventory,write_inventory,read_orders,write_orders',
  ) => {
    counter++;
    const accessToken = `shpat_sim_${counter}`;
    if (!expiring) {
      issued.set(accessToken, undefined);
      return { access_token: accessToken, scope };
    }
    const ttl = options?.accessTokenTtlSeconds ?? 3600;
    issued.set(accessToken, clock.now() + ttl * 1000);
    const refreshToken = `shprt_sim_${counter}`;
    refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      scope,
      expires_in: ttl,
      refresh_token: refreshToken,
      refresh_token_expires_in: 7_776_000,
    };
  };
  return http.post(`https://${shop}/admin/oauth/access_token`, async ({ request }) => {
    const type = request.headers.get('content-type') ?? '';
    const body: Record<string, string> = type.includes('json')
      ? ((await request.json()) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(await request.text()));
    if (!options || body.client_id !== options.clientId || body.client_secret !== options.clientSecret) {
      return HttpResponse.json(
        { error: 'invalid_client', error_description: 'Client credentials are invalid' },
        { status: 401 },
      );
    }
    const expiring = body.expiring === '1' || body.expiring === (true as unknown as string);
    if (body.grant_type === 'refresh_token') {
      if (!refreshTokens.delete(body.refresh_token ?? '')) {
        return HttpResponse.json(
          { error: 'invalid_grant', error_description: 'The refresh token is invalid or was already used' },
          { status: 400 },
        );
      }
      return HttpResponse.json(issue(true));
    }
    if (body.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      if (
        !(await acceptsSessionToken(body.subject_token ?? '', {
          shop,
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          now: clock.now(),
        }))
      ) {
        return HttpResponse.json(
          { error: 'invalid_subject_token', error_description: 'The session token is invalid' },
          { status: 400 },
        );
      }
      return HttpResponse.json(issue(expiring));
    }
    if (!body.code || !codes.delete(body.code)) {
      return HttpResponse.json(
        { error: 'invalid_request', error_description: 'The authorization code was not found or was already used' },
        { status: 400 },
      );
    }
    return HttpResponse.json(issue(expiring));
  });
}
