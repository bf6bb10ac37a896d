import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { entries } from '../../tsup.config.js';

/** Every call made through zod's `z` namespace (`z.object`, `z.string`, `z.iso.datetime`, ...). */
const calls: string[] = [];

vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod')>();
  const counting = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof key !== 'string') return value;
        if (typeof value === 'function') {
          return new Proxy(value, {
            apply(fn, self, args) {
              calls.push(`${path}.${key}`);
              return Reflect.apply(fn, self, args);
            },
          });
        }
        return value !== null && typeof value === 'object' ? counting(value, `${path}.${key}`) : value;
      },
    });
  return { ...actual, z: counting(actual.z, 'z') };
});

const root = resolve(import.meta.dirname, '../..');

describe('importing an entry does no work at module top level', () => {
  beforeEach(() => {
    vi.resetModules();
    calls.length = 0;
  });

  it.each(Object.entries(entries))('%s builds no zod schema on import', { timeout: 120_000 }, async (_name, source) => {
    await import(join(root, source));
    expect(calls).toEqual([]);
  });

  it('builds a schema on its first use, once (the spy sees what importing would have built)', {
    timeout: 120_000,
  }, async () => {
    const { MoneySchema, PriceSchema } = await import(join(root, 'src/index.ts'));
    expect(calls).toEqual([]);
    expect(PriceSchema.safeParse({ amountMinor: -1, currency: 'EUR' }).success).toBe(false);
    expect(calls).toContain('z.object');
    const built = calls.length;
    expect(MoneySchema.parse({ amountMinor: 1999, currency: 'EUR' })).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(PriceSchema.parse({ amountMinor: 0, currency: 'JPY' })).toEqual({ amountMinor: 0, currency: 'JPY' });
    expect(calls.length).toBe(built);
  });
});
