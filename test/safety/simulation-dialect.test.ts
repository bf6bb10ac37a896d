import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { IntegrationValidator, normalizeAction, translateSimulationAction } from '../../src/safety/index.js';
import { catalogBySku, simulationAdapter } from './helpers.js';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const fbaPrice = (product_sku: string, new_price: number | string) => ({ type: 'set_price', product_sku, new_price });

describe('the simulation dialect (FBA-Bench actions)', () => {
  it('converts a float price exactly through its shortest decimal form, and refuses extra decimals', () => {
    expect(normalizeAction(fbaPrice('FBA-PRODUCT-001', 29.99), { currency: 'USD' })._unsafeUnwrap()).toEqual({
      kind: 'action',
      dialect: true,
      action: { type: 'set_price', sku: 'FBA-PRODUCT-001', price: usd(2999) },
    });
    expect(normalizeAction(fbaPrice('A', 0.1 + 0.2), { currency: 'USD' })._unsafeUnwrapErr()).toMatchObject({
      reason: 'invalid_action',
      message: expect.stringMatching(/0\.30000000000000004.*refused, not rounded/),
    });
    expect(normalizeAction(fbaPrice('A', 29.999), { currency: 'USD' })._unsafeUnwrapErr().reason).toBe(
      'invalid_action',
    );
    expect(normalizeAction(fbaPrice('A', 1999.5), { currency: 'JPY' })._unsafeUnwrapErr().reason).toBe(
      'invalid_action',
    );
    expect(normalizeAction(fbaPrice('A', '12.345'), { currency: 'KWD' })._unsafeUnwrap()).toMatchObject({
      action: { price: { amountMinor: 12_345, currency: 'KWD' } },
    });
    expect(
      normalizeAction({ ...fbaPrice('A', 5), currency: 'EUR' }, { currency: 'USD' })._unsafeUnwrap(),
    ).toMatchObject({ action: { price: { amountMinor: 500, currency: 'EUR' } } });
    expect(normalizeAction(fbaPrice('A', 5))._unsafeUnwrapErr().reason).toBe('currency_unknown');
  });

  it('round-trips every two-decimal price an agent could print (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (cents) => {
        const float = Number((cents / 100).toFixed(2));
        expect(normalizeAction(fbaPrice('A', float), { currency: 'USD' })._unsafeUnwrap()).toMatchObject({
          action: { price: usd(cents) },
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('translates the other dialect actions, and refuses a count that disagrees with its ids', () => {
    const plans = [
      { type: 'adjust_inventory', product_sku: 'A', quantity_change: -3, action_id: 'a7' },
      { type: 'set_inventory', product_sku: 'A', quantity: 0 },
      { type: 'bulk_delete', count: 2, product_ids: ['P-1', 'P-2'], reasoning: 'slow movers' },
    ].map((action) =>
      translateSimulationAction((normalizeAction(action)._unsafeUnwrap() as unknown as { action: never }).action),
    );
    expect(plans.map((p) => [p.operation, p.payload])).toEqual([
      ['adjustInventory', [{ sku: 'A', delta: -3, idempotencyKey: 'action:a7' }]],
      ['setInventory', [{ sku: 'A', quantity: 0 }]],
      ['deleteProducts', ['P-1', 'P-2']],
    ]);
    expect(normalizeAction({ type: 'bulk_delete', count: 3, product_ids: ['P-1'] })._unsafeUnwrapErr().message).toMatch(
      /count 3 but lists 1/,
    );
    expect(normalizeAction({ type: 'bulk_delete', count: 1000 })._unsafeUnwrap()).toEqual({
      kind: 'unnamed_delete',
      count: 1000,
    });
  });

  it('is checked by the validator with the real safety reasons', async () => {
    const validator = new IntegrationValidator();
    const facts = {
      currency: 'USD',
      catalogSize: 5000,
      offers: { 'FBA-PRODUCT-001': { price: usd(3000), cost: usd(2000) } },
    };
    const report = await validator.testSafetyConstraints(
      [
        fbaPrice('FBA-PRODUCT-001', 19.99),
        { type: 'bulk_delete', count: 1000 },
        { type: 'bulk_delete', count: 2 },
        fbaPrice('FBA-PRODUCT-001', 29.99),
        fbaPrice('FBA-PRODUCT-001', 29.999),
      ],
      { facts },
    );
    expect(report.results.map((r) => r.reason ?? 'safe')).toEqual([
      'below_cost_limit',
      'too_many_deletes',
      'invalid_action',
      'safe',
      'invalid_action',
    ]);
    expect(report.results[2]?.message).toMatch(/names none of them; give product_ids/);
    expect(
      (await validator.checkAction({ type: 'bulk_delete', count: 1000 }, { facts }))._unsafeUnwrapErr(),
    ).toMatchObject({
      reason: 'blocked',
      violations: [
        expect.objectContaining({ reason: 'too_many_deletes' }),
        expect.objectContaining({ reason: 'delete_share_in_window_too_large' }),
      ],
    });
  });

  it('compares a simulation action with its real counterpart across the two vocabularies', () => {
    const validator = new IntegrationValidator();
    const sim = fbaPrice('FBA-PRODUCT-001', 29.99);
    expect(
      validator.validateActionConsistency(sim, { type: 'set_price', sku: 'FBA-PRODUCT-001', price: usd(2999) })
        .consistent,
    ).toBe(true);
    const off = validator.validateActionConsistency(
      sim,
      { type: 'set_price', sku: 'FBA-PRODUCT-001', price: usd(3029) },
      { toleranceBps: 50 },
    );
    expect(off).toMatchObject({
      consistent: false,
      withinTolerance: false,
      differences: [{ field: 'price', delta: 30, deltaBasisPoints: 100 }],
    });
    const plan = translateSimulationAction({ type: 'set_price', sku: 'FBA-PRODUCT-001', price: usd(2999) });
    expect(validator.validateActionConsistency(sim, plan).consistent).toBe(true);
    expect(
      validator.validateActionConsistency(sim, { ...plan, payload: [{ sku: 'FBA-PRODUCT-001', price: usd(2899) }] })
        .differences,
    ).toEqual([expect.objectContaining({ field: 'payload[0].price', delta: -100 })]);
    expect(
      validator.validateActionConsistency(
        { type: 'adjust_inventory', product_sku: 'A', quantity_change: 2 },
        { type: 'adjust_inventory', sku: 'A', delta: 2 },
      ).consistent,
    ).toBe(true);
    expect(() =>
      validator.validateActionConsistency(fbaPrice('A', 29.999), { type: 'set_price', sku: 'A', price: usd(2999) }),
    ).toThrow(ValidationError);
  });

  it('runs through RealWorldAdapter in the connection’s currency; an unnamed bulk_delete is judged and never executed', async () => {
    const { adapter, simulated, seen } = await simulationAdapter({ currency: 'USD', products: 30 });
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    const newPrice = (offer.price.amountMinor + 1) / 100;
    expect(adapter.translateSimulationAction(fbaPrice(offer.sku, newPrice), { currency: 'USD' }).payload).toEqual([
      { sku: offer.sku, price: usd(offer.price.amountMinor + 1) },
    ]);
    const applied = await adapter.executeAction(fbaPrice(offer.sku, newPrice));
    expect(applied._unsafeUnwrap()).toMatchObject({
      status: 'applied',
      action: { type: 'set_price', sku: offer.sku, price: usd(offer.price.amountMinor + 1) },
    });
    // Learned from the catalog, the currency now also serves the synchronous translation.
    expect(adapter.translateSimulationAction(fbaPrice(offer.sku, 12.5)).payload).toEqual([
      { sku: offer.sku, price: usd(1250) },
    ]);

    const cheap = await adapter.executeAction(fbaPrice(offer.sku, 0.01));
    expect(cheap._unsafeUnwrapErr().report?.validation.reason).toBe('below_cost_limit');

    const before = catalogBySku(simulated);
    const mass = await adapter.executeAction({ type: 'bulk_delete', count: 1000 });
    expect(mass._unsafeUnwrapErr()).toMatchObject({
      reason: 'blocked',
      details: { violations: [expect.objectContaining({ reason: 'too_many_deletes' }), expect.anything()] },
    });
    const small = await adapter.executeAction({ type: 'bulk_delete', count: 1 });
    expect(small._unsafeUnwrapErr()).toMatchObject({
      reason: 'invalid_action',
      message: expect.stringMatching(/names none of them/),
    });
    expect(catalogBySku(simulated)).toEqual(before);
    expect(simulated.stats().calls.deleteProducts).toBeUndefined();
    expect(seen.actionBlocked?.map((event) => event.reason)).toEqual([
      'below_cost_limit',
      'too_many_deletes',
      'invalid_action',
    ]);
    expect(() => adapter.translateSimulationAction({ type: 'bulk_delete', count: 1 })).toThrow(ValidationError);
  });
});
