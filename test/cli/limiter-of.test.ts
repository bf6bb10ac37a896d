import { describe, expect, it } from 'vitest';
import { limiterOf } from '../../src/cli/limiter-of.js';
import { createDefaultFactory } from '../../src/core/default-factory.js';

describe("the CLI's health command finds each connection's rate limiter", () => {
  it('on the platform client pipeline of the Shopify, bol.com, eBay and MercadoLibre connectors', async () => {
    const factory = createDefaultFactory();
    const shopify = await factory.create('shopify', { shop: 'acme', accessToken: 'shpat_x' });
    const bol = await factory.create('bol', { clientId: 'id', clientSecret: 'secret', environment: 'demo' });
    const ebay = await factory.create('ebay', {
      credentials: { clientId: 'app-id', clientSecret: 'app-secret' },
      environment: 'sandbox',
    });
    const mercadolibre = await factory.create('mercadolibre', {
      site: 'MLA',
      sellerId: 1,
      credentials: { clientId: '2', clientSecret: 's' },
    });
    for (const connection of [shopify, bol, ebay, mercadolibre]) {
      const limiter = limiterOf(connection);
      expect(limiter).toBeDefined();
      expect(limiter).toBe((connection as unknown as { client: { http: { limiter: unknown } } }).client.http.limiter);
      expect(typeof limiter!.toJSON()).toBe('object');
    }
  });

  it('on the connection or its pipeline, and undefined when there is none', () => {
    const limiter = { toJSON: () => ({}) };
    expect(limiterOf({ limiter })).toBe(limiter);
    expect(limiterOf({ http: { limiter } })).toBe(limiter);
    expect(limiterOf({ limiter: {}, client: {} })).toBeUndefined();
    expect(limiterOf(undefined)).toBeUndefined();
  });
});
