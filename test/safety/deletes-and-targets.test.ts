import { describe, expect, it } from 'vitest';
import { IntegrationValidator } from '../../src/safety/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { catalogBySku, simulationAdapter } from './helpers.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `P-${String(from + i).padStart(5, '0')}`);
const DAY = 86_400_000;

describe('delete caps over a sliding window', () => {
  it('four deletes of 15 cannot remove more than 10 % of 200 listings within a day', async () => {
    const { adapter, simulated, clock, seen } = await simulationAdapter({ products: 200 });
    const first = await adapter.executeAction({ type: 'delete_listings', productIds: ids(1, 15) });
    expect(first._unsafeUnwrap().status).toBe('applied');
    for (const start of [16, 31, 46]) {
      const next = await adapter.executeAction({ type: 'delete_listings', productIds: ids(start, 15) });
      expect(next._unsafeUnwrapErr()).toMatchObject({
        reason: 'blocked',
        report: { validation: { reason: 'delete_share_in_window_too_large' } },
      });
      expect(next._unsafeUnwrapErr().message).toMatch(/30 of 200 within 24 hour\(s\) \(15 already deleted\)/);
    }
    expect(simulated.snapshot().products).toHaveLength(185);
    expect(seen.actionBlocked?.map((event) => event.rule)).toEqual(['delete_window', 'delete_window', 'delete_window']);

    // A day later the window has moved on: another 15 of (now) 185 is within 10 %.
    await clock.advance(DAY + 1);
    expect(
      (await adapter.executeAction({ type: 'delete_listings', productIds: ids(16, 15) }))._unsafeUnwrap().status,
    ).toBe('applied');
    expect(simulated.snapshot().products).toHaveLength(170);
  });

  it('applies a count cap per window, and a batch counts before it runs', async () => {
    const { adapter } = await simulationAdapter(
      { products: 100 },
      { deletes: { maxPerWindow: { maxCount: 5, windowMs: 3_600_000 } } },
    );
    expect(
      (await adapter.executeAction({ type: 'delete_listings', productIds: ids(1, 3) }))._unsafeUnwrap().status,
    ).toBe('applied');
    const over = await adapter.executeAction({ type: 'delete_listings', productIds: ids(4, 3) });
    expect(over._unsafeUnwrapErr().report?.validation).toMatchObject({
      reason: 'too_many_deletes_in_window',
      violations: [
        expect.objectContaining({ details: expect.objectContaining({ executed: 3, total: 6, maxCount: 5 }) }),
      ],
    });
    expect(
      (await adapter.executeAction({ type: 'delete_listings', productIds: ids(4, 2) }))._unsafeUnwrap().status,
    ).toBe('applied');
  });

  it('keeps the window in the shared store, so a second validator on it sees the first one’s deletes', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const facts = { catalogSize: 100 };
    const one = new IntegrationValidator({ context: { store, clock } });
    const two = new IntegrationValidator({ context: { store, clock } });
    await one.recordExecuted({ type: 'delete_listings', productIds: ids(1, 8) }, { marketplace: 'shop' });
    const report = await two.testSafetyConstraints([{ type: 'delete_listings', productIds: ids(9, 3) }], {
      marketplace: 'shop',
      facts: { catalogSize: 92 },
    });
    expect(report.results[0]).toMatchObject({ safe: false, reason: 'delete_share_in_window_too_large' });
    expect(
      (
        await two.testSafetyConstraints([{ type: 'delete_listings', productIds: ids(9, 2) }], {
          marketplace: 'shop',
          facts: { catalogSize: 92 },
        })
      ).safe,
    ).toBe(true);
    expect(
      (
        await two.testSafetyConstraints([{ type: 'delete_listings', productIds: ids(9, 3) }], {
          marketplace: 'other',
          facts,
        })
      ).safe,
    ).toBe(true);
  });
});

describe('actions on things that are not there', () => {
  it('reports already-deleted and unknown ids as such, and sends nothing', async () => {
    const { adapter, simulated } = await simulationAdapter({ products: 40 });
    (await adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001', 'P-00002'] }))._unsafeUnwrap();
    const before = catalogBySku(simulated);
    const calls = simulated.stats().calls.deleteProducts;
    const again = (
      await adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001', 'P-00003', 'P-99999'] })
    )._unsafeUnwrapErr();
    expect(again.reason).toBe('not_found');
    expect(again.report?.status).toBe('blocked');
    expect(again.report?.validation.violations).toEqual([
      expect.objectContaining({ reason: 'already_deleted', details: expect.objectContaining({ ids: ['P-00001'] }) }),
      expect.objectContaining({ reason: 'unknown_target', details: { kind: 'listing', ids: ['P-99999'] } }),
    ]);
    expect(again.message).toMatch(/Already deleted: P-00001 \(at 2026-11-22T08:00:00\.000Z\)/);
    expect(catalogBySku(simulated)).toEqual(before);
    expect(simulated.stats().calls.deleteProducts).toBe(calls);
  });

  it('a dry run on an unknown SKU does not pass; one on a real SKU does', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const price = await adapter.dryRun({ type: 'set_price', sku: 'NO-SUCH-SKU', price: eur(1999) });
    expect(price._unsafeUnwrapErr()).toMatchObject({
      reason: 'not_found',
      report: { status: 'blocked', validation: { reason: 'unknown_target' } },
    });
    expect(price._unsafeUnwrapErr().message).toMatch(/SKU NO-SUCH-SKU does not exist/);
    const stock = await adapter.dryRun({ type: 'set_inventory', sku: 'NO-SUCH-SKU', quantity: 5 });
    expect(stock._unsafeUnwrapErr().reason).toBe('not_found');
    const order = await adapter.dryRun({ type: 'acknowledge_orders', orderIds: ['no-such-order'] });
    expect(order._unsafeUnwrapErr()).toMatchObject({
      reason: 'not_found',
      message: expect.stringMatching(/order no-such-order/),
    });
    const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
    expect((await adapter.dryRun({ type: 'set_inventory', sku, quantity: 5 }))._unsafeUnwrap().status).toBe('dry_run');
  });

  it('a real write to an unknown SKU is refused before anything is sent', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const result = await adapter.executeAction({ type: 'adjust_inventory', sku: 'GHOST-1', delta: 3 });
    expect(result._unsafeUnwrapErr().reason).toBe('not_found');
    expect(simulated.stats().calls.adjustInventory).toBeUndefined();
  });
});
