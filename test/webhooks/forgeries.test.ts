import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCryptoProvider as hmac } from '../../src/adapters/node.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import {
  signHmacTestRequest,
  signShopifyTestRequest,
  signStandardWebhooksTestRequest,
  signStripeStyleTestRequest,
  type TestWebhookRequest,
} from '../../src/testing/webhooks/index.js';
import {
  createHmacVerifier,
  createStandardWebhooksVerifier,
  createStripeStyleVerifier,
  type WebhookVerifier,
} from '../../src/webhooks/verify/index.js';
import { bodyArb, mutate, mutationArb, recase, RUNS, type SignatureLayout } from './forgery-helpers.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

const NOW = 1_800_000_000;
const clock = new FakeClock(NOW * 1000);
const SECRET = 'sh-ss.canary/secret-1';
const DECOYS = ['decoy-a.b/c', 'decoy-d.e/f'];
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WHSEC_OLD = 'whsec_dGhpcyBpcyB0aGUgb2xkIHNlY3JldCBrZXk=';

// Requests are signed with node:crypto (fast); every verifier runs on its default, Web Crypto.
interface Scheme {
  name: string;
  verifier: WebhookVerifier;
  sign: (body: string) => Promise<TestWebhookRequest>;
  layout: SignatureLayout;
  extra?: ('timestamp' | 'id')[];
  /** Adds decoy signatures beside the right one in a valid request. */
  withDecoys?: (request: TestWebhookRequest, decoys: string[]) => TestWebhookRequest;
}

const whole = (value: string): [number, number] => [0, value.length];
const hexSame = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const schemes: Scheme[] = [
  {
    name: 'Shopify',
    verifier: createShopifyVerifier({ secrets: [...DECOYS, SECRET] }),
    sign: (body) => signShopifyTestRequest({ secret: SECRET, body, hmac }),
    layout: { header: 'x-shopify-hmac-sha256', span: whole },
  },
  {
    name: 'HMAC SHA-256 hex with prefix',
    verifier: createHmacVerifier({
      platform: 'gh',
      secrets: [SECRET, ...DECOYS],
      header: 'X-Hub-Signature-256',
      prefix: 'sha256=',
    }),
    sign: (body) =>
      signHmacTestRequest({ secret: SECRET, body, header: 'x-hub-signature-256', prefix: 'sha256=', hmac }),
    layout: { header: 'x-hub-signature-256', span: (v) => [7, v.length], same: hexSame },
  },
  {
    name: 'HMAC SHA-1 base64',
    verifier: createHmacVerifier({
      platform: 'legacy',
      secrets: [SECRET],
      header: 'x-signature',
      hash: 'SHA-1',
      encoding: 'base64',
    }),
    sign: (body) =>
      signHmacTestRequest({ secret: SECRET, body, header: 'x-signature', hash: 'SHA-1', encoding: 'base64', hmac }),
    layout: { header: 'x-signature', span: whole },
  },
  {
    name: 'Standard Webhooks',
    verifier: createStandardWebhooksVerifier({ secrets: [WHSEC_OLD, WHSEC], clock }),
    sign: (body) => signStandardWebhooksTestRequest({ secrets: [WHSEC], id: 'msg_1', timestamp: NOW, body, hmac }),
    layout: { header: 'webhook-signature', span: (v) => [3, v.length] },
    extra: ['timestamp', 'id'],
    withDecoys: (request, decoys) => ({
      ...request,
      headers: {
        ...request.headers,
        'webhook-signature': [...decoys.map((d) => `v1,${d}`), request.headers['webhook-signature']].join(' '),
      },
    }),
  },
  {
    name: 'Stripe-style',
    verifier: createStripeStyleVerifier({ platform: 'stripe', secrets: [SECRET, ...DECOYS], clock }),
    sign: (body) => signStripeStyleTestRequest({ secret: SECRET, body, timestamp: NOW, hmac }),
    layout: { header: 'stripe-signature', span: (v) => [v.indexOf('v1=') + 3, v.length], same: hexSame },
    extra: ['timestamp'],
    withDecoys: (request, decoys) => ({
      ...request,
      headers: {
        ...request.headers,
        'stripe-signature': `${request.headers['stripe-signature']},${decoys.map((d) => `v1=${d}`).join(',')}`,
      },
    }),
  },
];

const decoyArb = fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 3 });

describe.each(schemes)('$name verifier', (scheme) => {
  it(`accepts 0 of ${RUNS} generated forgeries`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodyArb, mutationArb(scheme.extra), async (body, mutation) => {
        const forged = mutate(await scheme.sign(body), mutation, scheme.layout);
        const result = await scheme.verifier.verify(forged);
        if (result.isOk()) accepted++;
        return result.isErr();
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBe(0);
  });

  it('rejects 0 valid requests, with any header-name case and decoys beside the right signature', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.nat(), decoyArb, async (body, seed, decoys) => {
        let request = await scheme.sign(body);
        if (scheme.withDecoys) {
          const encode =
            scheme.name === 'Stripe-style'
              ? (d: Uint8Array) => Buffer.from(d).toString('hex')
              : (d: Uint8Array) => Buffer.from(d).toString('base64');
          request = scheme.withDecoys(request, decoys.map(encode));
        }
        const result = await scheme.verifier.verify({
          headers: recase(request.headers, seed),
          body: new TextEncoder().encode(request.body),
        });
        return result.isOk();
      }),
      { numRuns: Math.max(100, Math.floor(RUNS / 10)) },
    );
  });
});

describe('timestamp tolerance', () => {
  const timed = schemes.filter((s) => s.extra?.includes('timestamp'));
  it.each(timed)('$name rejects ±(tolerance + 1 s) and accepts ±tolerance', async (scheme) => {
    for (const tolerance of [0, 1, 300]) {
      const verifier =
        scheme.name === 'Stripe-style'
          ? createStripeStyleVerifier({ platform: 'stripe', secrets: [SECRET], clock, toleranceSeconds: tolerance })
          : createStandardWebhooksVerifier({ secrets: [WHSEC], clock, toleranceSeconds: tolerance });
      const at = async (offset: number) => {
        const timestamp = NOW + offset;
        const request =
          scheme.name === 'Stripe-style'
            ? await signStripeStyleTestRequest({ secret: SECRET, body: '{}', timestamp })
            : await signStandardWebhooksTestRequest({ secrets: [WHSEC], id: 'msg_t', timestamp, body: '{}' });
        return verifier.verify(request);
      };
      expect((await at(-(tolerance + 1)))._unsafeUnwrapErr().reason).toBe('timestamp_too_old');
      expect((await at(tolerance + 1))._unsafeUnwrapErr().reason).toBe('timestamp_in_future');
      expect((await at(-tolerance)).isOk()).toBe(true);
      expect((await at(tolerance)).isOk()).toBe(true);
    }
  });

  it('a tolerance of 0 still rejects a request one second off, and negative tolerances are refused', () => {
    expect(() => createStandardWebhooksVerifier({ secrets: [WHSEC], toleranceSeconds: -1 })).toThrow(
      /toleranceSeconds/,
    );
    expect(() =>
      createStripeStyleVerifier({ platform: 's', secrets: [SECRET], toleranceSeconds: Number.POSITIVE_INFINITY }),
    ).toThrow(/toleranceSeconds/);
  });
});

describe('secret rotation', () => {
  it('requests signed with the old or the new secret are all accepted while both are configured', async () => {
    const verifier = createStandardWebhooksVerifier({ secrets: [WHSEC, WHSEC_OLD], clock });
    const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify({ n: i }));
    let accepted = 0;
    for (const [i, body] of bodies.entries()) {
      const request = await signStandardWebhooksTestRequest({
        secrets: [i % 2 ? WHSEC : WHSEC_OLD],
        id: `msg_${i}`,
        timestamp: NOW,
        body,
      });
      if ((await verifier.verify(request)).isOk()) accepted++;
    }
    expect(accepted).toBe(200);
    const shopify = createShopifyVerifier({ secrets: ['new-secret', 'old-secret'] });
    const old = await shopify.verify(await signShopifyTestRequest({ secret: 'old-secret', body: '{}' }));
    expect(old._unsafeUnwrap().secretIndex).toBe(1);
  });

  it('verifier options are validated once, every problem together', () => {
    expect(() =>
      createHmacVerifier({
        platform: '',
        secrets: [],
        header: 'bad header',
        hash: 'MD5' as 'SHA-1',
        encoding: 'bin' as 'hex',
      }),
    ).toThrow(/5 problems/);
  });
});
