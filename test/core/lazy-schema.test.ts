import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isLazySchema, lazySchema } from '../../src/core/lazy-schema.js';

describe('lazySchema', () => {
  it('builds once, on the first use, and stands in for the schema it builds', () => {
    let builds = 0;
    const Item = lazySchema(() => {
      builds++;
      return z.object({ sku: z.string().min(1), quantity: z.number().int() }).strict();
    });
    expect(builds).toBe(0);
    expect(isLazySchema(Item)).toBe(true);
    expect(builds).toBe(0);
    expect(Item.parse({ sku: 'A-1', quantity: 2 })).toEqual({ sku: 'A-1', quantity: 2 });
    expect(Item.safeParse({ sku: '', quantity: 1.5 }).success).toBe(false);
    expect(Item).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(Item.shape)).toEqual(['sku', 'quantity']);
    expect(builds).toBe(1);
  });

  it('works inside other schemas and under zod methods, lazily or not', () => {
    const Money = lazySchema(() => z.object({ amountMinor: z.number().int(), currency: z.string().length(3) }));
    const Price = lazySchema(() => Money.refine((m) => m.amountMinor >= 0, 'negative'));
    const Line = z.object({ price: Price, list: z.array(Money).optional() });
    expect(Line.parse({ price: { amountMinor: 1, currency: 'EUR' } })).toEqual({
      price: { amountMinor: 1, currency: 'EUR' },
    });
    const refused = Line.safeParse({
      price: { amountMinor: -1, currency: 'EUR' },
      list: [{ amountMinor: 1.5, currency: 'EUR' }],
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['list.0.amountMinor', 'price']);
    expect(Money.extend({ note: z.string() }).parse({ amountMinor: 1, currency: 'EUR', note: 'x' })).toEqual({
      amountMinor: 1,
      currency: 'EUR',
      note: 'x',
    });
    expect(Money.partial().parse({})).toEqual({});
    expect(z.toJSONSchema(Money)).toMatchObject({ type: 'object', required: ['amountMinor', 'currency'] });
    type Built = z.infer<typeof Money>;
    const typed: Built = { amountMinor: 1, currency: 'EUR' };
    expect(Money.parse(typed)).toEqual(typed);
  });

  it('tells its own schemas from anything else without building them', () => {
    expect(isLazySchema(z.string())).toBe(false);
    expect(isLazySchema(null)).toBe(false);
    expect(isLazySchema({ safeParse: () => ({ success: true }) })).toBe(false);
  });
});
