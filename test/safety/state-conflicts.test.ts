import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import type { AdapterStateSync, LocalStateChange, SimulationStateConflict } from '../../src/safety/index.js';
import { simulationAdapter } from './helpers.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const skip = { validation: { skip: true as const, reason: 'test setup' } };

/**
 * A simulated marketplace whose first SKU's price the real side changes to 12.34 EUR while
 * the simulation changes it to 9.99 EUR `localAfterMs` later.
 */
async function priceConflict(settings: AdapterStateSync, localAfterMs: number) {
  const setup = await simulationAdapter();
  const { adapter, simulated, clock } = setup;
  adapter.configureStateSync(settings);
  await adapter.syncStateFromRealWorld();
  const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
  await adapter.executeAction({ type: 'set_price', sku, price: eur(1234) }, skip);
  await clock.advance(localAfterMs);
  const local: LocalStateChange = {
    sku,
    field: 'price',
    value: eur(999),
    changedAt: new Date(clock.now()).toISOString(),
  };
  const updates = await adapter.getStateUpdatesForSimulation({ localChanges: [local] });
  const handedOver = updates.marketplaces[0]!.products.changed[0]!.offers.find((o) => o.sku === sku)!.price;
  return { ...setup, sku, updates, conflict: updates.conflicts[0] as SimulationStateConflict, handedOver };
}

describe('state sync conflicts go through the sync ConflictResolver', () => {
  it('most_recent treats changes inside the clock-skew tolerance as a tie, broken toward the marketplace', async () => {
    const { conflict, handedOver } = await priceConflict({ conflictStrategy: 'most_recent' }, 1_000);
    expect(conflict).toMatchObject({ strategy: 'most_recent', resolution: 'remote', value: eur(1234) });
    expect(conflict.explanation).toContain('clock-skew tolerance');
    expect(handedOver).toEqual(eur(1234));
  });

  it('most_recent takes the later side beyond the tolerance, with the gap in the explanation', async () => {
    const { conflict, handedOver } = await priceConflict(
      { conflictStrategy: 'most_recent', skewToleranceMs: 500 },
      1_000,
    );
    expect(conflict).toMatchObject({ strategy: 'most_recent', resolution: 'local', value: eur(999) });
    expect(conflict.explanation).toMatch(/local changed 1000 ms after remote \(tolerance 500 ms\)/);
    expect(handedOver).toEqual(eur(999));
  });

  it('a most_recent tie with the manual tie-breaker parks a task in the context store', async () => {
    const { adapter, conflict, store } = await priceConflict(
      { conflictStrategy: 'most_recent', tieBreaker: 'manual' },
      1_000,
    );
    expect(conflict).toMatchObject({
      strategy: 'most_recent',
      resolution: 'manual',
      value: eur(999),
      taskId: expect.any(String),
    });
    expect((await adapter.conflictTasks.list('open')).map((t) => t.id)).toEqual([conflict.taskId]);
    expect(await store.list('safety:conflicts:seller-1:')).toHaveLength(1);
  });

  it('manual creates a task a person resolves; the conflict event and a warn log say so', async () => {
    const { adapter, conflict, sku, seen } = await priceConflict({ conflictStrategy: 'manual' }, 60_000);
    expect(conflict).toMatchObject({
      strategy: 'manual',
      resolution: 'manual',
      taskId: `simulated:${sku}#price`,
      value: eur(999),
    });
    expect(conflict.explanation).toContain('parked as task');
    expect(seen.conflict).toEqual([
      expect.objectContaining({ key: `simulated:${sku}`, field: 'price', resolution: 'manual' }),
    ]);
    const [task] = await adapter.conflictTasks.list('open');
    expect(task?.conflict).toMatchObject({
      local: { value: eur(999) },
      remote: { value: eur(1234) },
      base: expect.any(Object),
    });
    expect((await adapter.conflictTasks.resolve(task!.id, eur(1100)))._unsafeUnwrap().status).toBe('resolved');
    expect(adapter.getIntegrationLogs({ level: 'warn' }).some((e) => e.message.includes('left undecided'))).toBe(true);
  });

  it('a custom strategy function decides and explains', async () => {
    const lower = ({
      local,
      remote,
    }: {
      local: { value: { amountMinor: number } };
      remote: { value: { amountMinor: number } };
    }) => ({
      value: local.value.amountMinor < remote.value.amountMinor ? local.value : remote.value,
      explanation: 'the lower price sells',
    });
    const { conflict, handedOver, seen } = await priceConflict({ fields: { price: lower } }, 60_000);
    expect(conflict).toMatchObject({
      strategy: 'custom',
      resolution: 'custom',
      value: eur(999),
      explanation: 'Custom strategy: the lower price sells',
    });
    expect(handedOver).toEqual(eur(999));
    expect(seen.conflict).toEqual([expect.objectContaining({ strategy: 'custom', resolution: 'custom' })]);
  });

  it('a throwing custom strategy leaves the simulation value, marked unresolved, without throwing', async () => {
    const { conflict, handedOver } = await priceConflict(
      {
        conflictStrategy: () => {
          throw new Error('pricing service down');
        },
      },
      60_000,
    );
    expect(conflict).toMatchObject({ strategy: 'custom', resolution: 'unresolved', value: eur(999) });
    expect(conflict.explanation).toContain('pricing service down');
    expect(handedOver).toEqual(eur(999));
  });

  it("merge counts both sides' stock changes since the last sync", async () => {
    const { adapter, simulated } = await simulationAdapter({ initialStock: { min: 20, max: 20 } });
    adapter.configureStateSync({ fields: { available: 'merge' } });
    await adapter.syncStateFromRealWorld();
    const level = simulated.snapshot().inventory[0]!;
    await adapter.executeAction(
      { type: 'set_inventory', sku: level.sku, locationId: level.locationId, quantity: 17 },
      skip,
    );
    const local: LocalStateChange = {
      sku: level.sku,
      field: 'available',
      locationId: level.locationId,
      value: 22,
      changedAt: new Date(0).toISOString(),
    };
    const updates = await adapter.getStateUpdatesForSimulation({ localChanges: [local] });
    expect(updates.conflicts).toEqual([
      expect.objectContaining({
        field: 'available',
        strategy: 'merge',
        resolution: 'merged',
        local: 22,
        remote: 17,
        value: 19,
      }),
    ]);
    expect(updates.conflicts[0]!.explanation).toContain('Three-way merge');
    expect(updates.marketplaces[0]!.inventory.find((l) => l.sku === level.sku)?.available).toBe(19);
  });

  it('rejects bad settings all at once, strategies checked by the resolver', async () => {
    const { adapter } = await simulationAdapter();
    const bad = () =>
      adapter.configureStateSync({
        conflictStrategy: 'newest' as never,
        skewToleranceMs: -1,
        includeOrders: 'yes' as never,
      });
    expect(bad).toThrow(ValidationError);
    const issues = (() => {
      try {
        bad();
        return [];
      } catch (error) {
        return (error as ValidationError).issues;
      }
    })();
    expect(issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'conflictStrategy',
      'includeOrders',
      'skewToleranceMs',
    ]);
    expect(() => adapter.configureStateSync({ fields: { price: 'x' as never } })).toThrow(ValidationError);
  });
});
