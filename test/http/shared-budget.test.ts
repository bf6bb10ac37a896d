import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStoreServer, type StoreServer } from '../helpers/store-server.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./fixtures/shared-budget-child.ts', import.meta.url));

describe('shared budget', () => {
  let server: StoreServer;
  beforeAll(async () => {
    server = await startStoreServer();
  });
  afterAll(() => server.close());

  it('two processes sharing a store spend one budget between them', async () => {
    const spawn = () => run(process.execPath, ['--import', 'tsx', child, server.url, '15'], { cwd: process.cwd() });
    const results = await Promise.all([spawn(), spawn()]);
    const counts = results.map((r) => JSON.parse(r.stdout) as { granted: number; refused: number });
    // A burst of 10 refilling 0.001/s: 10 grants in total, however the two interleave.
    expect(counts[0]!.granted + counts[1]!.granted).toBe(10);
    expect(counts[0]!.refused + counts[1]!.refused).toBe(20);
  }, 60_000);
});
