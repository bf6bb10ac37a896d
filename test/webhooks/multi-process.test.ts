import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { startStoreServer, type StoreServer } from '../helpers/store-server.js';

let storeServer: StoreServer;
beforeAll(async () => {
  storeServer = await startStoreServer();
});
afterAll(() => storeServer.close());

function runChild(env: Record<string, string>): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fixtures/dedup-child.ts', import.meta.url))],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(errors)))),
  );
}

describe('webhook deduplication across processes', () => {
  it('2 processes × 300 concurrent redeliveries of one event → one handler call', async () => {
    const secret = 'shpss_multi-process';
    const request = await signShopifyTestRequest({ secret, body: '{"id":77}', eventId: 'evt-77' });
    const env = { STORE_URL: storeServer.url, SECRET: secret, REQUEST: JSON.stringify(request), DELIVERIES: '300' };
    const statuses = (await Promise.all([runChild(env), runChild(env)])).flat();
    expect(statuses).toHaveLength(600);
    expect(statuses.filter((s) => s === 'processed')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(599);
    expect(storeServer.store.get('handler-calls')).toBe(1);
  });
});
