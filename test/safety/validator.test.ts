import { describe, expect, it } from 'vitest';
import { EventBus, type MarketbridgeEvents } from '../../src/core/events.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import type { MarketplaceAction } from '../../src/model/action.js';
import {
  ComplianceChecker,
  IntegrationValidator,
  factsFromState,
  revisionsPerListingPerDayPolicy,
  translateSimulationAction,
  type SafetyFacts,
  type SafetyRule,
} from '../../src/safety/index.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { MemoryStore } from '../../src/stores/memory-store.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const facts: SafetyFacts = {
  currency: 'EUR',
  catalogSize: 10,
  skuCount: 10,
  offers: { A: { price: eur(1000), cost: eur(600) }, B: { price: eur(2000), cost: eur(1500) } },
  stock: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`S${i}`, 5])),
};

function setup(options: ConstructorParameters<typeof IntegrationValidator>[0] = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
  const events = new EventBus();
  const blocked: MarketbridgeEvents['actionBlocked'][] = [];
  events.on('actionBlocked', (event) => blocked.push(event));
  const validator = new IntegrationValidator({
    ...options,
    context: { clock, events, store: new MemoryStore({ clock }), tenantId: 't1', ...options.context },
  });
  return { validator, clock, blocked };
}

const reasons = async (validator: IntegrationValidator, actions: MarketplaceAction[], marketplace?: string) =>
  (await validator.testSafetyConstraints(actions, { facts, ...(marketplace ? { marketplace } : {}) })).results.map(
    (r) => r.reason ?? 'safe',
  );

describe('IntegrationValidator built-in constraints', () => {
  it('checks cost, margin, ceiling and currency, and names rule and reason per action', async () => {
    const { validator, blocked } = setup({ constraints: { price: { ceiling: eur(5000), minMarginBps: 2000 } } });
    const report = await validator.testSafetyConstraints(
      [
        { type: 'set_price', sku: 'A', price: eur(1100) },
        { type: 'set_price', sku: 'A', price: eur(590) },
        { type: 'set_price', sku: 'B', price: eur(1800) },
        { type: 'set_price', sku: 'B', price: eur(2900) },
        { type: 'set_price', sku: 'A', price: { amountMinor: 1000, currency: 'USD' } },
        { type: 'create_listing', product: { title: 'Gold', offers: [{ sku: 'G', price: eur(9000) }] } },
      ],
      { facts },
    );
    expect(report.results.map((r) => [r.safe, r.rule, r.reason])).toEqual([
      [true, undefined, undefined],
      [false, 'price_to_cost', 'below_cost_limit'],
      [false, 'price_to_cost', 'below_min_margin'],
      [true, undefined, undefined],
      [false, 'currency', 'currency_mismatch'],
      [false, 'price_bounds', 'above_price_ceiling'],
    ]);
    expect(report).toMatchObject({ safe: false, blocked: 4 });
    expect(blocked.map((e) => e.reason)).toEqual([
      'below_cost_limit',
      'below_min_margin',
      'currency_mismatch',
      'above_price_ceiling',
    ]);
    expect(blocked[0]).toMatchObject({ actionType: 'set_price', tenantId: 't1' });
  });

  it('limits stock zeroing across a batch and keeps quantities sane', async () => {
    const { validator } = setup({ constraints: { stock: { maxZeroedShareBps: 2000, maxAdjustment: 100 } } });
    expect(
      await reasons(validator, [
        { type: 'set_inventory', sku: 'S0', quantity: 0 },
        { type: 'adjust_inventory', sku: 'S1', delta: -5 },
        { type: 'set_inventory', sku: 'S2', quantity: 0 },
        { type: 'set_inventory', sku: 'S3', quantity: 2_000_000 },
        { type: 'adjust_inventory', sku: 'S4', delta: 500 },
        { type: 'adjust_inventory', sku: 'S5', delta: -6 },
      ]),
    ).toEqual([
      'safe',
      'safe',
      'too_many_zeroed',
      'quantity_out_of_range',
      'quantity_out_of_range',
      'quantity_out_of_range',
    ]);
  });

  it('limits price change within a time window using the executed history', async () => {
    const { validator, clock } = setup({
      constraints: { price: { maxChangePerWindow: { bps: 1500, windowMs: 3_600_000 } } },
    });
    const step = (amountMinor: number): MarketplaceAction => ({ type: 'set_price', sku: 'A', price: eur(amountMinor) });
    expect(await reasons(validator, [step(1100)])).toEqual(['safe']);
    await validator.recordExecuted(step(1100), { facts });
    const afterFirst = { ...facts, offers: { ...facts.offers, A: { price: eur(1100), cost: eur(600) } } };
    // 1100 → 1200 is +9 % for this action, but +20 % against the price an hour ago (1000).
    const second = await validator.testSafetyConstraints([step(1200)], { facts: afterFirst });
    expect(second.results[0]).toMatchObject({ safe: false, rule: 'price_window', reason: 'window_change_too_large' });
    await clock.advance(3_600_001);
    expect((await validator.testSafetyConstraints([step(1200)], { facts: afterFirst })).results[0]!.safe).toBe(true);
  });

  it("applies eBay's revisions per listing per day, counting the batch and the history", async () => {
    const { validator, clock } = setup({
      marketplaces: { ebay: { price: { maxChangePerActionBps: 10_000 } } },
      tenants: { t1: { marketplaces: { ebay: { platform: { revisionsPerListingPerDay: 3 } } } } },
    });
    expect(validator.constraintsFor('ebay', 'other-tenant').platform?.revisionsPerListingPerDay).toBe(250);
    expect(validator.constraintsFor('ebay').platform?.revisionsPerListingPerDay).toBe(3);
    await validator.recordExecuted({ type: 'set_price', sku: 'A', price: eur(1001) }, { marketplace: 'ebay', facts });
    const batch: MarketplaceAction[] = [1, 2, 3].map((i) => ({ type: 'set_inventory', sku: 'A', quantity: i }));
    expect(await reasons(validator, batch, 'ebay')).toEqual(['safe', 'safe', 'platform_policy']);
    expect(await reasons(validator, batch, 'shopify')).toEqual(['safe', 'safe', 'safe']);
    await clock.advance(24 * 3_600_000);
    expect(await reasons(validator, batch, 'ebay')).toEqual(['safe', 'safe', 'safe']);
  });

  it('runs custom rules after the built-in ones and reports their own reasons', async () => {
    const weekdayOnly: SafetyRule = {
      name: 'no_sunday_deletes',
      check: (action, context) =>
        action.type === 'delete_listings' && new Date(context.now).getUTCDay() === 0
          ? { rule: 'no_sunday_deletes', reason: 'sunday', message: 'No deletes on Sundays.' }
          : undefined,
    };
    const { validator, blocked } = setup({
      rules: [weekdayOnly],
      constraints: { deletes: { maxCount: 1000, maxShareBps: 10_000 } },
    });
    // 2026-11-22 is a Sunday.
    const report = await validator.checkAction({ type: 'delete_listings', productIds: ['P-1'] }, { facts });
    expect(report._unsafeUnwrapErr()).toMatchObject({
      reason: 'blocked',
      violations: [{ rule: 'no_sunday_deletes', reason: 'sunday' }],
    });
    expect(blocked).toEqual([expect.objectContaining({ rule: 'no_sunday_deletes' })]);
    expect(
      (await validator.checkAction({ type: 'set_price', sku: 'A', price: eur(1000) }, { facts }))._unsafeUnwrap().type,
    ).toBe('set_price');
    expect((await validator.checkAction({ type: 'set_price' }))._unsafeUnwrapErr().reason).toBe('invalid_action');
  });

  it('rejects invalid configuration with every problem at once', () => {
    expect(
      () =>
        new IntegrationValidator({
          constraints: { price: { floor: { amountMinor: 1.5, currency: 'EUR' } } },
          marketplaces: { ebay: { deletes: { maxCount: -1 } } },
          tenants: {
            t: { constraints: { stock: { maxZeroedShareBps: 1.2 } }, marketplaces: { x: { nope: 1 } as never } },
          },
          rules: [{ name: 'broken' } as never],
        }),
    ).toThrow(ValidationError);
    try {
      new IntegrationValidator({ marketplaces: { ebay: { deletes: { maxCount: -1 } } }, rules: [{} as never] });
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([
        'marketplaces.ebay.deletes.maxCount',
        'rules.0',
      ]);
    }
  });

  it('builds facts from a simulated snapshot', () => {
    const simulated = new SimulatedMarketplace({ seed: 2, products: 4, variantsPerProduct: { min: 2, max: 2 } });
    const { products, inventory } = simulated.snapshot();
    const built = factsFromState(products, inventory);
    expect(built).toMatchObject({ catalogSize: 4, skuCount: 8, currency: 'EUR' });
    expect(Object.keys(built.offers ?? {})).toHaveLength(8);
  });
});

describe('ComplianceChecker', () => {
  it("runs a marketplace's policies over planned operations and returns the violations", async () => {
    const checker = new ComplianceChecker();
    const operations = [
      { type: 'create_listing', product: { title: 'x'.repeat(81), offers: [{ sku: 'L', price: eur(100) }] } },
      { type: 'create_listing', product: { title: 'Short', offers: [{ sku: 'S', price: eur(100) }] } },
    ].map((a) => translateSimulationAction(a as MarketplaceAction));
    const ebay = await checker.check('ebay-de', operations);
    expect(ebay).toMatchObject({
      marketplace: 'ebay-de',
      compliant: false,
      checked: 2,
      policies: ['ebay_title_length'],
    });
    expect(ebay.violations).toEqual([
      expect.objectContaining({ policy: 'ebay_title_length', operationIndex: 0, details: { length: 81, max: 80 } }),
    ]);
    expect((await checker.check('amazon', operations)).compliant).toBe(true);
    expect((await checker.check('my-shop', operations)).policies).toEqual([]);
  });

  it('counts revisions per listing per day over a batch', async () => {
    const checker = new ComplianceChecker({
      withoutBuiltins: true,
      policies: { ebay: [revisionsPerListingPerDayPolicy(2)] },
    });
    const operations = [1, 2, 3].map((q) =>
      translateSimulationAction({ type: 'set_inventory', sku: 'A', quantity: q }),
    );
    const report = await checker.check('ebay', operations);
    expect(report.violations.map((v) => v.operationIndex)).toEqual([2]);
  });

  it('feeds the validator, which blocks the violating action', async () => {
    const { validator } = setup();
    const report = await validator.testSafetyConstraints(
      [{ type: 'create_listing', product: { title: 'y'.repeat(90), offers: [{ sku: 'N', price: eur(100) }] } }],
      { marketplace: 'ebay', facts },
    );
    expect(report.results[0]).toMatchObject({
      safe: false,
      rule: 'policy:ebay_title_length',
      reason: 'platform_policy',
    });
  });
});
