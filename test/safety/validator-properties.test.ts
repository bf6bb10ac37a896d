import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntegrationValidator, type SafetyFacts } from '../../src/safety/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const numRuns = Number(process.env.MB_PROPERTY_RUNS ?? 200);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const validatorWith = (constraints: ConstructorParameters<typeof IntegrationValidator>[0]) =>
  new IntegrationValidator({
    withoutDefaults: true,
    compliance: false,
    context: { clock: new FakeClock() },
    ...constraints,
  });
const factsFor = (sku: string, price: number, extra: SafetyFacts = {}): SafetyFacts => ({
  currency: 'EUR',
  offers: { [sku]: { price: eur(price) } },
  ...extra,
});

describe('IntegrationValidator properties', () => {
  it('blocks every price below the floor and no price at or above it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        async (floor, price) => {
          const validator = validatorWith({ constraints: { price: { floor: eur(floor) } } });
          const report = await validator.testSafetyConstraints([{ type: 'set_price', sku: 'A', price: eur(price) }], {
            facts: factsFor('A', floor),
          });
          const verdict = report.results[0]!;
          expect(verdict.safe).toBe(price >= floor);
          if (!verdict.safe) expect(verdict).toMatchObject({ rule: 'price_bounds', reason: 'below_price_floor' });
        },
      ),
      { numRuns },
    );
  });

  it('blocks every change beyond the per-action limit (100 %) and none within it (0 false blocks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        fc.nat(),
        async (current, maxBps, beyond, up, within) => {
          const validator = validatorWith({ constraints: { price: { maxChangePerActionBps: maxBps } } });
          const maxDelta = Math.floor((maxBps * current) / 10_000);
          // In range: any delta in [-min(maxDelta, current), maxDelta].
          const low = -Math.min(maxDelta, current);
          const inRange = current + low + (within % (maxDelta - low + 1));
          const ok = await validator.testSafetyConstraints([{ type: 'set_price', sku: 'A', price: eur(inRange) }], {
            facts: factsFor('A', current),
          });
          expect(ok.results[0]!.safe).toBe(true);
          // Out of range: one minor unit or more beyond the limit, either way (if the price stays >= 0).
          const outOfRange =
            up || current - maxDelta - beyond < 0 ? current + maxDelta + beyond : current - maxDelta - beyond;
          const blocked = await validator.testSafetyConstraints(
            [{ type: 'set_price', sku: 'A', price: eur(outOfRange) }],
            { facts: factsFor('A', current) },
          );
          expect(blocked.results[0]).toMatchObject({
            safe: false,
            rule: 'price_change',
            reason: 'price_change_too_large',
          });
        },
      ),
      { numRuns },
    );
  });

  it('blocks every delete over the count or share cap and none under both', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1_500 }),
        async (catalogSize, maxCount, maxShareBps, count) => {
          const validator = validatorWith({ constraints: { deletes: { maxCount, maxShareBps } } });
          const productIds = Array.from({ length: count }, (_, i) => `P-${i}`);
          const report = await validator.testSafetyConstraints([{ type: 'delete_listings', productIds }], {
            facts: { catalogSize },
          });
          const overCount = count > maxCount;
          const overShare = count * 10_000 > maxShareBps * catalogSize;
          expect(report.results[0]!.safe).toBe(!overCount && !overShare);
          if (overCount) expect(report.results[0]!.reason).toBe('too_many_deletes');
          else if (overShare) expect(report.results[0]!.reason).toBe('delete_share_too_large');
        },
      ),
      { numRuns },
    );
  });

  it('counts deletes over the whole batch, so splitting a mass delete does not get around the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 30 }),
        async (maxCount, sizes) => {
          const validator = validatorWith({ constraints: { deletes: { maxCount } } });
          let next = 0;
          const actions = sizes.map((size) => ({
            type: 'delete_listings' as const,
            productIds: Array.from({ length: size }, () => `P-${next++}`),
          }));
          const report = await validator.testSafetyConstraints(actions, { facts: { catalogSize: 1_000_000 } });
          let total = 0;
          for (const [i, size] of sizes.entries()) {
            const allowed = total + size <= maxCount;
            expect(report.results[i]!.safe).toBe(allowed);
            if (allowed) total += size;
          }
          expect(total).toBeLessThanOrEqual(maxCount);
        },
      ),
      { numRuns },
    );
  });

  it('never blocks in-range actions under the default constraints', async () => {
    const sku = fc.constantFrom('A', 'B', 'C', 'D');
    const action = fc.oneof(
      fc.record({ type: fc.constant('set_price' as const), sku, bps: fc.integer({ min: -5_000, max: 5_000 }) }),
      fc.record({ type: fc.constant('set_inventory' as const), sku, quantity: fc.integer({ min: 1, max: 1_000_000 }) }),
      fc.record({
        type: fc.constant('adjust_inventory' as const),
        sku,
        delta: fc.integer({ min: -10, max: 1_000 }).filter((d) => d !== 0),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10_000, max: 1_000_000 }), action, async (price, generated) => {
        const validator = new IntegrationValidator({ compliance: false, context: { clock: new FakeClock() } });
        const facts: SafetyFacts = {
          currency: 'EUR',
          catalogSize: 100,
          skuCount: 100,
          offers: Object.fromEntries(
            ['A', 'B', 'C', 'D'].map((s) => [s, { price: eur(price), cost: eur(Math.floor(price / 2)) }]),
          ),
          stock: { A: 10, B: 10, C: 10, D: 10 },
        };
        // Within ±50 %, never below cost (half the price): in range for every default constraint.
        const concrete =
          generated.type === 'set_price'
            ? {
                type: 'set_price' as const,
                sku: generated.sku,
                price: eur(price + Math.trunc((price * generated.bps) / 10_000)),
              }
            : generated;
        const report = await validator.testSafetyConstraints([concrete as never], { facts });
        expect(report.results[0]!.violations).toEqual([]);
      }),
      { numRuns },
    );
  });
});
