import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors/auth-error.js';
import { fromBase64, fromUtf8 } from '../../../src/core/bytes.js';
import { CLIENT, setup, useMsw } from './harness.js';

const server = useMsw();

describe('bol.com authentication', () => {
  it('asks the login service with HTTP Basic for a client-credentials token and reuses it', async () => {
    const tokenRequests: Request[] = [];
    const h = setup({
      server,
      simulator: { credentials: CLIENT },
      inspect: async (request) =>
        void (request.url.startsWith('https://login.bol.com/') && tokenRequests.push(request)),
    });
    await h.run(async () => {
      for (let i = 0; i < 5; i++) expect((await h.bol.healthCheck()).ok).toBe(true);
    });
    expect(h.simulator.stats().tokens).toBe(1);
    const [request] = tokenRequests;
    expect(new URL(request!.url).searchParams.get('grant_type')).toBe('client_credentials');
    expect(fromUtf8(fromBase64(request!.headers.get('authorization')!.replace(/^Basic /, ''))!)).toBe(
      `${CLIENT.clientId}:${CLIENT.clientSecret}`,
    );
    expect(await request!.text()).toContain('grant_type=client_credentials');
  });

  it('refreshes the five-minute token a minute before it expires, never sending an expired one', async () => {
    const h = setup({ server });
    await h.run(async () => {
      for (let minute = 0; minute < 12; minute++) {
        expect((await h.bol.healthCheck()).ok).toBe(true);
        await h.clock.advance(60_000);
      }
    });
    expect(h.simulator.stats().unauthorized).toBe(0);
    expect(h.simulator.stats().tokens).toBe(3);
  });

  it('makes one token request for two processes that share the store', async () => {
    const h = setup({ server });
    const other = h.make();
    await h.run(() => Promise.all([h.bol.healthCheck(), other.healthCheck(), h.bol.healthCheck()]));
    expect(h.simulator.stats().tokens).toBe(1);
  });

  it('gets a new token once when bol.com refuses the current one, and retries the request', async () => {
    const h = setup({ server });
    await h.run(() => h.bol.healthCheck());
    h.simulator.expireTokens();
    await h.clock.advance(1);
    expect((await h.run(() => h.bol.healthCheck())).ok).toBe(true);
    expect(h.simulator.stats()).toMatchObject({ tokens: 2, unauthorized: 1 });
  });

  it('fails with an AuthError that names neither the secret nor a token', async () => {
    const h = setup({
      server,
      simulator: { credentials: { clientId: CLIENT.clientId, clientSecret: 'the-right-secret' } },
    });
    const events: unknown[] = [];
    h.bol.context.events.on('request', (event) => void events.push(event));
    const error = await h.run(() => h.bol.getProduct('offer-1').catch((caught: unknown) => caught));
    expect(error).toBeInstanceOf(AuthError);
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${JSON.stringify(events)}`;
    expect(text).not.toContain(CLIENT.clientSecret);
    expect(text).not.toContain('the-right-secret');
  });

  it('redacts the access token from the errors of API calls', async () => {
    const h = setup({ server });
    const error = await h.run(() => h.bol.getProduct('no-such-offer').catch((caught: unknown) => caught));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    const json = JSON.stringify(error);
    expect(json).not.toMatch(/sim-token-\d+/);
    expect(json).toContain('no-such-offer');
  });
});
