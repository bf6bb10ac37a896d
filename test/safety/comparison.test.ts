import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import type { MarketplaceAction } from '../../src/model/action.js';
import { IntegrationValidator } from '../../src/safety/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const validator = new IntegrationValidator({ context: { clock: new FakeClock() } });
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const price = (amountMinor: number, extra: Partial<MarketplaceAction> = {}): MarketplaceAction =>
  ({ type: 'set_price', sku: 'A-1', price: eur(amountMinor), ...extra }) as MarketplaceAction;

describe('validateActionConsistency', () => {
  it('reports equal actions as consistent, ignoring ids and marketplace names', () => {
    expect(
      validator.validateActionConsistency(
        price(1000, { id: 'sim-1' }),
        price(1000, { id: 'real-9', marketplace: 'ebay' }),
      ),
    ).toEqual({
      consistent: true,
      withinTolerance: true,
      toleranceBps: 0,
      differences: [],
      maxDeltaBasisPoints: 0,
    });
  });

  it('reports a slight price difference with its delta, and accepts it within tolerance', () => {
    const report = validator.validateActionConsistency(price(1000), price(1010), { toleranceBps: 200 });
    expect(report).toEqual({
      consistent: false,
      withinTolerance: true,
      toleranceBps: 200,
      differences: [
        {
          field: 'price',
          simulation: eur(1000),
          real: eur(1010),
          delta: 10,
          deltaBasisPoints: 100,
          withinTolerance: true,
        },
      ],
      maxDeltaBasisPoints: 100,
    });
  });

  it('reports very different actions field by field', () => {
    const sim: MarketplaceAction = { type: 'set_inventory', sku: 'A-1', quantity: 10 };
    const real: MarketplaceAction = { type: 'set_inventory', sku: 'A-2', quantity: 100 };
    const report = validator.validateActionConsistency(sim, real, { toleranceBps: 500 });
    expect(report.consistent).toBe(false);
    expect(report.withinTolerance).toBe(false);
    expect(report.maxDeltaBasisPoints).toBe(90_000);
    expect(report.differences).toEqual([
      { field: 'quantity', simulation: 10, real: 100, delta: 90, deltaBasisPoints: 90_000, withinTolerance: false },
      { field: 'sku', simulation: 'A-1', real: 'A-2', withinTolerance: false },
    ]);
  });

  it('names currency mismatches, differing id lists and different action types', () => {
    expect(
      validator.validateActionConsistency(price(1000), {
        type: 'set_price',
        sku: 'A-1',
        price: { amountMinor: 1000, currency: 'USD' },
      }).differences,
    ).toEqual([{ field: 'price.currency', simulation: 'EUR', real: 'USD', withinTolerance: false }]);
    const ids = validator.validateActionConsistency(
      { type: 'delete_listings', productIds: ['P-1', 'P-2'] },
      { type: 'delete_listings', productIds: ['P-2', 'P-3', 'P-4'] },
    );
    expect(ids.differences).toEqual([
      { field: 'productIds', simulation: ['P-1'], real: ['P-3', 'P-4'], delta: 1, withinTolerance: false },
    ]);
    const types = validator.validateActionConsistency(price(1000), { type: 'set_inventory', sku: 'A-1', quantity: 3 });
    expect(types.differences.map((d) => d.field)).toEqual(['price', 'quantity', 'type']);
  });
});

describe('compareSimulationVsRealPerformance', () => {
  const simulationResults = { orders: 200, conversionRate: 0.025, revenue: eur(500_000) };

  it('reports equal results as equal on every metric', () => {
    const comparison = validator.compareSimulationVsRealPerformance({
      simulationResults,
      realWorldResults: { ...simulationResults },
      tolerance: 500,
    });
    expect(comparison).toEqual({
      withinTolerance: true,
      summary: { compared: 3, withinTolerance: 3, outsideTolerance: 0, missing: 0 },
      metrics: [
        {
          metric: 'conversionRate',
          simulation: 0.025,
          real: 0.025,
          delta: 0,
          deltaBasisPoints: 0,
          toleranceBps: 500,
          withinTolerance: true,
          status: 'equal',
        },
        {
          metric: 'orders',
          simulation: 200,
          real: 200,
          delta: 0,
          deltaBasisPoints: 0,
          toleranceBps: 500,
          withinTolerance: true,
          status: 'equal',
        },
        {
          metric: 'revenue',
          simulation: eur(500_000),
          real: eur(500_000),
          delta: 0,
          deltaBasisPoints: 0,
          toleranceBps: 500,
          withinTolerance: true,
          status: 'equal',
        },
      ],
    });
  });

  it('reports slightly different results with per-metric deltas within tolerance', () => {
    const comparison = validator.compareSimulationVsRealPerformance({
      simulationResults,
      realWorldResults: { orders: 196, conversionRate: 0.026, revenue: eur(490_000) },
      tolerance: { defaultBps: 500, metrics: { conversionRate: 1_000 } },
    });
    expect(comparison.withinTolerance).toBe(true);
    expect(comparison.metrics).toEqual([
      expect.objectContaining({
        metric: 'conversionRate',
        deltaBasisPoints: 399,
        toleranceBps: 1_000,
        status: 'within_tolerance',
      }),
      expect.objectContaining({
        metric: 'orders',
        delta: -4,
        deltaBasisPoints: -200,
        toleranceBps: 500,
        status: 'within_tolerance',
      }),
      expect.objectContaining({
        metric: 'revenue',
        delta: -10_000,
        deltaBasisPoints: -200,
        status: 'within_tolerance',
      }),
    ]);
    expect(comparison.summary).toEqual({ compared: 3, withinTolerance: 3, outsideTolerance: 0, missing: 0 });
  });

  it('reports very different results, missing metrics and incomparable currencies', () => {
    const comparison = validator.compareSimulationVsRealPerformance({
      simulationResults: { ...simulationResults, returns: 0 },
      realWorldResults: { orders: 40, revenue: { amountMinor: 100_000, currency: 'USD' }, returns: 3 },
      tolerance: 500,
    });
    expect(comparison.withinTolerance).toBe(false);
    expect(comparison.metrics).toEqual([
      {
        metric: 'conversionRate',
        simulation: 0.025,
        real: undefined,
        toleranceBps: 500,
        withinTolerance: false,
        status: 'missing',
      },
      {
        metric: 'orders',
        simulation: 200,
        real: 40,
        delta: -160,
        deltaBasisPoints: -8_000,
        toleranceBps: 500,
        withinTolerance: false,
        status: 'outside_tolerance',
      },
      {
        metric: 'returns',
        simulation: 0,
        real: 3,
        delta: 3,
        deltaBasisPoints: null,
        toleranceBps: 500,
        withinTolerance: false,
        status: 'outside_tolerance',
      },
      {
        metric: 'revenue',
        simulation: eur(500_000),
        real: { amountMinor: 100_000, currency: 'USD' },
        toleranceBps: 500,
        withinTolerance: false,
        status: 'incomparable',
      },
    ]);
    expect(comparison.summary).toEqual({ compared: 4, withinTolerance: 0, outsideTolerance: 3, missing: 1 });
  });

  it('rejects a fractional tolerance with every problem at once', () => {
    expect(() =>
      validator.compareSimulationVsRealPerformance({
        simulationResults: { a: Number.NaN },
        realWorldResults: {},
        tolerance: 0.05,
      }),
    ).toThrow(ValidationError);
    try {
      validator.compareSimulationVsRealPerformance({
        simulationResults: { a: Number.NaN },
        realWorldResults: {},
        tolerance: 0.05,
      });
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([
        'simulationResults.a',
        'tolerance',
      ]);
    }
  });
});
