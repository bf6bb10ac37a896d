import type { Clock } from '../../../core/clock.js';
import { fromBase64, fromUtf8 } from '../../../core/bytes.js';

/** bol.com's login service as the simulator runs it: client-credentials tokens that expire. */
export class SimulatedLogin {
  /** Tokens issued (the stats' `tokens`). */
  issued = 0;
  readonly #tokens = new Map<string, { clientId: string; issuedAt: number }>();
  #expiredBefore = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly credentials: { clientId: string; clientSecret: string } | undefined,
    private readonly lifetimeSeconds: number,
  ) {}

  /** Answers `POST /token`: HTTP Basic client credentials, `grant_type=client_credentials` in the query or the form. */
  async token(request: Request, url: URL): Promise<Response> {
    this.issued++;
    const header = request.headers.get('authorization') ?? '';
    const decoded = header.startsWith('Basic ') ? fromBase64(header.slice(6).trim()) : undefined;
    const pair = decoded ? fromUtf8(decoded) : '';
    const at = pair.indexOf(':');
    const clientId = at > 0 ? decodeURIComponent(pair.slice(0, at)) : '';
    const secret = at > 0 ? decodeURIComponent(pair.slice(at + 1)) : '';
    const form = new URLSearchParams(request.method === 'POST' ? await request.text() : '');
    const grant = url.searchParams.get('grant_type') ?? form.get('grant_type');
    const expected = this.credentials;
    const known =
      clientId !== '' &&
      secret !== '' &&
      (!expected || (expected.clientId === clientId && expected.clientSecret === secret));
    const answer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (!known) return answer(401, { error: 'invalid_client', error_description: 'Bad client credentials' });
    if (grant !== 'client_credentials') return answer(400, { error: 'unsupported_grant_type' });
    const token = `sim-token-${this.issued}-${clientId.length}`;
    this.#tokens.set(token, { clientId, issuedAt: this.clock.now() });
    return answer(200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      scope: 'RETAILER',
    });
  }

  /** The client a request's bearer token belongs to, or `undefined` when it is missing, unknown or expired. */
  clientOf(request: Request): string | undefined {
    const header = request.headers.get('authorization') ?? '';
    if (!header.startsWith('Bearer ')) return undefined;
    const token = this.#tokens.get(header.slice(7));
    if (!token) return undefined;
    const now = this.clock.now();
    if (now >= token.issuedAt + this.lifetimeSeconds * 1000 || token.issuedAt < this.#expiredBefore) return undefined;
    return token.clientId;
  }

  /** Makes every token issued so far invalid. */
  expireAll(): void {
    this.#expiredBefore = this.clock.now() + 1;
  }
}
