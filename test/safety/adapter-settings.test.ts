import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { EventBus } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Money } from '../../src/model/money.js';
import { IntegrationValidator, RealWorldAdapter, type RealWorldAdapterOptions } from '../../src/safety/index.js';
import type { SimulatedConfig } from '../../src/simulated/config.js';
import type { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { capturingFactory } from './helpers.js';

const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });
const wideOpen = {
  deletes: { maxCount: 1000, maxShareBps: 10_000, maxPerWindow: { maxShareBps: 10_000, windowMs: 86_400_000 } },
};

async function adapterWith(options: Partial<RealWorldAdapterOptions>, config: SimulatedConfig = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 8));
  const events = new EventBus();
  const context = { clock, events, store: new MemoryStore({ clock }), tenantId: 'seller-1', logger: silentLogger };
  const validator = new IntegrationValidator({ context, constraints: wideOpen });
  const { factory, instances } = capturingFactory();
  const adapter = new RealWorldAdapter({ mode: 'simulation', context, validator, factory, ...options });
  const connected = await adapter.initializeMarketplaceConnection({
    marketplace: 'simulated',
    config: { seed: 3, products: 20, rateLimit: false, ...config },
  });
  if (connected.isErr()) throw new Error(connected.error.message);
  return { adapter, clock, events, simulated: instances[0] as SimulatedMarketplace };
}

function issuesOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.path.join('.')).sort();
  }
  throw new Error('expected a ValidationError');
}

describe('RealWorldAdapter settings', () => {
  it('takes all four settings as constructor options, and they take effect', async () => {
    const { adapter, clock, events, simulated } = await adapterWith(
      {
        rateLimit: { ratePerSecond: 1, burst: 1 },
        errorHandling: { rollbackOnFailure: false, maxRetries: 0 },
        stateSync: { includeOrders: false },
        privacy: { secrets: ['SKU-SECRET-PART'], redactFields: ['note'] },
      },
      {
        orders: { perHour: 600 },
        failures: { schedule: [{ operation: 'deleteProducts', call: 1, kind: 'partial_write', applied: 1 }] },
      },
    );
    expect(adapter.settings).toEqual({
      rateLimit: { ratePerSecond: 1, burst: 1, scope: 'connection' },
      errorHandling: { maxRetries: 0, retryDelayMs: 1000, rollbackOnFailure: false },
      stateSync: { conflictStrategy: 'remote_wins', tieBreaker: 'remote_wins', includeOrders: false },
      privacy: { anonymiseCustomerData: true, redactFields: ['note'], secretCount: 1 },
    });
    let throttled = 0;
    events.on('throttled', () => throttled++);
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    await clock.drive(async () => {
      for (const delta of [1, 2])
        await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + delta) });
    });
    expect(throttled).toBe(1);
    // Rollback is off from the start: the partial delete stays, and the adapter says so.
    const failed = await clock.drive(() =>
      adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001', 'P-00002'] }),
    );
    expect(failed._unsafeUnwrapErr().report?.rollback?.reason).toMatch(/disabled/);
    expect(
      adapter.getIntegrationLogs({ level: 'warn' }).some((e) => /rollback on failure is OFF/.test(e.message)),
    ).toBe(true);
    await clock.advance(3_600_000);
    const snapshot = await adapter.syncStateFromRealWorld();
    expect(snapshot.marketplaces[0]!.orders).toEqual([]);
    adapter.getIntegrationLogs(); // readable
  });

  it('redacts logs with the constructor privacy settings', async () => {
    const { adapter, clock, simulated } = await adapterWith({ privacy: { secrets: ['P-00001'] } });
    expect(simulated.snapshot().products.some((product) => product.id === 'P-00001')).toBe(true);
    await clock.drive(() => adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001'] }));
    const logs = JSON.stringify(adapter.getIntegrationLogs());
    expect(logs).toContain('delete_listings');
    expect(logs).not.toContain('P-00001');
  });

  it('rejects invalid constructor settings with one ValidationError naming every problem', () => {
    const paths = issuesOf(
      () =>
        new RealWorldAdapter({
          mode: 'live',
          rateLimit: { ratePerSecond: 0, burst: 1 },
          errorHandling: { maxRetries: -1 },
          stateSync: { conflictStrategy: 'newest' as never },
          privacy: { salt: '' },
        }),
    );
    expect(paths).toEqual([
      'confirmLive',
      'errorHandling.maxRetries',
      'privacy.salt',
      'rateLimit.ratePerSecond',
      'stateSync.conflictStrategy',
    ]);
  });

  it('leaves the settings untouched when a configure call is invalid, and replaces them whole when it is valid', async () => {
    const { adapter } = await adapterWith({ errorHandling: { maxRetries: 1 } });
    const before = adapter.settings;
    expect(issuesOf(() => adapter.configureRateLimiting({ ratePerSecond: 1, burst: 0 }))).toEqual(['burst']);
    expect(issuesOf(() => adapter.configureErrorHandling({ maxRetries: 1, retryDelayMs: -5 }))).toEqual([
      'retryDelayMs',
    ]);
    expect(issuesOf(() => adapter.configureStateSync({ fields: { price: 'x' as never } }))).toEqual(['fields.price']);
    expect(issuesOf(() => adapter.configurePrivacySettings({ redactFields: [''] }))).toEqual(['redactFields.0']);
    expect(adapter.settings).toBe(before);
    expect(adapter.configureErrorHandling({ retryDelayMs: 0 })).toBe(adapter);
    expect(adapter.settings).not.toBe(before);
    expect(adapter.settings.errorHandling).toEqual({ maxRetries: 1, retryDelayMs: 0, rollbackOnFailure: true });
    expect(before.errorHandling.retryDelayMs).toBe(1000);
  });

  it('runs each action with the settings it started with; a reconfiguration applies to the next action', async () => {
    const { adapter, clock, events, simulated } = await adapterWith(
      { rateLimit: { ratePerSecond: 1, burst: 1 } },
      {
        failures: {
          schedule: [
            { operation: 'deleteProducts', call: 1, kind: 'partial_write', applied: 1 },
            { operation: 'deleteProducts', call: 2, kind: 'partial_write', applied: 1 },
          ],
        },
      },
    );
    const offer = simulated.snapshot().products[5]!.offers[0]!;
    await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + 1) }),
    );
    // The delete below waits for a token: while it waits, rollback is switched off.
    let reconfigured = false;
    events.on('throttled', () => {
      if (reconfigured) return;
      reconfigured = true;
      adapter.configureErrorHandling({ rollbackOnFailure: false });
    });
    const first = await clock.drive(() =>
      adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001', 'P-00002'] }),
    );
    expect(reconfigured).toBe(true);
    expect(adapter.settings.errorHandling.rollbackOnFailure).toBe(false);
    const firstReport = first._unsafeUnwrapErr().report!;
    expect(firstReport.rollback).toMatchObject({ attempted: true, restored: true });
    expect(simulated.snapshot().products.filter((p) => p.title === firstReport.action.type)).toEqual([]);
    // The next action starts with rollback off.
    const second = await clock.drive(() =>
      adapter.executeAction({ type: 'delete_listings', productIds: ['P-00003', 'P-00004'] }),
    );
    expect(second._unsafeUnwrapErr().report?.rollback?.reason).toMatch(/disabled/);
  });

  it('keeps redacting a running action with the privacy settings it started with', async () => {
    const { adapter, clock, events, simulated } = await adapterWith({ rateLimit: { ratePerSecond: 1, burst: 1 } });
    const [first, second] = simulated.snapshot().products.map((product) => product.offers[0]!);
    await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: first!.sku, price: eur(first!.price.amountMinor + 1) }),
    );
    let reconfigured = false;
    events.on('throttled', () => {
      if (reconfigured) return;
      reconfigured = true;
      adapter.configurePrivacySettings({ secrets: [second!.sku] });
    });
    const since = clock.now();
    await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: second!.sku, price: eur(second!.price.amountMinor + 1) }),
    );
    expect(reconfigured).toBe(true);
    const running = adapter.getIntegrationLogs({ since }).map((entry) => entry.message);
    expect(running.some((message) => message.includes(`applied set_price`) && message.includes(second!.sku))).toBe(
      true,
    );
    const later = clock.now();
    await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: second!.sku, price: eur(second!.price.amountMinor + 2) }),
    );
    const next = adapter.getIntegrationLogs({ since: later + 1 }).map((entry) => entry.message);
    expect(next.some((message) => message.includes('applied set_price'))).toBe(true);
    expect(next.some((message) => message.includes(second!.sku))).toBe(false);
  });

  it('exposes the settings frozen through and through, without secrets or salt, and keeps the caller’s objects its own', async () => {
    const fields = { price: 'local_wins' as const };
    const redactFields = ['note'];
    const { adapter } = await adapterWith({
      stateSync: { fields },
      privacy: { redactFields, secrets: ['tok_live_123'], salt: 'tenant-salt' },
    });
    const { settings } = adapter;
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.errorHandling)).toBe(true);
    expect(Object.isFrozen(settings.stateSync.fields)).toBe(true);
    expect(Object.isFrozen(settings.privacy.redactFields)).toBe(true);
    expect(() => {
      (settings.errorHandling as { maxRetries: number }).maxRetries = 9;
    }).toThrow(TypeError);
    expect(settings.errorHandling.maxRetries).toBe(2);
    expect(JSON.stringify(settings)).not.toMatch(/tok_live_123|tenant-salt/);
    expect(settings.privacy.secretCount).toBe(1);
    expect(Object.isFrozen(fields) || Object.isFrozen(redactFields)).toBe(false);
    fields.price = 'remote_wins' as never;
    expect(adapter.settings.stateSync.fields?.price).toBe('local_wins');
  });
});
