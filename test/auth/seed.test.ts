import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClient } from '../../src/auth/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { startTokenServer, type TokenServer } from './token-server.js';

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

function client(store: MemoryStore, clock: FakeClock, requestTimeoutMs?: number) {
  return new OAuthClient(
    {
      platform: 'mercadolibre',
      clientId: 'client-1',
      clientSecret: 'client-secret-1',
      tokenUrl: server.url,
      ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    },
    { context: { clock, store, tenantId: 't1' } },
  );
}

describe('seedRefreshToken', () => {
  it('stores a refresh token once, as expired, and the first use refreshes with it', async () => {
    const clock = new FakeClock();
    const oauth = client(new MemoryStore({ clock }), clock);
    const refreshToken = server.issueRefreshToken('seed-a');
    expect(await oauth.seedRefreshToken('seed-a', refreshToken)).toBe(true);
    expect(await oauth.connectionStatus('seed-a')).toMatchObject({
      state: 'expired',
      hasRefreshToken: true,
      version: 1,
    });
    const token = await oauth.getAccessToken('seed-a');
    expect(token).toMatch(/^at\.seed-a\./);
    expect(server.refreshRequests.get('seed-a')).toBe(1);
    expect(await oauth.seedRefreshToken('seed-a', refreshToken)).toBe(false);
    expect(await oauth.getAccessToken('seed-a')).toBe(token);
  });

  it('never overwrites a newer record written by another client on the same store', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const first = client(store, clock);
    await first.seedRefreshToken('seed-b', server.issueRefreshToken('seed-b'));
    const token = await first.getAccessToken('seed-b');
    const version = (await first.connectionStatus('seed-b')).version;
    // A second process starts later with the refresh token from its (older) configuration.
    const second = client(store, clock, 0);
    expect(await second.seedRefreshToken('seed-b', 'stale-refresh-token-from-config')).toBe(false);
    expect((await second.connectionStatus('seed-b')).version).toBe(version);
    expect(await second.getAccessToken('seed-b')).toBe(token);
    expect(server.refreshRequests.get('seed-b')).toBe(1);
  });

  it('accepts requestTimeoutMs 0 (no timeout) and refreshes under a clock that is never advanced', async () => {
    const clock = new FakeClock();
    const oauth = client(new MemoryStore({ clock }), clock, 0);
    await oauth.seedRefreshToken('seed-c', server.issueRefreshToken('seed-c'));
    expect(await clock.drive(() => oauth.getAccessToken('seed-c'))).toMatch(/^at\.seed-c\./);
  });
});
