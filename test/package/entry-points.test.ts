import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import * as http from '../../src/http/index.js';
import * as auth from '../../src/auth/index.js';
import * as webhooks from '../../src/webhooks/index.js';
import * as sync from '../../src/sync/index.js';
import * as safety from '../../src/safety/index.js';
import * as testing from '../../src/testing/index.js';
import * as testingMsw from '../../src/testing/msw/index.js';
import { entries } from '../../tsup.config.js';

const src = resolve(import.meta.dirname, '../../src');

/** Every source file an entry reaches through its relative imports, and the packages it imports. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, typeOnly, spec] of text.matchAll(/^\s*(?:import|export)(\s+type)?[^'"]*?from\s*'([^']+)'/gm)) {
      if (typeOnly || spec === undefined) continue;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const next = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(next)) visit(next);
    }
  };
  visit(join(src, entry));
  return { files, packages };
}

describe('entry points', () => {
  it('keep the root small: capabilities live on their own subpaths, not the root', () => {
    for (const name of [
      'createHttpClient',
      'KeyedLimiter',
      'CircuitBreaker',
      'OperationLedger',
      'paginateNextToken',
      'AsyncJob',
    ])
      expect(http).toHaveProperty(name);
    expect(auth).toHaveProperty('OAuthClient');
    expect(webhooks).toHaveProperty('createWebhookProcessor');
    expect(sync).toHaveProperty('InventorySyncEngine');
    expect(safety).toHaveProperty('RealWorldAdapter');
    for (const name of [
      'createHttpClient',
      'OAuthClient',
      'createWebhookProcessor',
      'InventorySyncEngine',
      'RealWorldAdapter',
    ])
      expect(root).not.toHaveProperty(name);
    for (const name of [
      'createDefaultFactory',
      'MarketplaceFactory',
      'parseMoney',
      'ValidationError',
      'EventBus',
      'MemoryStore',
    ])
      expect(root).toHaveProperty(name);
  });

  it('marketbridge/testing reaches no msw: its signers, fake clock and conformance suites need no optional peer', () => {
    const { files, packages } = graph('testing/index.ts');
    expect([...packages].filter((name) => name.startsWith('msw'))).toEqual([]);
    expect([...files].filter((file) => file.includes('/testing/msw/'))).toEqual([]);
    for (const name of [
      'FakeClock',
      'storeConformanceCases',
      'signShopifyTestRequest',
      'signBolNotification',
      'createPipelineSimulator',
    ])
      expect(testing).toHaveProperty(name);
  });

  it('marketbridge/testing/msw holds every platform simulator, loading msw through the peer guard', () => {
    for (const name of [
      'ShopifySimulator',
      'AmazonSpApiSimulator',
      'AmazonCreatorsSimulator',
      'BolRetailerSimulator',
      'EbaySimulator',
      'MercadoLibreSimulator',
      'simulatorHandler',
    ]) {
      expect(testingMsw).toHaveProperty(name);
      expect(testing).not.toHaveProperty(name);
    }
    const { packages } = graph('testing/msw/index.ts');
    expect([...packages].filter((name) => name.startsWith('msw'))).toEqual([]);
  });

  it('stores load their database clients through the peer guard, never by a static import', () => {
    for (const entry of ['stores/redis.ts', 'stores/postgres.ts']) {
      expect([...graph(entry).packages].filter((name) => name === 'ioredis' || name === 'pg')).toEqual([]);
    }
  });

  it('give each entry its reference page: a @module comment naming its subpath, with an example', () => {
    for (const [out, source] of Object.entries(entries)) {
      const subpath = out === 'index' ? 'marketbridge' : `marketbridge/${out.replace(/\/index$/, '')}`;
      const head = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(resolve(src, '..', source), 'utf8'))?.[1] ?? '';
      expect(head, source).toContain(`@module ${subpath}\n`);
      expect(head, source).toMatch(new RegExp(`@example[\\s\\S]*from '${subpath}'`));
    }
  });
});
