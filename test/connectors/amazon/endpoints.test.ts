import { describe, expect, it } from 'vitest';
import {
  AMAZON_MARKETPLACES,
  AmazonMarketplace,
  marketplaceById,
  resolveBaseUrl,
} from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('endpoints, regions and configuration', () => {
  it('picks the regional production or sandbox endpoint, and an override wins', () => {
    expect(resolveBaseUrl({ region: 'na' })).toBe('https://sellingpartnerapi-na.amazon.com');
    expect(resolveBaseUrl({ region: 'eu', sandbox: true })).toBe('https://sandbox.sellingpartnerapi-eu.amazon.com');
    expect(resolveBaseUrl({ region: 'fe', baseUrl: 'https://proxy.test/sp-api/' })).toBe('https://proxy.test/sp-api');
    expect(marketplaceById(AMAZON_MARKETPLACES.JP.id)).toMatchObject({ region: 'fe', currency: 'JPY' });
  });

  it('sends every call, token requests included, to the overridden endpoints', async () => {
    const { simulator, clock, make } = setup(
      server,
      { baseUrl: 'https://proxy.test/sp-api', tokenUrl: 'https://proxy.test/lwa/token' },
      { endpoints: { api: 'https://proxy.test/sp-api', token: 'https://proxy.test/lwa/token' } },
    );
    simulator.addListing({ sku: 'P-1', price: money(100, 'USD') });
    expect((await clock.drive(() => make().getProduct('P-1'))).id).toBe('P-1');
  });

  it('reports every configuration problem at once, with a hint', () => {
    let message = '';
    try {
      new AmazonMarketplace({
        sellerId: '',
        marketplaceId: '',
        region: 'xx',
        credentials: { clientId: '', clientSecret: 'x' },
      } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/4 problems|5 problems/);
    expect(message).toContain('marketplace id such as ATVPDKIKX0DER');
    expect(message).not.toContain('x"');
  });
});
