import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CREATORS_API_ENDPOINT,
  CreatorsConfigSchema,
  creatorsEnvironments,
} from '../../src/connectors/amazon-creators/index.js';
import { createDefaultFactory } from '../../src/core/default-factory.js';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { EventBus } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { money } from '../../src/model/money.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { EbaySimulator, MercadoLibreSimulator } from '../../src/testing/msw/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const amazon = {
  sellerId: 'A1SELLER',
  marketplaceId: 'ATVPDKIKX0DER',
  credentials: {
    clientId: 'amzn1.application-oa2-client.x',
    clientSecret: 'lwa-secret-9f2c',
    refreshToken: 'Atzr|refresh-77',
  },
  timeoutMs: 0,
};
const shopify = { shop: 'acme', accessToken: 'shpat_7e1c0ffee' };
const creators = {
  credentialId: 'cred-id',
  credentialSecret: 'cred-secret-4d1',
  credentialVersion: '3.1',
  partnerTag: 'mytag-20',
  marketplace: 'www.amazon.com',
};

/** The default factory plus the Creators API behind a definition that declares its environments. */
function factory() {
  return createDefaultFactory().register(
    defineMarketplace({
      name: 'amazon-creators',
      configSchema: CreatorsConfigSchema,
      environments: creatorsEnvironments,
      create: (_config, context) =>
        new SimulatedMarketplace({ name: 'amazon-creators', products: 1, rateLimit: false }, context),
    }),
  );
}

function sandboxAdapter(clock?: FakeClock) {
  const events = new EventBus();
  const hosts: string[] = [];
  events.on('request', (event) => hosts.push(new URL(event.url).host));
  const time = clock ? { clock, store: new MemoryStore({ clock }) } : {};
  return {
    adapter: new RealWorldAdapter({
      mode: 'sandbox',
      factory: factory(),
      context: { events, logger: silentLogger, ...time },
    }),
    hosts,
  };
}

const ebay = {
  credentials: { clientId: 'Acme-Sync-SBX-1a2b3c4d5-e6f7a8b9', clientSecret: 'SBX-1a2b3c4d5e6f-7a8b-9c0d' },
  timeoutMs: 0,
};
const mercadolibre = {
  site: 'MLA',
  sellerId: 468424240,
  credentials: { clientId: '5503910054141466', clientSecret: 'ml-secret-0c3a', refreshToken: 'TG-refresh-5d1e' },
  timeoutMs: 0,
};

const connect = (
  adapter: RealWorldAdapter,
  marketplace: string,
  config: unknown,
  id = `${marketplace}-${Math.random()}`,
) => adapter.initializeMarketplaceConnection({ id, marketplace, config });

describe('sandbox mode never reaches production', () => {
  it('amazon: refuses the production host, also when the config says environment: sandbox, and accepts sandbox: true', async () => {
    const { adapter } = sandboxAdapter();
    for (const config of [amazon, { ...amazon, environment: 'sandbox' }, { ...amazon, region: 'eu' }]) {
      const refused = (await connect(adapter, 'amazon', config))._unsafeUnwrapErr();
      expect(refused.reason).toBe('production_endpoint');
      expect(refused.message).toMatch(/sellingpartnerapi-(na|eu)\.amazon\.com/);
      expect(refused.message).toMatch(/sandbox: true/);
      expect(refused.message).not.toMatch(/lwa-secret|Atzr/);
    }
    const sandbox = await connect(adapter, 'amazon', { ...amazon, sandbox: true }, 'amazon-sandbox');
    expect(sandbox._unsafeUnwrap()).toMatchObject({ environment: 'sandbox', platform: 'amazon' });
    const local = await connect(adapter, 'amazon', { ...amazon, endpoints: { api: 'http://127.0.0.1:4010' } });
    expect(local._unsafeUnwrap().environment).toBe('sandbox');
  });

  it('amazon: an endpoint override to a production host is refused even with sandbox: true', async () => {
    const { adapter } = sandboxAdapter();
    const refused = await connect(adapter, 'amazon', {
      ...amazon,
      sandbox: true,
      endpoints: { api: 'https://SellingPartnerAPI-FE.amazon.com./' },
    });
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      reason: 'production_endpoint',
      details: { endpoints: [{ role: 'api', origin: 'https://sellingpartnerapi-fe.amazon.com.' }] },
    });
  });

  it('amazon with sandbox: true calls only the sandbox host (and Login with Amazon)', async () => {
    server.use(
      http.post('https://api.amazon.com/auth/o2/token', () =>
        HttpResponse.json({ access_token: 'Atza|sandbox', expires_in: 3600 }),
      ),
      http.get('https://sandbox.sellingpartnerapi-na.amazon.com/*', () =>
        HttpResponse.json({ items: [], numberOfResults: 0 }),
      ),
    );
    const { adapter, hosts } = sandboxAdapter();
    (await connect(adapter, 'amazon', { ...amazon, sandbox: true }))._unsafeUnwrap();
    const health = await adapter.getHealthStatus();
    expect(health.connections[0]).toMatchObject({ ok: true });
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['sandbox.sellingpartnerapi-na.amazon.com']));
  });

  it('shopify: has no sandbox host, so only an endpoint on a non-production host is accepted', async () => {
    const { adapter, hosts } = sandboxAdapter();
    for (const config of [
      shopify,
      { ...shopify, environment: 'sandbox' },
      { ...shopify, endpoint: 'https://other-shop.myshopify.com/admin/api/2026-10' },
    ]) {
      const refused = (await connect(adapter, 'shopify', config))._unsafeUnwrapErr();
      expect(refused.reason).toBe('production_endpoint');
      expect(refused.message).toMatch(/myshopify\.com/);
      expect(refused.message).toMatch(/no sandbox host/);
      expect(refused.message).not.toContain(shopify.accessToken);
    }
    server.use(
      http.post('http://shopify.test/admin/api/2026-10/graphql.json', () =>
        HttpResponse.json({ data: { shop: { name: 'Sim', currencyCode: 'EUR' } } }),
      ),
    );
    (
      await connect(adapter, 'shopify', { ...shopify, endpoint: 'http://shopify.test/admin/api/2026-10' })
    )._unsafeUnwrap();
    await adapter.getHealthStatus();
    expect(new Set(hosts)).toEqual(new Set(['shopify.test']));
  });

  it('amazon-creators: the production host (the default endpoint) is refused; a local endpoint is accepted', async () => {
    const { adapter } = sandboxAdapter();
    for (const config of [creators, { ...creators, endpoint: CREATORS_API_ENDPOINT }]) {
      const refused = await connect(adapter, 'amazon-creators', config);
      expect(refused._unsafeUnwrapErr()).toMatchObject({
        reason: 'production_endpoint',
        message: expect.stringMatching(/creatorsapi\.amazon.*has no sandbox/s),
      });
    }
    expect(
      (await connect(adapter, 'amazon-creators', { ...creators, endpoint: 'http://127.0.0.1:4011' }))._unsafeUnwrap()
        .environment,
    ).toBe('sandbox');
  });

  it("ebay: refuses production, also through an endpoint override back to it, and accepts environment: 'sandbox'", async () => {
    const { adapter } = sandboxAdapter();
    for (const config of [ebay, { ...ebay, environment: 'production' }, { ...ebay, marketplaceId: 'EBAY_DE' }]) {
      const refused = (await connect(adapter, 'ebay', config))._unsafeUnwrapErr();
      expect(refused.reason).toBe('production_endpoint');
      expect(refused.details).toMatchObject({
        endpoints: expect.arrayContaining([
          { role: 'api', origin: 'https://api.ebay.com' },
          { role: 'authorize', origin: 'https://auth.ebay.com' },
        ]),
      });
      expect(refused.message).toMatch(/environment: 'sandbox'/);
      expect(refused.message).not.toMatch(/SBX-1a2b3c4d5e6f/);
    }
    for (const endpoints of [
      { api: 'https://API.ebay.com/' },
      { token: 'https://api.ebay.com/identity/v1/oauth2/token' },
      { api: 'https://apiz.ebay.com' },
    ]) {
      const refused = await connect(adapter, 'ebay', { ...ebay, environment: 'sandbox', endpoints });
      expect(refused._unsafeUnwrapErr()).toMatchObject({
        reason: 'production_endpoint',
        details: { endpoints: [{ role: Object.keys(endpoints)[0] }] },
      });
    }
    expect((await connect(adapter, 'ebay', { ...ebay, environment: 'sandbox' }))._unsafeUnwrap()).toMatchObject({
      environment: 'sandbox',
      platform: 'ebay',
    });
    const local = await connect(adapter, 'ebay', {
      ...ebay,
      endpoints: {
        api: 'http://127.0.0.1:4012',
        authorize: 'http://127.0.0.1:4012/oauth2/authorize',
        token: 'http://127.0.0.1:4012/token',
      },
    });
    expect(local._unsafeUnwrap().environment).toBe('sandbox');
  });

  it("ebay with environment: 'sandbox' calls only eBay's sandbox hosts", async () => {
    const clock = new FakeClock();
    const simulator = new EbaySimulator({
      clock,
      environment: 'sandbox',
      clientId: ebay.credentials.clientId,
      clientSecret: ebay.credentials.clientSecret,
    });
    simulator.addListing({ sku: 'MUG-1', price: money(1000, 'USD'), quantity: 5 });
    server.use(...simulator.handlers);
    const { adapter, hosts } = sandboxAdapter(clock);
    (
      await connect(adapter, 'ebay', {
        ...ebay,
        environment: 'sandbox',
        credentials: { ...ebay.credentials, refreshToken: simulator.issueRefreshToken() },
      })
    )._unsafeUnwrap();
    const health = await adapter.getHealthStatus();
    expect(health.connections[0]).toMatchObject({ ok: true });
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['api.sandbox.ebay.com']));
  });

  it('mercadolibre: has no sandbox host, so only api and token endpoints both off production are accepted', async () => {
    const { adapter } = sandboxAdapter();
    const configs = [
      mercadolibre,
      { ...mercadolibre, environment: 'sandbox' },
      { ...mercadolibre, endpoints: { api: 'http://mercadolibre.test' } },
      {
        ...mercadolibre,
        endpoints: { api: 'https://Api.MercadoLibre.com./', token: 'http://mercadolibre.test/oauth/token' },
      },
    ];
    for (const config of configs) {
      const refused = (await connect(adapter, 'mercadolibre', config))._unsafeUnwrapErr();
      expect(refused.reason).toBe('production_endpoint');
      expect(refused.message).toMatch(/api\.mercadolibre\.com/i);
      expect(refused.message).toMatch(/no sandbox host/);
      expect(refused.message).not.toMatch(/ml-secret|TG-refresh/);
    }
    const tokenOnly = (await connect(adapter, 'mercadolibre', configs[2]!))._unsafeUnwrapErr();
    expect(tokenOnly.details).toEqual({ endpoints: [{ role: 'token', origin: 'https://api.mercadolibre.com' }] });
  });

  it('mercadolibre pointed at a simulator in sandbox mode calls only that host', async () => {
    const clock = new FakeClock();
    const simulator = new MercadoLibreSimulator({ clock, baseUrl: 'http://mercadolibre.test' });
    server.use(...simulator.handlers);
    const { adapter, hosts } = sandboxAdapter(clock);
    const config = {
      ...mercadolibre,
      sellerId: simulator.sellerId,
      credentials: {
        clientId: simulator.applicationId,
        clientSecret: 'simulator-secret',
        refreshToken: simulator.tokens.grant(simulator.sellerId),
      },
      endpoints: { api: simulator.baseUrl, token: simulator.tokenUrl },
    };
    expect((await connect(adapter, 'mercadolibre', config))._unsafeUnwrap()).toMatchObject({
      environment: 'sandbox',
      platform: 'mercadolibre',
    });
    const health = await adapter.getHealthStatus();
    expect(health.connections[0]).toMatchObject({ ok: true });
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['mercadolibre.test']));
  });

  it('simulated: offline in every mode', async () => {
    const { adapter } = sandboxAdapter();
    expect((await connect(adapter, 'simulated', { seed: 1 }))._unsafeUnwrap().environment).toBe('offline');
  });

  it("refuses any connection, your own included, whose URLs are on a built-in platform's production host", async () => {
    const own = factory().register(
      defineMarketplace({
        name: 'my-proxy',
        configSchema: z.object({ environment: z.literal('sandbox'), upstream: z.object({ url: z.string() }) }),
        create: (_c, context) => new SimulatedMarketplace({ name: 'my-proxy', products: 1, rateLimit: false }, context),
      }),
    );
    const adapter = new RealWorldAdapter({ mode: 'sandbox', factory: own, context: { logger: silentLogger } });
    const refused = await connect(adapter, 'my-proxy', {
      environment: 'sandbox',
      upstream: { url: 'https://acme.myshopify.com/admin' },
    });
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      reason: 'production_endpoint',
      details: { endpoints: [{ role: 'upstream.url', origin: 'https://acme.myshopify.com' }] },
    });
    for (const url of [
      'https://api.ebay.com/sell/inventory/v1',
      'https://apiz.ebay.com/sell/finances/v1',
      'https://api.mercadolibre.com/items',
    ]) {
      const upstream = await connect(adapter, 'my-proxy', { environment: 'sandbox', upstream: { url } });
      expect(upstream._unsafeUnwrapErr()).toMatchObject({
        reason: 'production_endpoint',
        details: { endpoints: [{ role: 'upstream.url', origin: new URL(url).origin }] },
      });
    }
    expect(
      (
        await connect(adapter, 'my-proxy', { environment: 'sandbox', upstream: { url: 'https://staging.example' } })
      )._unsafeUnwrap().environment,
    ).toBe('sandbox');
  });

  it("refuses a host a registered definition declares as production, and reports live connections' environment", async () => {
    const own = factory().register(
      defineMarketplace({
        name: 'acme-market',
        configSchema: z.object({ baseUrl: z.string().url().default('https://api.acme-market.example') }),
        environments: {
          urls: (c) => ({ api: c.baseUrl }),
          productionHosts: ['api.acme-market.example'],
          sandboxHint: 'set baseUrl to https://sandbox.acme-market.example',
        },
        create: (_c, context) =>
          new SimulatedMarketplace({ name: 'acme-market', products: 1, rateLimit: false }, context),
      }),
    );
    const sandbox = new RealWorldAdapter({ mode: 'sandbox', factory: own, context: { logger: silentLogger } });
    expect((await connect(sandbox, 'acme-market', {}))._unsafeUnwrapErr().message).toMatch(
      /set baseUrl to https:\/\/sandbox\.acme-market\.example/,
    );
    expect(
      (await connect(sandbox, 'acme-market', { baseUrl: 'https://sandbox.acme-market.example' }))._unsafeUnwrap()
        .environment,
    ).toBe('sandbox');
    const live = new RealWorldAdapter({
      mode: 'live',
      confirmLive: true,
      factory: own,
      context: { logger: silentLogger },
    });
    expect((await connect(live, 'acme-market', {}))._unsafeUnwrap().environment).toBe('production');
    expect((await connect(live, 'amazon', { ...amazon, sandbox: true }))._unsafeUnwrap().environment).toBe('sandbox');
    expect((await connect(live, 'amazon', amazon))._unsafeUnwrap().environment).toBe('production');
  });
});
