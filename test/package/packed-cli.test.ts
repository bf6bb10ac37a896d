import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { RedisStore } from '../../src/stores/redis.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { webhookKeys } from '../../src/webhooks/processor/keys.js';
import { dropRedisNamespace, probeRedis, redisUrl, runId, shouldSkip } from '../stores/servers.js';
import { packAndInstall, type Packed } from './packed.js';

const SECRET = 'shpss_canary-secret.value/42';
let packed: Packed;
beforeAll(async () => {
  packed = await packAndInstall();
}, 240_000);
afterAll(() => packed?.cleanup());

const cli = (args: string[], options: { env?: Record<string, string>; input?: string } = {}) =>
  packed.run('npx', ['--no-install', 'marketbridge', ...args], options);
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('the marketbridge CLI from the packed tarball', () => {
  it('answers --help with every command', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['verify-webhook', 'simulate', 'sync', 'health', 'dlq', 'limits'])
      expect(stdout).toContain(command);
  });

  it('verify-webhook: a genuine body from stdin is valid, a forged one is not, and the secret is never printed', async () => {
    const body = JSON.stringify({ id: 820982911946154500 });
    const signed = await signShopifyTestRequest({ secret: SECRET, body, topic: 'orders/create', eventId: 'evt-1' });
    const headers = Object.entries(signed.headers as Record<string, string>).flatMap(([name, value]) => [
      '-H',
      `${name}: ${value}`,
    ]);
    const env = { SHOPIFY_API_SECRET: SECRET };
    const good = await cli(
      ['verify-webhook', '--platform', 'shopify', '--secret-env', 'SHOPIFY_API_SECRET', ...headers, '--json'],
      { env, input: body },
    );
    expect(good.code).toBe(0);
    expect(json(good.stdout)).toEqual({ valid: true, platform: 'shopify', topic: 'orders/create', eventId: 'evt-1' });
    const file = join(packed.consumer, 'body.json');
    writeFileSync(file, `${body} `);
    const forged = await cli(
      ['verify-webhook', '--platform', 'shopify', '--secret-env', 'SHOPIFY_API_SECRET', ...headers, '--body', file],
      { env },
    );
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/^invalid: signature_mismatch/);
    const unset = await cli(['verify-webhook', '--platform', 'shopify', '--secret-env', 'NOT_SET', '--json'], {
      input: body,
    });
    expect(unset.code).toBe(2);
    expect(json(unset.stdout).error).toMatch(/NOT_SET .* is not set/);
    for (const output of [good, forged, unset]) expect(output.stdout + output.stderr).not.toContain(SECRET);
  });

  it('simulate: the same seed gives the same summary', async () => {
    const first = await cli(['simulate', '--seed', '7', '--hours', '2', '--products', '10', '--json']);
    const second = await cli(['--json', 'simulate', '--seed', '7', '--hours', '2', '--products', '10']);
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toEqual(json(second.stdout));
    expect(json(first.stdout)).toMatchObject({ seed: 7, hours: 2, products: 10 });
    const bad = await cli(['simulate', '--hours', 'many']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('--hours must be a whole number');
  });

  it('sync --dry-run and health read connections from a config file whose secrets come from the environment', async () => {
    const channel = new SimulatedMarketplace({ seed: 3, products: 3 });
    const skus = channel.snapshot().inventory.map((level) => level.sku);
    const config = {
      connections: {
        shop: { marketplace: 'simulated', config: { seed: 3, products: 3, name: { env: 'SHOP_NAME' } } },
        market: { marketplace: 'simulated', config: { seed: 3, products: 3, name: 'market' } },
      },
      source: { levels: Object.fromEntries(skus.map((sku, i) => [sku, 100 + i])) },
      channels: ['shop', { connection: 'market', safetyStock: 2 }],
    };
    const file = join(packed.consumer, 'marketbridge.json');
    writeFileSync(file, JSON.stringify(config));
    const env = { SHOP_NAME: 'shop' };
    const plan = await cli(['sync', '--dry-run', '--config', file, '--json'], { env });
    expect(plan.code, plan.stderr).toBe(0);
    const parsed = json(plan.stdout) as {
      skus: number;
      changes: { sku: string; channels: { marketplace: string; to: number }[] }[];
    };
    expect(parsed.skus).toBe(skus.length);
    expect(parsed.changes.length).toBeGreaterThan(0);
    const table = await cli(['sync', '--dry-run', '--config', file], { env });
    expect(table.stdout).toMatch(/^sku\s+target\s+from\s+to\s+mode\s+why/);
    expect(table.stdout).toContain('nothing written');
    const health = await cli(['health', '--config', file, '--json'], { env });
    expect(health.code, health.stderr).toBe(0);
    expect(json(health.stdout)).toMatchObject({
      status: 'ok',
      connections: [
        { name: 'shop', ok: true },
        { name: 'market', ok: true },
      ],
    });
    const broken = await cli(['health', '--config', file, '--json']);
    expect(json(broken.stdout).error).toContain('SHOP_NAME');
  });

  it('limits: prints the built-in tables as text and JSON', async () => {
    const text = await cli(['limits']);
    expect(text.stdout).toContain('Shopify GraphQL Admin API');
    expect(text.stdout).toContain('getOrders');
    const { shopify } = json((await cli(['limits', '--platform', 'shopify', '--json'])).stdout) as {
      shopify: { plan: string; restorePerSecond: number }[];
    };
    expect(shopify.find((row) => row.plan === 'plus')?.restorePerSecond).toBe(1_000);
  });

  it('importing an entry whose optional peer is missing names the npm install to run', async () => {
    const peers = {
      'schedulers/bullmq': 'bullmq',
      'schedulers/pg-boss': 'pg-boss',
      'streams/websocket': 'ws',
      'streams/sqs': '@aws-sdk/client-sqs',
      otel: '@opentelemetry/api',
    };
    for (const [entry, peer] of Object.entries(peers)) {
      const esm = await packed.run('node', ['--input-type=module', '-e', `await import('marketbridge/${entry}')`]);
      expect(esm.code, entry).not.toBe(0);
      expect(esm.stderr).toContain(`npm install ${peer}@`);
      const cjs = await packed.run('node', ['-e', `require('marketbridge/${entry}')`]);
      expect(cjs.stderr).toContain(`npm install ${peer}@`);
    }
    const core = await packed.run('node', [
      '--input-type=module',
      '-e',
      `const m = await import('marketbridge/health'); console.log(typeof m.healthReport)`,
    ]);
    expect(core.stdout.trim()).toBe('function');
  });
});

const redisProblem = await probeRedis();
describe.skipIf(shouldSkip(redisProblem, 'CLI dead-letter tests on Redis'))(
  'marketbridge dlq from the packed tarball',
  () => {
    const namespace = `mbtest:${runId('cli')}:`;
    afterAll(async () => {
      const client = new Redis(redisUrl);
      await dropRedisNamespace(client, namespace);
      client.disconnect();
    });

    it('asks for ioredis when it is missing, then lists dead letters and moves them back to the retry queue', async () => {
      if (redisProblem) throw new Error(`CI=true requires Redis: ${redisProblem}`);
      const env = { MB_STORE_URL: redisUrl };
      const missing = await cli(['dlq', 'list', '--store-env', 'MB_STORE_URL', '--namespace', namespace], { env });
      expect(missing.stderr).toContain('npm install ioredis');
      packed.provide('ioredis');
      const store = new RedisStore({ url: redisUrl, namespace });
      const keys = webhookKeys('shop-1');
      const letter = {
        id: 'shopify:evt-9',
        event: {
          platform: 'shopify',
          topic: 'orders/create',
          eventId: 'evt-9',
          payload: {},
          tenantId: 'shop-1',
          receivedAt: 1,
          attempt: 5,
        },
        attempts: 5,
        lastError: 'Error: down',
        failedAt: 2,
      };
      await store.set(keys.dead(letter.id), letter);
      try {
        const listed = await cli(
          ['dlq', 'list', '--store-env', 'MB_STORE_URL', '--namespace', namespace, '--tenant', 'shop-1', '--json'],
          { env },
        );
        expect(listed.code, listed.stderr).toBe(0);
        expect(JSON.parse(listed.stdout)).toEqual([letter]);
        const replayed = await cli(
          [
            'dlq',
            'replay',
            letter.id,
            'shopify:nope',
            '--store-env',
            'MB_STORE_URL',
            '--namespace',
            namespace,
            '--tenant',
            'shop-1',
            '--json',
          ],
          { env },
        );
        expect(JSON.parse(replayed.stdout)).toEqual([
          { id: letter.id, requeued: true },
          { id: 'shopify:nope', requeued: false },
        ]);
        expect(replayed.code).toBe(1);
        expect(await store.get(keys.dead(letter.id))).toBeUndefined();
        expect(await store.get(keys.retry(letter.id))).toMatchObject({ event: letter.event, failures: 5 });
      } finally {
        await store.close();
      }
    });
  },
);
