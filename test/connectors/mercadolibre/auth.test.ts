import { describe, expect, it } from 'vitest';
import { EventBus, type MarketbridgeEvents } from '../../../src/core/events.js';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('rotating refresh tokens', () => {
  it('100 concurrent callers in two instances sharing a store on an expired token → one refresh, the rotated token stored first, no invalid_grant', async () => {
    const events = new EventBus();
    const refreshed: MarketbridgeEvents['tokenRefreshed'][] = [];
    events.on('tokenRefreshed', (event) => refreshed.push(event));
    const { simulator, clock, make, refreshToken } = setup(server, {}, {}, { events });
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    // Two instances on one store: their single-flight refresh meets in the store's lock.
    const [a, b] = [make(), make()];
    const calls = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a! : b!).getProduct(item.id));
    const products = await clock.drive(() => Promise.all(calls));
    expect(products).toHaveLength(100);
    const tokens = simulator.tokens.stats();
    expect(tokens).toMatchObject({ refreshRequests: 1, refreshed: 1, reusedRefreshTokens: 0, invalidGrants: 0 });
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({
      platform: 'mercadolibre',
      connectionId: String(simulator.sellerId),
      rotatedRefreshToken: true,
    });
    const status = await a!.auth.oauth.connectionStatus(a!.auth.connectionId);
    expect(status).toMatchObject({ state: 'active', hasRefreshToken: true });
    // The stored refresh token is the rotated one; the configured one is spent.
    const stored = await a!.auth.oauth.credentials.read(a!.auth.oauth.ref(a!.auth.connectionId));
    expect(stored?.record.refreshToken).not.toBe(refreshToken);
    expect(stored?.record.refreshToken).toMatch(/^TG-/);
  });

  it('a new instance configured with the spent refresh token uses the stored one instead of sending it again', async () => {
    const { simulator, clock, make, ml } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    await clock.drive(() => ml.getProduct(item.id));
    await clock.advance(7 * 3600_000); // past the 6-hour access token
    const later = make();
    await clock.drive(() => later.getProduct(item.id));
    expect(simulator.tokens.stats()).toMatchObject({ refreshRequests: 2, reusedRefreshTokens: 0, invalidGrants: 0 });
  });

  it('refreshes ahead of the 6-hour expiry, and once more when MercadoLibre answers 401 for a token it no longer accepts', async () => {
    const { simulator, clock, ml } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    await clock.drive(() => ml.getProduct(item.id));
    const status = await ml.auth.oauth.connectionStatus(ml.auth.connectionId);
    expect(status.expiresAt! - clock.now()).toBe(21_600_000);
    simulator.tokens.expireAccessTokens();
    expect((await clock.drive(() => ml.getProduct(item.id))).id).toBe(item.id);
    expect(simulator.tokens.stats().refreshRequests).toBe(2);
  });

  it('a lost answer during refresh leaves the connection reauth_required and never sends the spent token again', async () => {
    const { simulator, clock, ml } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    simulator.tokens.failNextRefresh('lost-answer');
    const first = await clock.drive(() =>
      ml.getProduct(item.id).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expect(isMarketbridgeError(first, 'auth_failed')).toBe(true);
    expect((first as { retryable: boolean }).retryable).toBe(false);
    expect(await ml.auth.oauth.connectionStatus(ml.auth.connectionId)).toMatchObject({
      state: 'reauth_required',
      reason: 'refresh_outcome_unknown',
      hasRefreshToken: false,
    });
    for (let i = 0; i < 3; i++) {
      const again = await clock.drive(() =>
        ml.getProduct(item.id).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      expect(isMarketbridgeError(again, 'auth_failed')).toBe(true);
    }
    expect(simulator.tokens.stats()).toMatchObject({ refreshRequests: 1, reusedRefreshTokens: 0 });
    expect(simulator.stats().calls).toBe(0);
  });

  it('a 500 from the token endpoint after the refresh token was sent is an unknown outcome: reauth_required, not re-sent', async () => {
    const { simulator, clock, ml } = setup(server);
    simulator.tokens.failNextRefresh('server-error');
    expect((await clock.drive(() => ml.healthCheck())).ok).toBe(false);
    expect((await clock.drive(() => ml.healthCheck())).ok).toBe(false);
    expect(await ml.auth.oauth.connectionStatus(ml.auth.connectionId)).toMatchObject({ state: 'reauth_required' });
    expect(simulator.tokens.stats().refreshRequests).toBe(1);
  });

  it('a revoked refresh token (invalid_grant) leaves the connection reauth_required', async () => {
    const { simulator, clock, ml } = setup(server);
    simulator.tokens.failNextRefresh('invalid-grant');
    const error = await clock.drive(() => ml.healthCheck());
    expect(error.ok).toBe(false);
    expect(await ml.auth.oauth.connectionStatus(ml.auth.connectionId)).toMatchObject({
      state: 'reauth_required',
      reason: 'invalid_grant',
    });
  });

  it('never puts the client secret, refresh token or access token in errors', async () => {
    const { simulator, clock, ml, refreshToken } = setup(server);
    await clock.drive(() => ml.healthCheck());
    const stored = await ml.auth.oauth.credentials.read(ml.auth.oauth.ref(ml.auth.connectionId));
    const secrets = ['simulator-secret', refreshToken, stored!.record.accessToken, stored!.record.refreshToken!];
    const error = await clock.drive(() =>
      ml.getProduct('MLA404').then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(isMarketbridgeError(error, 'not_found')).toBe(true);
    const text = JSON.stringify((error as { toJSON(): unknown }).toJSON()) + String((error as Error).message);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(JSON.stringify(ml.config)).toContain('simulator-secret'); // the config is the caller's own
    void simulator;
  });
});
