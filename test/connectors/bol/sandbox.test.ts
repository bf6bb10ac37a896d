import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BOL_ENVIRONMENTS,
  BolConfigSchema,
  bolEnvironments,
  isBolProductionUrl,
} from '../../../src/connectors/bol/index.js';
import { BolRetailerSimulator } from '../../../src/connectors/bol/simulator/index.js';
import { createDefaultFactory } from '../../../src/core/default-factory.js';
import { defineMarketplace } from '../../../src/core/define-marketplace.js';
import { EventBus } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/logger.js';
import { KNOWN_PRODUCTION_HOSTS, RealWorldAdapter } from '../../../src/safety/index.js';
import { SimulatedMarketplace } from '../../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { CLIENT, useMsw } from './harness.js';

const server = useMsw();
const config = { ...CLIENT, timeoutMs: 0 };

function sandbox(mode: 'sandbox' | 'live' = 'sandbox', factory = createDefaultFactory()) {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
  const events = new EventBus();
  const urls: string[] = [];
  events.on('request', (event) => urls.push(event.url));
  const adapter = new RealWorldAdapter({
    mode,
    ...(mode === 'live' ? { confirmLive: true } : {}),
    factory,
    context: { clock, events, logger: silentLogger },
  });
  return { adapter, urls, clock };
}

const connect = (adapter: RealWorldAdapter, marketplace: string, settings: unknown) =>
  adapter.initializeMarketplaceConnection({ id: `${marketplace}-${Math.random()}`, marketplace, config: settings });

describe('bol.com in sandbox mode', () => {
  it('refuses production, naming the demo switch and never the secret', async () => {
    const { adapter } = sandbox();
    for (const settings of [config, { ...config, environment: 'production' }]) {
      const refused = (await connect(adapter, 'bol', settings))._unsafeUnwrapErr();
      expect(refused.reason).toBe('production_endpoint');
      expect(refused.details).toEqual({
        endpoints: [
          { role: 'retailer', origin: 'https://api.bol.com' },
          { role: 'shared', origin: 'https://api.bol.com' },
        ],
      });
      expect(refused.message).toMatch(/environment: 'demo'/);
      expect(refused.message).not.toContain(CLIENT.clientSecret);
    }
  });

  it('accepts the demo environment, whose host it shares with production, and a local simulator', async () => {
    const { adapter } = sandbox();
    expect((await connect(adapter, 'bol', { ...config, environment: 'demo' }))._unsafeUnwrap()).toMatchObject({
      environment: 'sandbox',
      platform: 'bol',
    });
    const local = {
      ...config,
      endpoints: {
        retailer: 'http://127.0.0.1:4020/retailer',
        shared: 'http://127.0.0.1:4020/shared',
        token: 'http://127.0.0.1:4020/token',
      },
    };
    expect((await connect(adapter, 'bol', local))._unsafeUnwrap().environment).toBe('sandbox');
  });

  it('refuses an endpoint override on a production path, however spelled, even with environment: demo', async () => {
    const { adapter } = sandbox();
    for (const retailer of [
      'https://api.bol.com/retailer',
      'https://API.bol.com//retailer/',
      'https://api.bol.com/retailer-demo/../retailer',
    ]) {
      const refused = await connect(adapter, 'bol', { ...config, environment: 'demo', endpoints: { retailer } });
      expect(refused._unsafeUnwrapErr(), retailer).toMatchObject({
        reason: 'production_endpoint',
        details: { endpoints: [{ role: 'retailer' }] },
      });
    }
  });

  it('with the demo environment, calls only the demo paths and the login service', async () => {
    const { adapter, urls, clock } = sandbox();
    const simulator = new BolRetailerSimulator({ clock, environment: 'demo' });
    server.use(...simulator.handlers);
    (await connect(adapter, 'bol', { ...config, environment: 'demo' }))._unsafeUnwrap();
    const health = await adapter.getHealthStatus();
    expect(health.connections[0]).toMatchObject({ ok: true });
    expect(urls).toEqual([`${BOL_ENVIRONMENTS.demo.retailer}/retailers/current`]);
    expect(simulator.stats()).toMatchObject({ tokens: 1, requests: 1 });
  });

  it("refuses another definition's URL on bol.com's production paths, and live mode names the environment", async () => {
    const factory = createDefaultFactory().register(
      defineMarketplace({
        name: 'bol-proxy',
        configSchema: z.object({ environment: z.literal('sandbox'), upstream: z.string() }),
        create: (_config, context) =>
          new SimulatedMarketplace({ name: 'bol-proxy', products: 1, rateLimit: false }, context),
      }),
    );
    expect(KNOWN_PRODUCTION_HOSTS).toEqual(expect.arrayContaining(['api.bol.com/retailer', 'api.bol.com/shared']));
    const { adapter } = sandbox('sandbox', factory);
    expect(
      (
        await connect(adapter, 'bol-proxy', {
          environment: 'sandbox',
          upstream: 'https://api.bol.com/shared/process-status',
        })
      )._unsafeUnwrapErr().reason,
    ).toBe('production_endpoint');
    expect(
      (
        await connect(adapter, 'bol-proxy', {
          environment: 'sandbox',
          upstream: 'https://api.bol.com/shared-demo/process-status',
        })
      )._unsafeUnwrap().environment,
    ).toBe('sandbox');
    const live = sandbox('live').adapter;
    expect((await connect(live, 'bol', config))._unsafeUnwrap().environment).toBe('production');
    expect((await connect(live, 'bol', { ...config, environment: 'demo' }))._unsafeUnwrap().environment).toBe(
      'sandbox',
    );
  });

  it('declares the URLs the connector itself uses', () => {
    const demo = bolEnvironments.urls(BolConfigSchema.parse({ ...CLIENT, environment: 'demo' }));
    expect(demo).toEqual({
      retailer: 'https://api.bol.com/retailer-demo',
      shared: 'https://api.bol.com/shared-demo',
      token: 'https://login.bol.com/token?grant_type=client_credentials',
    });
    expect(Object.values(demo).some((url) => isBolProductionUrl(url!))).toBe(false);
    const production = bolEnvironments.urls(BolConfigSchema.parse(CLIENT));
    expect([
      isBolProductionUrl(production.retailer!),
      isBolProductionUrl(production.shared!),
      isBolProductionUrl(production.token!),
    ]).toEqual([true, true, false]);
  });
});
