import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_TOKEN_LIFETIME_SECONDS,
  MIN_TOKEN_LIFETIME_SECONDS,
  OAuthClient,
  type OAuthClientConfig,
} from '../../src/auth/index.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { startTokenServer, type TokenServer } from './token-server.js';

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

function setup(overrides: Partial<OAuthClientConfig> = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const oauth = new OAuthClient(
    { platform: 'mercadolibre', clientId: 'app-1', tokenUrl: server.url, earlyRefreshMs: 60_000, ...overrides },
    { context: { clock, store, tenantId: 't-life' } },
  );
  return { clock, store, oauth };
}

/** Refreshes once with `expires_in` sent as this raw JSON, then reads what was stored. */
async function refreshWith(expiresInJson: string, overrides: Partial<OAuthClientConfig> = {}) {
  const { oauth, clock, store } = setup(overrides);
  const id = `life-${expiresInJson.replace(/\W/g, '_')}-${Object.keys(overrides).join('_')}`;
  await oauth.importTokens(id, {
    accessToken: 'at-seed',
    refreshToken: server.issueRefreshToken(id),
    expiresAt: clock.now() - 1,
  });
  server.expiresInJson = expiresInJson;
  try {
    await oauth.getAccessToken(id);
  } finally {
    server.expiresInJson = undefined;
  }
  // What a second process would read back from the store, through JSON.
  const raw = JSON.parse(JSON.stringify(await store.get(oauth.credentials.key(oauth.ref(id))))) as unknown;
  const record = (await oauth.credentials.read(oauth.ref(id)))!.record;
  return { oauth, clock, id, record, raw, start: clock.now() };
}

describe('expires_in is clamped to documented bounds', () => {
  it.each([
    ['1e306', MAX_TOKEN_LIFETIME_SECONDS],
    ['1e400', MAX_TOKEN_LIFETIME_SECONDS], // JSON.parse gives Infinity
    ['"1e306"', MAX_TOKEN_LIFETIME_SECONDS],
    ['0', MIN_TOKEN_LIFETIME_SECONDS],
    ['-3600', MIN_TOKEN_LIFETIME_SECONDS],
    ['-1e400', MIN_TOKEN_LIFETIME_SECONDS],
    ['"3600"', 3600],
    ['299.5', 299.5],
  ])('expires_in %s gives a lifetime of %d s, stored as a finite time', async (json, seconds) => {
    const { record, raw, start, oauth, id, clock } = await refreshWith(json);
    expect(record.expiresAt).toBe(start + Math.floor(seconds * 1000));
    expect(Number.isFinite(record.refreshAt)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('null');
    // Used again within its lifetime, the token is not refreshed on every call.
    const before = server.refreshRequests.get(id);
    await clock.advance(1_000);
    await oauth.getAccessToken(id);
    await oauth.getAccessToken(id);
    expect(server.refreshRequests.get(id)).toBe(before);
  });

  it.each(['"soon"', 'null', '{}', '[]', 'true', '""'])(
    'a non-numeric expires_in (%s) counts as omitted: no expiry, or defaultExpiresInSeconds',
    async (json) => {
      const plain = await refreshWith(json);
      expect(plain.record.expiresAt).toBeUndefined();
      expect((await plain.oauth.connectionStatus(plain.id)).state).toBe('active');
      const withDefault = await refreshWith(json, { defaultExpiresInSeconds: 1800 });
      expect(withDefault.record.expiresAt).toBe(withDefault.start + 1_800_000);
    },
  );

  it('importTokens refuses an expiry that JSON cannot store', async () => {
    const { oauth } = setup();
    for (const expiresAt of [Infinity, Number.NaN, -Infinity]) {
      const error = await oauth.importTokens('bad', { accessToken: 'at', expiresAt }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    }
    expect((await oauth.connectionStatus('bad')).state).toBe('missing');
  });
});
