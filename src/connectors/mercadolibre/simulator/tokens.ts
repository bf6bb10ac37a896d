import type { Clock } from '../../../core/clock.js';
import { json, mlError } from './responses.js';

/**
 * A fault the token endpoint injects into the next refresh:
 * - `lost-answer`: the refresh token is rotated (the old one is spent), then the connection drops;
 * - `server-error`: a 500 before anything is rotated;
 * - `invalid-grant`: refused as if the refresh token had been revoked.
 *
 * @category Simulator
 */
export type SimTokenFault = 'lost-answer' | 'server-error' | 'invalid-grant';

/**
 * Counters of the token endpoint.
 *
 * @category Simulator
 */
export interface SimTokenStats {
  /** `grant_type=refresh_token` requests received. */
  refreshRequests: number;
  /** Refresh requests answered with new tokens. */
  refreshed: number;
  /** Refresh tokens presented again after they were spent (answered `invalid_grant`). */
  reusedRefreshTokens: number;
  /** Every `invalid_grant` answer. */
  invalidGrants: number;
}

/**
 * What the simulator knows about an access token it issued.
 *
 * @example
 * ```ts
 * const access = simulator.tokens.authenticate(request);
 * if (!(access instanceof Response)) console.log(access.userId, access.clientId);
 * ```
 *
 * @category Simulator
 */
export interface SimAccessToken {
  /** The seller the token acts for. */
  userId: number;
  /** The application it was issued to. */
  clientId: string;
  /** When it stops being accepted (epoch ms). */
  expiresAt: number;
}

/** Six hours, MercadoLibre's access-token lifetime. */
const ACCESS_TOKEN_SECONDS = 21_600;

/**
 * MercadoLibre's token endpoint and token checks, with state: refresh tokens are single-use
 * and rotate on every refresh (a spent one is refused with `invalid_grant`, so two concurrent
 * refreshes with one token really collide), access tokens live six hours on the injected
 * clock, authorisation codes are exchanged once.
 *
 * @example
 * ```ts
 * const refreshToken = simulator.tokens.grant(468424240);
 * ```
 *
 * @category Simulator
 */
export class SimTokens {
  readonly #clock: Clock;
  readonly #applications: Map<string, string>;
  readonly #live = new Map<string, { userId: number; clientId: string }>();
  readonly #spent = new Set<string>();
  readonly #access = new Map<string, SimAccessToken>();
  readonly #codes = new Map<string, { userId: number; clientId: string }>();
  readonly #stats: SimTokenStats = { refreshRequests: 0, refreshed: 0, reusedRefreshTokens: 0, invalidGrants: 0 };
  readonly #faults: SimTokenFault[] = [];
  #counter = 0;

  /**
   * @param clock - token lifetimes
   * @param applications - client id → client secret
   */
  constructor(clock: Clock, applications: Record<string, string>) {
    this.#clock = clock;
    this.#applications = new Map(Object.entries(applications));
  }

  #mint(prefix: string, userId: number): string {
    const stamp = new Date(this.#clock.now()).toISOString().replace(/\D/g, '').slice(4, 10);
    return `${prefix}-${String(++this.#counter).padStart(8, '0')}-${stamp}-${userId}`;
  }

  /** Issues a refresh token for a seller (as if they had authorised the application). */
  grant(userId: number, clientId = [...this.#applications.keys()][0]!): string {
    const token = this.#mint('TG', userId);
    this.#live.set(token, { userId, clientId });
    return token;
  }

  /** An authorisation code for a seller, exchanged once at the token endpoint. */
  code(userId: number, clientId = [...this.#applications.keys()][0]!): string {
    const code = this.#mint('TG-code', userId);
    this.#codes.set(code, { userId, clientId });
    return code;
  }

  /** Injects a fault into the next refresh request. */
  failNextRefresh(fault: SimTokenFault): void {
    this.#faults.push(fault);
  }

  /** Makes every access token issued so far expire now. */
  expireAccessTokens(): void {
    for (const record of this.#access.values()) record.expiresAt = this.#clock.now();
  }

  /** The seller and application of a valid `Authorization: Bearer` token, or the 401 to answer. */
  authenticate(request: Request): SimAccessToken | Response {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    const record = match ? this.#access.get(match[1]!) : undefined;
    if (!record || record.expiresAt <= this.#clock.now()) return mlError(401, 'not_found', 'invalid_token');
    return record;
  }

  /** A copy of the counters. */
  stats(): SimTokenStats {
    return { ...this.#stats };
  }

  /** Answers `POST /oauth/token` (form-encoded or JSON body). */
  async handle(request: Request): Promise<Response | 'reset'> {
    const text = await request.text();
    const params = (request.headers.get('content-type') ?? '').includes('json')
      ? new URLSearchParams(Object.entries(JSON.parse(text || '{}') as Record<string, string>))
      : new URLSearchParams(text);
    const clientId = params.get('client_id') ?? '';
    const secret = this.#applications.get(clientId);
    if (secret === undefined || params.get('client_secret') !== secret) {
      return json(
        { error_description: 'invalid client_id or client_secret', error: 'invalid_client', status: 400, cause: [] },
        400,
      );
    }
    const refused = (description: string) => {
      this.#stats.invalidGrants++;
      return json({ error_description: description, error: 'invalid_grant', status: 400, cause: [] }, 400);
    };
    const grantType = params.get('grant_type');
    if (grantType === 'authorization_code') {
      const entry = this.#codes.get(params.get('code') ?? '');
      this.#codes.delete(params.get('code') ?? '');
      if (!entry || entry.clientId !== clientId)
        return refused(
          'Error validating grant. Your authorization code or refresh token may be expired or it was already used',
        );
      return this.#issue(entry.userId, clientId);
    }
    if (grantType !== 'refresh_token')
      return json(
        {
          error_description: 'grant_type must be authorization_code or refresh_token',
          error: 'unsupported_grant_type',
          status: 400,
          cause: [],
        },
        400,
      );
    this.#stats.refreshRequests++;
    const token = params.get('refresh_token') ?? '';
    const fault = this.#faults.shift();
    if (fault === 'server-error') return mlError(500, 'internal_error', 'Internal server error');
    if (fault === 'invalid-grant') return refused('The refresh token was revoked.');
    if (this.#spent.has(token)) {
      this.#stats.reusedRefreshTokens++;
      return refused(
        'Error validating grant. Your authorization code or refresh token may be expired or it was already used',
      );
    }
    const entry = this.#live.get(token);
    if (!entry || entry.clientId !== clientId)
      return refused(
        'Error validating grant. Your authorization code or refresh token may be expired or it was already used',
      );
    this.#live.delete(token);
    this.#spent.add(token);
    const answer = this.#issue(entry.userId, clientId);
    this.#stats.refreshed++;
    return fault === 'lost-answer' ? 'reset' : answer;
  }

  #issue(userId: number, clientId: string): Response {
    const accessToken = this.#mint('APP_USR', userId);
    this.#access.set(accessToken, { userId, clientId, expiresAt: this.#clock.now() + ACCESS_TOKEN_SECONDS * 1000 });
    const refreshToken = this.grant(userId, clientId);
    return json({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: 'offline_access read write',
      user_id: userId,
      refresh_token: refreshToken,
    });
  }
}
