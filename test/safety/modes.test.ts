import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { MarketplaceFactory } from '../../src/core/marketplace-factory.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { simulationAdapter } from './helpers.js';

const TOKEN = 'tok_live_7f3a9c1e2b';

/** A connector stand-in: it would reach the network, so only sandbox/live may create it. */
function factoryWithConnector() {
  return new MarketplaceFactory()
    .register(
      defineMarketplace({
        name: 'acme',
        configSchema: z
          .object({
            token: z.string().min(1),
            environment: z.enum(['sandbox', 'production']).optional(),
            baseUrl: z.string().url().optional(),
          })
          .strict(),
        create: (_config, context) =>
          new SimulatedMarketplace({ name: 'acme', seed: 1, products: 3, rateLimit: false }, context),
      }),
    )
    .register(
      defineMarketplace({
        name: 'simulated',
        configSchema: z.object({ seed: z.number().optional() }),
        create: (c, context) => new SimulatedMarketplace({ ...c, rateLimit: false }, context),
      }),
    );
}

const adapterIn = (mode: 'simulation' | 'sandbox' | 'live', extra: Record<string, unknown> = {}) =>
  new RealWorldAdapter({
    mode,
    factory: factoryWithConnector(),
    context: { clock: new FakeClock() },
    ...extra,
  } as never);

describe('RealWorldAdapter modes', () => {
  it('cannot enter live mode without confirmation in configuration', () => {
    expect(() => adapterIn('live')).toThrow(ValidationError);
    expect(() => adapterIn('live', { confirmLive: false })).toThrow(/confirmLive: true/);
    try {
      adapterIn('live');
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: ['confirmLive'] })]);
    }
    expect(adapterIn('live', { confirmLive: true }).mode).toBe('live');
  });

  it('cannot switch to live mode without confirmation, and switching closes connections', async () => {
    const adapter = adapterIn('sandbox');
    await adapter.initializeMarketplaceConnection({
      marketplace: 'acme',
      config: { token: TOKEN, environment: 'sandbox' },
    });
    expect(() => adapter.setMode('live')).toThrow(ValidationError);
    expect(adapter.mode).toBe('sandbox');
    expect(adapter.connections()).toHaveLength(1);
    adapter.setMode('live', { confirmLive: true });
    expect(adapter.mode).toBe('live');
    expect(adapter.connections()).toEqual([]);
  });

  it('creates only offline marketplaces in simulation mode', async () => {
    const adapter = adapterIn('simulation');
    const refused = await adapter.initializeMarketplaceConnection({
      marketplace: 'acme',
      config: { token: TOKEN, environment: 'sandbox' },
    });
    expect(refused._unsafeUnwrapErr().reason).toBe('simulation_only');
    const simulated = await adapter.initializeMarketplaceConnection({ marketplace: 'simulated', config: { seed: 2 } });
    expect(simulated._unsafeUnwrap()).toEqual({
      id: 'simulated',
      marketplace: 'simulated',
      platform: 'simulated',
      environment: 'offline',
    });
  });

  it('needs each connector pointed at its sandbox in sandbox mode', async () => {
    const adapter = adapterIn('sandbox');
    const unselected = await adapter.initializeMarketplaceConnection({ marketplace: 'acme', config: { token: TOKEN } });
    expect(unselected._unsafeUnwrapErr()).toMatchObject({
      reason: 'sandbox_not_selected',
      message: expect.stringMatching(/environment: 'sandbox'/),
    });
    const production = await adapter.initializeMarketplaceConnection({
      marketplace: 'acme',
      config: { token: TOKEN, environment: 'production' },
    });
    expect(production._unsafeUnwrapErr().reason).toBe('sandbox_not_selected');
    const sandbox = await adapter.initializeMarketplaceConnection({
      id: 'acme-1',
      marketplace: 'acme',
      config: { token: TOKEN, environment: 'sandbox' },
    });
    expect(sandbox._unsafeUnwrap().environment).toBe('sandbox');
    const override = await adapter.initializeMarketplaceConnection({
      id: 'acme-2',
      marketplace: 'acme',
      config: { token: TOKEN, baseUrl: 'http://127.0.0.1:9/' },
    });
    expect(override._unsafeUnwrap().environment).toBe('sandbox');
    const duplicate = await adapter.initializeMarketplaceConnection({
      id: 'acme-2',
      marketplace: 'acme',
      config: { token: TOKEN, environment: 'sandbox' },
    });
    expect(duplicate._unsafeUnwrapErr().reason).toBe('duplicate_connection');
  });

  it('reports invalid connector configuration with every issue, and never logs its secrets', async () => {
    const adapter = adapterIn('live', { confirmLive: true });
    const invalid = await adapter.initializeMarketplaceConnection({
      marketplace: 'acme',
      config: { environment: 'staging' },
    });
    const error = invalid._unsafeUnwrapErr();
    expect(error.reason).toBe('invalid_config');
    expect((error.details!.issues as unknown[]).length).toBe(2);
    const live = await adapter.initializeMarketplaceConnection({ marketplace: 'acme', config: { token: TOKEN } });
    expect(live._unsafeUnwrap().environment).toBe('production');
    expect(JSON.stringify(adapter.getIntegrationLogs())).not.toContain(TOKEN);
  });
});

describe('validation cannot be skipped silently', () => {
  const dangerous = (sku: string) => ({ type: 'set_price' as const, sku, price: { amountMinor: 1, currency: 'EUR' } });

  it('blocks without an opt-out, and refuses an opt-out without a reason', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
    expect((await adapter.executeAction(dangerous(sku)))._unsafeUnwrapErr().reason).toBe('blocked');
    await expect(adapter.executeAction(dangerous(sku), { validation: { skip: true } as never })).rejects.toThrow(
      ValidationError,
    );
    await expect(adapter.executeAction(dangerous(sku), { validation: { skip: true, reason: '' } })).rejects.toThrow(
      /reason/,
    );
    await expect(adapter.executeAction(dangerous(sku), { validation: true as never })).rejects.toThrow(ValidationError);
    expect(simulated.snapshot().products[0]!.offers[0]!.price.amountMinor).not.toBe(1);
    expect(() => new RealWorldAdapter({ mode: 'simulation', validation: { skip: true } as never })).toThrow(
      ValidationError,
    );
  });

  it('logs and reports an explicit per-call opt-out', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
    const result = await adapter.executeAction(dangerous(sku), {
      validation: { skip: true, reason: 'clearance approved in OPS-42' },
    });
    const report = result._unsafeUnwrap();
    expect(report.validation).toEqual({ status: 'skipped', reason: 'clearance approved in OPS-42', violations: [] });
    expect(adapter.getIntegrationLogs({ level: 'warn' }).map((e) => e.message)).toContainEqual(
      expect.stringMatching(/validation SKIPPED .*OPS-42/),
    );
  });

  it('shows an adapter-wide opt-out in logs, every report and the health status', async () => {
    const adapter = new RealWorldAdapter({
      mode: 'simulation',
      context: { clock: new FakeClock() },
      validation: { skip: true, reason: 'load test on the simulator' },
    });
    await adapter.initializeMarketplaceConnection({
      marketplace: 'simulated',
      config: { seed: 1, products: 3, rateLimit: false },
    });
    const sku = (await adapter.syncStateFromRealWorld()).marketplaces[0]!.products[0]!.offers[0]!.sku;
    const report = (await adapter.executeAction(dangerous(sku)))._unsafeUnwrap();
    expect(report.validation.status).toBe('skipped');
    expect((await adapter.getHealthStatus()).validation).toBe('skipped');
    expect(
      adapter.getIntegrationLogs({ level: 'warn' }).filter((e) => /SKIPPED/.test(e.message)).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
