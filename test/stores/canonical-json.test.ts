import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/stores/store.js';

/** The straightforward definition: copy every object with its keys sorted by Array#sort. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      // Own properties defined, not assigned: a `__proto__` key (which JSON.parse makes an own
      // property) stays a key instead of setting the copy's prototype.
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(inner).sort()) {
        Object.defineProperty(sorted, key, {
          value: (inner as Record<string, unknown>)[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return sorted;
    }
    return inner;
  });
}

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 300);

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(canonicalJson({ v: 2, q: 4, at: 'x' })).toBe('{"at":"x","q":4,"v":2}');
  });

  it('gives equal text for equal values built in different orders', () => {
    const one = { s: 9, c: { shop: { q: 5, v: 3 }, market: { q: 4, v: -1 } } };
    const two = { c: { market: { v: -1, q: 4 }, shop: { v: 3, q: 5 } }, s: 9 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('handles objects with many keys, integer-like keys and undefined values like the reference', () => {
    const wide: Record<string, number> = {};
    for (let i = 60; i > 0; i--) wide[`k${i}`] = i;
    expect(canonicalJson(wide)).toBe(reference(wide));
    const mixed = { 10: 'a', 9: 'b', z: undefined, a: null, '-1': 1 };
    expect(canonicalJson(mixed)).toBe(reference(mixed));
    expect(canonicalJson(mixed)).not.toContain('"z"');
  });

  it('keeps a __proto__ key that JSON.parse made an own property', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"b":1}');
    expect(canonicalJson(parsed)).toBe(reference(parsed));
  });

  it('matches the reference on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: runs },
    );
  });

  it('does not depend on the order keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
      { numRuns: runs },
    );
  });
});
