import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AmazonFinances20240619,
  AmazonFinancesV0,
  AmazonMarketplace,
  AmazonOrders20260101,
  AmazonOrdersV0,
} from '../../../src/connectors/amazon/index.js';
import { SELLER, US } from './harness.js';

const credentials = { clientId: 'amzn1.application-oa2-client.x', clientSecret: 'secret', refreshToken: 'Atzr|x' };
const connector = (extra: Record<string, unknown> = {}) =>
  new AmazonMarketplace({ sellerId: SELLER, marketplaceId: US, credentials, ...extra });

describe('Amazon API generations', () => {
  it('picks the Orders and Finances generations once, at construction, from the configuration', () => {
    const current = connector();
    expect(current.orders).toBeInstanceOf(AmazonOrders20260101);
    expect(current.finances).toBeInstanceOf(AmazonFinances20240619);
    expect([current.orders.version, current.finances.version]).toEqual(['2026-01-01', '2024-06-19']);
    const legacy = connector({ ordersApi: 'v0', financesApi: 'v0' });
    expect(legacy.orders).toBeInstanceOf(AmazonOrdersV0);
    expect(legacy.finances).toBeInstanceOf(AmazonFinancesV0);
    expect([legacy.orders.version, legacy.finances.version]).toEqual(['v0', 'v0']);
  });

  it('keeps each generation in its own folder: only the generation chooser imports one, and no generation imports another', () => {
    const root = resolve(import.meta.dirname, '../../../src/connectors/amazon');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      );
    const generations = ['orders/v0', 'orders/2026-01-01', 'finances/v0', 'finances/2024-06-19'];
    const generationOf = (file: string) => generations.find((folder) => relative(root, file).startsWith(`${folder}/`));
    const crossings: string[] = [];
    for (const file of files(root)) {
      const from = generationOf(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
        const target = generationOf(resolve(file, '..', specifier!).replace(/\.js$/, '.ts'));
        if (!target || target === from) continue;
        const chooser = relative(root, file) === `${target.split('/')[0]}/create-${target.split('/')[0]}-api.ts`;
        if (!chooser && relative(root, file) !== 'index.ts') crossings.push(`${relative(root, file)} -> ${specifier}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
