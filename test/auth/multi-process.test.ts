import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClient } from '../../src/auth/index.js';
import { startStoreServer, type StoreServer } from '../helpers/store-server.js';
import { startTokenServer, type TokenServer } from './token-server.js';

const CONNECTIONS = 10;
const PROCESSES = 2;
const CALLERS_PER_PROCESS = 50;

let storeServer: StoreServer;
let tokenServer: TokenServer;
beforeAll(async () => {
  storeServer = await startStoreServer();
  tokenServer = await startTokenServer();
});
afterAll(async () => {
  await storeServer.close();
  await tokenServer.close();
});

function runChild(): Promise<Record<string, string[]>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fixtures/refresh-child.ts', import.meta.url))],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        ...process.env,
        STORE_URL: storeServer.url,
        TOKEN_URL: tokenServer.url,
        CONNECTIONS: String(CONNECTIONS),
        CALLERS: String(CALLERS_PER_PROCESS),
      },
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
        ? resolve(JSON.parse(out) as Record<string, string[]>)
        : reject(new Error(`child exited ${code}: ${errors}`)),
    );
  });
}

describe('single-flight refresh across processes', () => {
  it(`${PROCESSES * CALLERS_PER_PROCESS} concurrent callers × ${CONNECTIONS} expired connections in ${PROCESSES} processes → one token request per connection`, async () => {
    const seeder = new OAuthClient(
      { platform: 'mercadolibre', clientId: 'app', clientSecret: 'secret', tokenUrl: tokenServer.url },
      { context: { store: storeServer.store, tenantId: 'mp' } },
    );
    for (let c = 0; c < CONNECTIONS; c++) {
      await seeder.importTokens(`conn-${c}`, {
        accessToken: `old-${c}`,
        refreshToken: tokenServer.issueRefreshToken(`conn-${c}`),
        expiresAt: Date.now() - 1000,
      });
    }
    const outputs = await Promise.all(Array.from({ length: PROCESSES }, runChild));
    for (let c = 0; c < CONNECTIONS; c++) {
      const tokens = outputs.flatMap((output) => output[`conn-${c}`] ?? []);
      expect(tokens).toHaveLength(PROCESSES * CALLERS_PER_PROCESS);
      expect(new Set(tokens).size).toBe(1);
      expect(tokenServer.refreshRequests.get(`conn-${c}`)).toBe(1);
    }
    expect(tokenServer.reusedRefreshTokens).toEqual([]);
    expect(storeServer.store.list('lock:')).toEqual([]);
  });
});
