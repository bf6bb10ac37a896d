import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bolOfferMapper,
  createBolOfferMapper,
  transporterCode,
  cancellationReason,
} from '../../../src/connectors/bol/index.js';
import { fromBolAmount, toBolUnitPrice } from '../../../src/connectors/bol/mapper/money.js';
import { toBolPricing } from '../../../src/connectors/bol/mapper/bundle-prices.js';
import { violationPath } from '../../../src/connectors/bol/errors.js';
import type { BolRetailerOffer } from '../../../src/connectors/bol/types.js';
import { money } from '../../../src/model/money.js';
import { DataMapper } from '../../../src/sync/mapper/data-mapper.js';
import { exampleOf } from './openapi.js';

describe('bol.com money', () => {
  it('sends every cent amount bol.com accepts as a JSON number that reads back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999_900 }), (cents) => {
        const sent = JSON.parse(JSON.stringify({ unitPrice: toBolUnitPrice(money(cents, 'EUR'))._unsafeUnwrap() }))
          .unitPrice as number;
        expect(fromBolAmount(sent)._unsafeUnwrap()).toEqual({ amountMinor: cents, currency: 'EUR' });
        expect(fromBolAmount(String(sent))._unsafeUnwrap().amountMinor).toBe(cents);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses amounts bol.com cannot express', () => {
    expect(fromBolAmount(9.999).isErr()).toBe(true);
    expect(fromBolAmount(null).isErr()).toBe(true);
    expect(toBolUnitPrice(money(100, 'JPY'))._unsafeUnwrapErr().reason).toBe('wrong_currency');
  });

  it('sorts valid tiers and names every broken rule with its path', () => {
    const eur = (n: number) => money(n, 'EUR');
    expect(
      toBolPricing([
        { quantity: 12, unitPrice: eur(700) },
        { quantity: 1, unitPrice: eur(999) },
      ]),
    ).toEqual({
      ok: true,
      pricing: {
        bundlePrices: [
          { quantity: 1, unitPrice: 9.99 },
          { quantity: 12, unitPrice: 7 },
        ],
      },
    });
    const broken = toBolPricing([
      { quantity: 1, unitPrice: eur(999) },
      { quantity: 1, unitPrice: eur(899) },
      { quantity: 0.5, unitPrice: eur(899) },
      { quantity: 2, unitPrice: eur(1099) },
    ]);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.issues.map((issue) => issue.path)).toEqual([
      [1, 'quantity'],
      [2, 'quantity'],
      [3, 'unitPrice'],
    ]);
  });
});

describe('bol.com mapping helpers', () => {
  it('maps carriers, reasons and violation names', () => {
    expect(transporterCode('PostNL')).toBe('TNT');
    expect(transporterCode('dhl-for-you', { 'DHL for you': 'DHLFORYOU' })).toBe('DHLFORYOU');
    expect(transporterCode('Red Je Pakketje')).toBe('RED_JE_PAKKETJE');
    expect(cancellationReason('OUT_OF_STOCK')).toBe('OUT_OF_STOCK');
    expect(cancellationReason('pricing_error')).toBe('INCORRECT_PRICE');
    expect(cancellationReason('?')).toBeUndefined();
    expect(violationPath('pricing.bundlePrices[2].unitPrice')).toEqual(['pricing', 'bundlePrices', 2, 'unitPrice']);
  });
});

describe('the bol.com mapper in the DataMapper', () => {
  it('reads an offer with the overrides applied and builds a create body from a canonical product', () => {
    const mapper = new DataMapper({
      mappers: [createBolOfferMapper({ identifier: 'reference', deliveryCode: '2-3d' })],
      fieldMappings: { bol: [{ from: 'attributes.grade', to: 'attributes.bol:condition' }] },
    });
    const offer = exampleOf('retailer', 'RetailerOffer') as BolRetailerOffer;
    const product = mapper.toCanonical('bol', offer)._unsafeUnwrap();
    expect(product.offers[0]!.sku).toBe('REF12345');
    const body = mapper
      .toPlatform('bol', {
        title: 'Mug',
        attributes: { grade: 'GOOD' },
        offers: [{ sku: 'MUG-7', barcode: '8712626055143', price: money(1299, 'EUR'), condition: 'used' }],
      })
      ._unsafeUnwrap();
    expect(body).toMatchObject({
      ean: '8712626055143',
      reference: 'MUG-7',
      condition: { name: 'GOOD' },
      pricing: { bundlePrices: [{ quantity: 1, unitPrice: 12.99 }] },
      fulfilment: { method: 'FBR', deliveryCode: '2-3d' },
    });
  });

  it('reports bol.com rules and unreadable payloads as mapping failures, never throwing', () => {
    const mapper = new DataMapper({ mappers: [bolOfferMapper] });
    expect(mapper.toCanonical('bol', { nope: true })._unsafeUnwrapErr().reason).toBe('invalid_payload');
    const failed = mapper.toPlatform('bol', {
      title: 'Mug',
      offers: [{ sku: 'not-an-ean', price: money(1299, 'EUR') }],
    });
    expect(failed._unsafeUnwrapErr()).toMatchObject({ reason: 'transform_failed' });
    expect(failed._unsafeUnwrapErr().message).toMatch(/EAN/);
  });
});
