import { describe, expect, it } from 'vitest';
import {
  EbayConfigSchema,
  EbayMarketplace,
  ebayMarketplace,
  EBAY_ENDPOINTS,
  EBAY_PRODUCTION_HOSTS,
  resolveEbayUrls,
} from '../../../src/connectors/ebay/index.js';
import { createDefaultFactory } from '../../../src/core/default-factory.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { MarketplaceFactory } from '../../../src/core/marketplace-factory.js';
import { money } from '../../../src/model/money.js';
import { RealWorldAdapter } from '../../../src/safety/real-world-adapter.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { EbaySimulator } from '../../../src/testing/msw/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { CLIENT_ID, CLIENT_SECRET, useMsw } from './harness.js';

const server = useMsw();
const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

describe('eBay configuration', () => {
  it('reports every problem at once', () => {
    const parsed = EbayConfigSchema.safeParse({
      environment: 'staging',
      marketplaceId: 'EBAY_XX',
      credentials: { clientId: '', clientSecret: 'x', ruName: 'https://app.example.com/callback' },
      contentLanguage: 'english',
      categoryId: 'mugs',
      limits: { inventory: { callsPerDay: 0 } },
      mapping: { conditions: { new: 'BRAND_NEW' }, offer: 'not a function' },
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'environment',
        'marketplaceId',
        'credentials.clientId',
        'credentials.ruName',
        'contentLanguage',
        'categoryId',
        'limits.inventory.callsPerDay',
        'mapping.conditions.new',
        'mapping.offer',
      ]),
    );
    expect(() => new EbayMarketplace({ credentials: { clientId: '', clientSecret: '' } })).toThrow(ValidationError);
  });

  it('fills defaults: production, EBAY_US (USD, en-US), 250 revisions a day, publishing on', () => {
    const config = EbayConfigSchema.parse({ credentials });
    expect(config).toMatchObject({
      environment: 'production',
      marketplaceId: 'EBAY_US',
      revisionsPerListingPerDay: 250,
      publish: true,
      sharedBudget: true,
      concurrency: 2,
    });
    const ebay = new EbayMarketplace({ credentials, marketplaceId: 'EBAY_DE' });
    expect(ebay.urls).toEqual(EBAY_ENDPOINTS.production);
    expect(new EbayMarketplace({ credentials, environment: 'sandbox' }).urls).toEqual(EBAY_ENDPOINTS.sandbox);
    expect(resolveEbayUrls('sandbox', { api: 'http://127.0.0.1:8080/' }).api).toBe('http://127.0.0.1:8080');
    expect(EBAY_PRODUCTION_HOSTS).toContain(new URL(EBAY_ENDPOINTS.production.api).hostname);
    expect(EBAY_PRODUCTION_HOSTS).not.toContain(new URL(EBAY_ENDPOINTS.sandbox.api).hostname);
  });

  it('declares what it supports: everything eBay’s APIs do, not acknowledgements, adjustments or finances', () => {
    const ebay = new EbayMarketplace({ credentials });
    expect([...ebay.capabilities.operations].sort()).toEqual(
      [
        'cancelOrder',
        'confirmShipment',
        'deleteProducts',
        'getInventory',
        'getOrder',
        'getProduct',
        'getOffersBySku',
        'healthCheck',
        'listOrders',
        'listProducts',
        'setInventory',
        'updatePrices',
        'upsertProducts',
      ].sort(),
    );
  });
});

describe('eBay in the factory', () => {
  it('is registered lazily by createDefaultFactory and validated by its schema there', async () => {
    const factory = createDefaultFactory();
    expect(factory.names()).toContain('ebay');
    const ebay = await factory.create('ebay', { credentials, environment: 'sandbox' });
    expect(ebay).toBeInstanceOf(EbayMarketplace);
    await expect(factory.create('ebay', { credentials: { clientId: 'x' } } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(new MarketplaceFactory().register(ebayMarketplace).names()).toEqual(['ebay']);
  });

  it('runs the safety guide’s example: sandbox mode connects eBay pointed at its sandbox, and only then', async () => {
    const clock = new FakeClock();
    const simulator = new EbaySimulator({ clock, environment: 'sandbox' });
    server.resetHandlers(...simulator.handlers);
    simulator.addListing({ sku: 'MUG-1', title: 'Mug', price: money(1000, 'USD'), quantity: 5 });
    const context = { clock, store: new MemoryStore({ clock }) };
    const sandbox = new RealWorldAdapter({ mode: 'sandbox', context });
    const refused = await sandbox.initializeMarketplaceConnection({
      id: 'live',
      marketplace: 'ebay',
      config: { credentials },
    });
    expect(refused._unsafeUnwrapErr().reason).toBe('production_endpoint');
    const connected = await sandbox.initializeMarketplaceConnection({
      marketplace: 'ebay',
      config: {
        environment: 'sandbox',
        ...{ credentials: { ...credentials, refreshToken: simulator.issueRefreshToken() } },
        timeoutMs: 0,
      },
    });
    expect(connected._unsafeUnwrap()).toMatchObject({ marketplace: 'ebay', platform: 'ebay', environment: 'sandbox' });
    const result = await sandbox.executeAction({
      type: 'set_inventory',
      marketplace: 'ebay',
      sku: 'MUG-1',
      quantity: 4,
    });
    expect(result.isOk()).toBe(true);
    expect(simulator.state.items.get('MUG-1')?.item.availability?.shipToLocationAvailability?.quantity).toBe(4);
  });
});
