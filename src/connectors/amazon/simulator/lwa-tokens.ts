import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';

/**
 * What the simulator knows about an access token it issued: the grant that produced it, the
 * application (client id) and, for a seller token, the selling partner's refresh token.
 */
export interface IssuedLwaToken {
  serial: number;
  grant: 'refresh_token' | 'client_credentials';
  clientId: string;
  refreshToken?: string;
  scope?: string;
}

/**
 * Login with Amazon as the simulator plays it: issues access tokens for the refresh-token and
 * client-credentials grants, remembers who each belongs to (so usage plans can be kept per
 * selling partner and application, and grantless operations can refuse seller tokens), and
 * expires them on demand.
 */
export class LwaTokenIssuer {
  readonly #tokens = new Map<string, IssuedLwaToken>();
  #serial = 0;
  #expiredUpTo = 0;

  /** The token endpoint, as an msw handler. */
  handler(tokenUrl: string): HttpHandler {
    return http.post(tokenUrl, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const grant = form.get('grant_type');
      const clientId = form.get('client_id');
      const refreshToken = form.get('refresh_token');
      if (
        !clientId ||
        !form.get('client_secret') ||
        (grant === 'refresh_token' && !refreshToken) ||
        (grant !== 'refresh_token' && grant !== 'client_credentials')
      ) {
        return HttpResponse.json(
          { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter.' },
          { status: 400 },
        );
      }
      const serial = ++this.#serial;
      const token = `Atza|sim-${serial}`;
      this.#tokens.set(token, {
        serial,
        grant,
        clientId,
        ...(refreshToken ? { refreshToken } : {}),
        ...(form.get('scope') ? { scope: form.get('scope')! } : {}),
      });
      return HttpResponse.json({
        access_token: token,
        token_type: 'bearer',
        expires_in: 3600,
        ...(grant === 'refresh_token' ? { refresh_token: refreshToken } : {}),
      });
    });
  }

  /** The record of a token this issuer made, if it made it. */
  identify(token: string): IssuedLwaToken | undefined {
    return this.#tokens.get(token);
  }

  /** Records a token derived from another (a Restricted Data Token) under the same owner. */
  derive(token: string, from: string): void {
    const owner = this.#tokens.get(from);
    if (owner) this.#tokens.set(token, { ...owner });
  }

  /** True when the token was issued before the last {@link expireAll}. */
  expired(token: string): boolean {
    const issued = this.#tokens.get(token);
    return issued !== undefined && issued.serial <= this.#expiredUpTo;
  }

  /** Makes every token issued so far expire. */
  expireAll(): void {
    this.#expiredUpTo = this.#serial;
  }
}

/**
 * Whose usage plan a call spends: Amazon keeps the limits per selling partner and application
 * (grantless calls: per application) in each region. A token from elsewhere stands for itself.
 */
export function usagePlanOwner(issued: IssuedLwaToken | undefined, token: string): string {
  if (!issued) return `token:${token}`;
  return issued.grant === 'client_credentials'
    ? `app:${issued.clientId}`
    : `app:${issued.clientId}|partner:${issued.refreshToken ?? ''}`;
}
