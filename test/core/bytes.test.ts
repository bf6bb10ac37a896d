import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toBase64, toHex } from '../../src/core/bytes.js';
import { headerValues } from '../../src/webhooks/request.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 300);

/** The definition: decode leniently, accept only if encoding the bytes gives the text back. */
function canonical(text: string): boolean {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return false;
  try {
    const binary = atob(text);
    return toBase64(Uint8Array.from(binary, (c) => c.charCodeAt(0))) === text;
  } catch {
    return false;
  }
}

describe('fromBase64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
      { numRuns: runs },
    );
  });

  it('accepts exactly the canonical encodings (no non-zero padding bits, no stray padding)', () => {
    expect(fromBase64('aGk=')).toEqual(new Uint8Array([104, 105]));
    expect(fromBase64('aGl=')).toBeUndefined();
    expect(fromBase64('aQ==')).toEqual(new Uint8Array([105]));
    expect(fromBase64('aR==')).toBeUndefined();
    const base64Char = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split(''),
    );
    const text = fc.oneof(fc.string({ unit: base64Char, maxLength: 12 }), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(text, (candidate) => {
        expect(fromBase64(candidate) !== undefined).toBe(canonical(candidate));
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe('fromHex', () => {
  it('round-trips any bytes and accepts exactly even-length hex of either case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromHex(toHex(bytes).toUpperCase())).toEqual(bytes);
      }),
      { numRuns: runs },
    );
    const hexChar = fc.constantFrom(...'0123456789abcdefABCDEFgG: '.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: hexChar, maxLength: 10 }), fc.string({ maxLength: 6 })), (text) => {
        expect(fromHex(text) !== undefined).toBe(text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text));
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe('headerValues', () => {
  it('finds a header in any case, repeated or not, in a record or in Headers', () => {
    const request = {
      headers: {
        'X-Shopify-Topic': 'orders/create',
        'x-shopify-topic': ['again'],
        'x-shopify-topics': 'no',
        other: undefined,
      },
      body: '',
    };
    expect(headerValues(request, 'x-shopify-topic')).toEqual(['orders/create', 'again']);
    expect(headerValues(request, 'X-SHOPIFY-TOPIC')).toEqual(['orders/create', 'again']);
    expect(headerValues(request, 'other')).toEqual([]);
    expect(headerValues({ headers: new Headers({ 'X-Test': 'a' }), body: '' }, 'x-test')).toEqual(['a']);
  });
});
