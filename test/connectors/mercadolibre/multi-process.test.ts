import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClient } from '../../../src/auth/oauth-client.js';
import { mercadolibreOAuthConfig } from '../../../src/connectors/mercadolibre/index.js';
import { systemClock } from '../../../src/core/clock.js';
import { startStoreServer, type StoreServer } from '../../helpers/store-server.js';
import { CLIENT_SECRET } from './harness.js';
import { startSimulatorServer, type SimulatorServer } from './simulator-server.js';

const PROCESSES = 2;
const CALLERS_PER_PROCESS = 50;

let storeServer: StoreServer;
let api: SimulatorServer;
beforeAll(async () => {
  storeServer = await startStoreServer();
  api = await startSimulatorServer({
    clock: systemClock,
    limits: { 'items-read': { ratePerSecond: 1000, burst: 1000 } },
  });
});
afterAll(async () => {
  await storeServer.close();
  await api.close();
});

function runChild(env: Record<string, string>): Promise<{ ok: number; errors: string[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fixtures/refresh-child.ts', import.meta.url))],
    {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { ok: number; errors: string[] })
        : reject(new Error(`child exited ${code}: ${errors}`)),
    );
  });
}

describe('rotating refresh tokens across processes', () => {
  it(`${PROCESSES * CALLERS_PER_PROCESS} concurrent callers in ${PROCESSES} processes on an expired token → exactly one refresh, the new refresh token persisted, no invalid_grant`, async () => {
    const { simulator } = api;
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    const live = simulator.tokens.grant(simulator.sellerId);
    // The store holds an expired access token and the live refresh token; each process is
    // configured with an older, already spent one, which must never be sent.
    const spent = 'TG-spent-before-this-test';
    const oauth = new OAuthClient(
      mercadolibreOAuthConfig({
        site: 'MLA',
        clientId: simulator.applicationId,
        clientSecret: CLIENT_SECRET,
        tokenUrl: `${api.url}/oauth/token`,
      }),
      { context: { store: storeServer.store } },
    );
    await oauth.importTokens(String(simulator.sellerId), {
      accessToken: 'APP_USR-expired',
      refreshToken: live,
      expiresAt: Date.now() - 1000,
    });
    const env = {
      STORE_URL: storeServer.url,
      API_URL: api.url,
      SELLER: String(simulator.sellerId),
      CLIENT_ID: simulator.applicationId,
      CLIENT_SECRET,
      CONFIGURED_REFRESH: spent,
      CALLERS: String(CALLERS_PER_PROCESS),
      ITEM: item.id,
    };
    const results = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(env)));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.ok, 0)).toBe(PROCESSES * CALLERS_PER_PROCESS);
    expect(simulator.tokens.stats()).toMatchObject({
      refreshRequests: 1,
      refreshed: 1,
      reusedRefreshTokens: 0,
      invalidGrants: 0,
    });
    const stored = await oauth.credentials.read(oauth.ref(String(simulator.sellerId)));
    expect(stored?.record.refreshToken).toMatch(/^TG-/);
    expect([live, spent]).not.toContain(stored?.record.refreshToken);
    expect(await oauth.connectionStatus(String(simulator.sellerId))).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
    });
    expect(storeServer.store.list('lock:')).toEqual([]);
  });
});
