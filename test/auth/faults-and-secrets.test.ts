import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/core/events.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import type { Logger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createKeyring, OAuthClient, type OAuthClientConfig } from '../../src/auth/index.js';
import { startTokenServer, type Fault, type TokenServer } from './token-server.js';

const CANARY_SECRET = 'canary-client.secret/Zq-9';
let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer({ secretPrefix: 'canary-' });
});
afterAll(() => server.close());

const observed: string[] = [];
const logger: Logger = {
  debug: (m, f) => observed.push(`${m} ${JSON.stringify(f)}`),
  info: (m, f) => observed.push(`${m} ${JSON.stringify(f)}`),
  warn: (m, f) => observed.push(`${m} ${JSON.stringify(f)}`),
  error: (m, f) => observed.push(`${m} ${JSON.stringify(f)}`),
};

function recordError(error: unknown) {
  observed.push(String(error));
  if (isMarketbridgeError(error)) observed.push(JSON.stringify(error.toJSON()), JSON.stringify(error));
  for (let cause: unknown = error, depth = 0; cause && depth < 10; depth++) {
    observed.push(String((cause as Error).message ?? cause));
    cause = (cause as { cause?: unknown }).cause;
  }
}

function setup(rotation: 'rotating' | 'reusable' = 'rotating', overrides: Partial<OAuthClientConfig> = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const events = new EventBus();
  events.on('tokenRefreshed', (e) => observed.push(JSON.stringify(e)));
  const keyring = createKeyring({ keys: [{ id: 'k1', key: new Uint8Array(32).fill(7) }] });
  const oauth = new OAuthClient(
    {
      platform: 'mercadolibre',
      clientId: 'app-1',
      clientSecret: CANARY_SECRET,
      tokenUrl: server.url,
      clientAuthentication: 'body',
      refreshTokenRotation: rotation,
      ...overrides,
    },
    { context: { clock, store, events, logger, tenantId: 'tenant-c' }, keyring },
  );
  return { clock, store, oauth };
}

async function seedExpired(oauth: OAuthClient, clock: FakeClock, id: string) {
  await oauth.importTokens(id, {
    accessToken: `canary-at.${id}.0/seed-x`,
    refreshToken: server.issueRefreshToken(id),
    expiresAt: clock.now() - 1,
  });
}

interface Expectation {
  fault: Fault;
  rotation: 'rotating' | 'reusable';
  first: 'token' | 'retryable' | 'reauth';
  state: 'active' | 'expired' | 'reauth_required';
}

const cases: Expectation[] = [
  // For a single-use refresh token, any 5xx after sending is an unknown outcome (isUnknownOutcome's rule).
  { fault: 'status_503', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'status_500', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'status_500_after_rotate', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'status_500', rotation: 'reusable', first: 'retryable', state: 'expired' },
  { fault: 'status_503', rotation: 'reusable', first: 'retryable', state: 'expired' },
  // A 429 is an answer that nothing was done.
  { fault: 'status_429', rotation: 'rotating', first: 'retryable', state: 'expired' },
  { fault: 'status_520', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'status_520', rotation: 'reusable', first: 'retryable', state: 'expired' },
  { fault: 'reset_after_rotate', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'malformed_body', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'missing_access_token', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  // A token that could not go into a header is no token.
  { fault: 'access_token_crlf', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
  { fault: 'missing_expires_in', rotation: 'rotating', first: 'token', state: 'active' },
  { fault: 'missing_refresh_token', rotation: 'rotating', first: 'token', state: 'active' },
  { fault: 'invalid_grant', rotation: 'rotating', first: 'reauth', state: 'reauth_required' },
];

describe('token endpoint faults leave no connection orphaned and never re-send a spent refresh token', () => {
  it.each(cases)('$fault ($rotation)', async ({ fault, rotation, first, state }) => {
    const { oauth, clock, store } = setup(rotation);
    const id = `${fault}-${rotation}`;
    await seedExpired(oauth, clock, id);
    server.faults.push(fault);
    const outcome = await oauth.getAccessToken(id).then(
      () => 'token' as const,
      (error: unknown) => {
        recordError(error);
        expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
        return (error as { retryable: boolean }).retryable ? ('retryable' as const) : ('reauth' as const);
      },
    );
    expect(outcome).toBe(first);
    expect((await oauth.connectionStatus(id)).state).toBe(state);
    expect(await store.list('lock:')).toEqual([]);
    const requestsBefore = server.refreshRequests.get(id);
    // Afterwards the connection either works again or says clearly that the user must re-authorise.
    const after = await oauth.getAccessToken(id).then(
      (token) => token,
      (error: unknown) => {
        recordError(error);
        return 'reauth';
      },
    );
    if (state === 'reauth_required') {
      expect(after).toBe('reauth');
      expect(server.refreshRequests.get(id)).toBe(requestsBefore);
    } else {
      expect(after).toMatch(/^canary-at\./);
    }
    expect(server.reusedRefreshTokens).toEqual([]);
  });

  it('a token request that times out after the server rotated marks the connection, and the timeout uses the injected clock', async () => {
    const { oauth, clock } = setup('rotating', { requestTimeoutMs: 5_000 });
    await seedExpired(oauth, clock, 'hang');
    server.faults.push('hang_after_rotate');
    const error = await clock.drive(() =>
      oauth.getAccessToken('hang').then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    recordError(error);
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
    expect(await oauth.connectionStatus('hang')).toMatchObject({
      state: 'reauth_required',
      reason: 'refresh_outcome_unknown',
      hasRefreshToken: false,
    });
  });

  it('a connection without expires_in keeps its token until the platform answers 401, then refreshes once', async () => {
    const { oauth, clock } = setup();
    await seedExpired(oauth, clock, 'noexp');
    server.faults.push('missing_expires_in');
    const token = await oauth.getAccessToken('noexp');
    await clock.advance(24 * 3600_000);
    expect(await oauth.getAccessToken('noexp')).toBe(token);
    const hook = oauth.authHook('noexp');
    await hook.authorize(new Request('https://api.test/'), { attempt: 1, platform: 'mercadolibre', operation: 'x' });
    expect(
      await hook.onUnauthorized!(new Response(null, { status: 401 }), {
        attempt: 1,
        platform: 'mercadolibre',
        operation: 'x',
      }),
    ).toBe(true);
    expect(server.refreshRequests.get('noexp')).toBe(2);
  });

  it('a rotating platform that sends no new refresh token: usable until expiry, then re-authorisation without a request', async () => {
    const { oauth, clock } = setup();
    await seedExpired(oauth, clock, 'nort');
    server.faults.push('missing_refresh_token');
    await oauth.getAccessToken('nort');
    await clock.advance(3600_000);
    await expect(oauth.getAccessToken('nort')).rejects.toThrow(/authorise again/);
    expect(server.refreshRequests.get('nort')).toBe(1);
    expect((await oauth.connectionStatus('nort')).reason).toBe('no_refresh_token');
  });

  it('invalid_grant after another process refreshed: the store is re-read and its token used', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const context = { clock, store, tenantId: 'tenant-c' };
    const other = new OAuthClient({ platform: 'mercadolibre', clientId: 'a', tokenUrl: server.url }, { context });
    const oauth = new OAuthClient(
      { platform: 'mercadolibre', clientId: 'a', tokenUrl: 'http://127.0.0.1:9/token' },
      {
        context: {
          ...context,
          fetch: async () => {
            await other.importTokens('raced', {
              accessToken: 'canary-at.raced/newer',
              refreshToken: 'canary-rt.raced/newer',
              expiresAt: clock.now() + 3600_000,
            });
            return Response.json({ error: 'invalid_grant' }, { status: 400 });
          },
        },
      },
    );
    await oauth.importTokens('raced', {
      accessToken: 'canary-at.raced/old',
      refreshToken: 'canary-rt.raced/old',
      expiresAt: clock.now() - 1,
    });
    expect(await oauth.getAccessToken('raced')).toBe('canary-at.raced/newer');
    expect((await oauth.connectionStatus('raced')).state).toBe('active');
  });

  it('no canary (client secret, access or refresh token) appears in any error, toJSON, cause, log line or event', () => {
    const canaries = [CANARY_SECRET, ...server.minted];
    expect(canaries.some((c) => c.includes('-') && c.includes('.') && c.includes('/'))).toBe(true);
    expect(observed.length).toBeGreaterThan(20);
    // Every secret in this suite starts with "canary-": no fragment of one may show up.
    const leaks = observed.filter(
      (line) => line.includes('canary-') || canaries.some((canary) => line.includes(encodeURIComponent(canary))),
    );
    expect(leaks).toEqual([]);
  });

  it('tokens are encrypted at rest: the store holds no canary in plain text', async () => {
    const { oauth, clock, store } = setup();
    await seedExpired(oauth, clock, 'at-rest');
    const token = await oauth.getAccessToken('at-rest');
    const dump = JSON.stringify(await Promise.all((await store.list('')).map((k) => store.get(k))));
    expect(dump).not.toContain(token);
    expect(dump).toContain('mb1.k1.');
  });
});
