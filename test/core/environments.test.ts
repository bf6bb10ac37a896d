import { describe, expect, it } from 'vitest';
import { endpointMatches, hostMatches } from '../../src/core/environments.js';

describe('endpointMatches', () => {
  it('matches host patterns on any path, as hostMatches does', () => {
    expect(endpointMatches('https://acme.myshopify.com/admin/api', ['*.myshopify.com'])).toBe(true);
    expect(endpointMatches('https://myshopify.com.evil.example/', ['*.myshopify.com'])).toBe(false);
    expect(endpointMatches('https://API.example./v1', ['api.example'])).toBe(true);
    expect(hostMatches('api.bol.com', ['api.bol.com/retailer'])).toBe(false);
  });

  it('matches a host with a path on that path and below it, not on a sibling', () => {
    const production = ['api.bol.com/retailer', 'api.bol.com/shared'];
    for (const url of [
      'https://api.bol.com/retailer',
      'https://api.bol.com/retailer/',
      'https://api.bol.com/retailer/offers/1',
      'https://api.bol.com/shared/process-status/7',
    ]) {
      expect(endpointMatches(url, production), url).toBe(true);
    }
    for (const url of [
      'https://api.bol.com/retailer-demo',
      'https://api.bol.com/retailer-demo/offers/1',
      'https://api.bol.com/shared-demo/process-status/7',
      'https://api.bol.com/',
      'https://other.bol.com/retailer/offers',
    ]) {
      expect(endpointMatches(url, production), url).toBe(false);
    }
  });

  it('compares paths as a server routes them, so a disguised production path still matches', () => {
    const production = ['api.bol.com/retailer'];
    for (const url of [
      'https://api.bol.com/RETAILER/offers',
      'https://api.bol.com//retailer/offers',
      'https://api.bol.com/%72etailer/offers',
      'https://api.bol.com/retailer-demo/../retailer/offers',
      'https://api.bol.com/retailer-demo/%2e%2e/retailer/offers',
      'https://API.BOL.COM./retailer',
    ]) {
      expect(endpointMatches(url, production), url).toBe(true);
    }
  });

  it('matches nothing for what is not an absolute http(s) URL', () => {
    for (const url of ['api.bol.com/retailer', '/retailer/offers', 'ftp://api.bol.com/retailer', 'not a url', ''])
      expect(endpointMatches(url, ['api.bol.com/retailer', 'api.bol.com'])).toBe(false);
  });
});
