import { describe, expect, it } from 'vitest';
import { loadPeer } from '../../src/peers/load-peer.js';

describe('optional peers', () => {
  it('returns an installed peer', () => {
    expect(typeof loadPeer<typeof import('msw')>('msw', 'marketbridge/testing/msw', '^2.15.0').http.get).toBe(
      'function',
    );
  });

  it('names the entry and the npm install when the peer is missing', () => {
    expect(() => loadPeer('marketbridge-absent-peer', 'marketbridge/testing/msw', '^2')).toThrow(
      'marketbridge/testing/msw needs the optional peer dependency "marketbridge-absent-peer", which is not installed. Install it with: npm install marketbridge-absent-peer@"^2"',
    );
  });
});
