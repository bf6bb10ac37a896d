import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nodeCryptoProvider } from '../../src/adapters/node.js';
import { readJsonSpec } from '../fixtures/specs.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { fromHex, toBase64, utf8 } from '../../src/core/bytes.js';
import { HmacKeys } from '../../src/webhooks/verify/hmac-keys.js';
import {
  createWebCryptoHmacProvider,
  defaultHmacProvider,
  type HmacProvider,
} from '../../src/webhooks/verify/hmac-provider.js';
import { createStandardWebhooksVerifier } from '../../src/webhooks/verify/index.js';
import { signShopifyTestRequest, signStandardWebhooksTestRequest } from '../../src/testing/webhooks/index.js';
import { createEbayVerifier, type EbayPublicKey } from '../../src/connectors/ebay/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

const load = <T>(path: string): T => readJsonSpec<T>(path);

interface StandardVector {
  secret: string;
  id: string;
  timestamp: number;
  payload: string;
  expectedSignatureHeader: string;
  toleranceSeconds: number;
}

describe('Standard Webhooks vector', () => {
  const vector = load<StandardVector>('webhook-vectors/standard-webhooks.json');
  const clock = new FakeClock(vector.timestamp * 1000);
  const verifier = createStandardWebhooksVerifier({
    secrets: [vector.secret],
    clock,
    toleranceSeconds: vector.toleranceSeconds,
  });
  const request = {
    headers: {
      'webhook-id': vector.id,
      'webhook-timestamp': String(vector.timestamp),
      'webhook-signature': vector.expectedSignatureHeader,
    },
    body: vector.payload,
  };

  it('accepts the published signature byte-exact', async () => {
    const result = await verifier.verify(request);
    expect(result.isOk()).toBe(true);
    expect(result._unsafeUnwrap().eventId).toBe(vector.id);
  });

  it('the test-request builder produces exactly the published header', async () => {
    const built = await signStandardWebhooksTestRequest({
      secrets: [vector.secret],
      id: vector.id,
      timestamp: vector.timestamp,
      body: vector.payload,
    });
    expect(built.headers['webhook-signature']).toBe(vector.expectedSignatureHeader);
  });

  it('rejects the same signature over a payload differing by one space', async () => {
    const result = await verifier.verify({ ...request, body: vector.payload.replace(': ', ':') });
    expect(result._unsafeUnwrapErr().reason).toBe('signature_mismatch');
  });
});

interface EbayCase {
  signature: string;
  message: unknown;
  response: EbayPublicKey | null;
  public_key: string;
}

describe('eBay notification vectors', () => {
  const vectors = load<Record<'VALID' | 'INVALID' | 'SIGNATURE_MISMATCH' | 'ERROR', EbayCase>>(
    'webhook-vectors/ebay-notification-test.json',
  );
  const verifierFor = (vector: EbayCase) =>
    createEbayVerifier({
      fetchKey: () => {
        if (vector.response === null) throw new Error('key service unavailable');
        return vector.response;
      },
    });
  const requestFor = (vector: EbayCase) => ({
    headers: { 'X-EBAY-SIGNATURE': vector.signature },
    body: JSON.stringify(vector.message),
  });

  it('VALID verifies', async () => {
    const result = await verifierFor(vectors.VALID).verify(requestFor(vectors.VALID));
    expect(result.isOk()).toBe(true);
    expect(result._unsafeUnwrap()).toMatchObject({
      platform: 'ebay',
      topic: 'MARKETPLACE_ACCOUNT_DELETION',
      eventId: '49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d',
    });
  });

  it('INVALID (same signature, different message) is a signature mismatch', async () => {
    const result = await verifierFor(vectors.INVALID).verify(requestFor(vectors.INVALID));
    expect(result._unsafeUnwrapErr().reason).toBe('signature_mismatch');
  });

  it('SIGNATURE_MISMATCH is a signature mismatch', async () => {
    const result = await verifierFor(vectors.SIGNATURE_MISMATCH).verify(requestFor(vectors.SIGNATURE_MISMATCH));
    expect(result._unsafeUnwrapErr().reason).toBe('signature_mismatch');
  });

  it('ERROR (key service fails) is a key fetch failure, not an acceptance', async () => {
    const result = await verifierFor(vectors.ERROR).verify(requestFor(vectors.ERROR));
    expect(result._unsafeUnwrapErr().reason).toBe('key_fetch_failed');
  });
});

interface MacVector {
  tcId: number;
  key: string;
  msg: string;
  tag: string;
  result: 'valid' | 'invalid';
}

describe('Wycheproof HMAC-SHA256', () => {
  const file = load<{ testGroups: { tagSize: number; tests: MacVector[] }[] }>('crypto-vectors/hmac_sha256_test.json');
  const cases = file.testGroups.flatMap((group) =>
    group.tests.map((test) => ({ ...test, tagBytes: group.tagSize / 8 })),
  );
  const providers: [string, HmacProvider | undefined][] = [
    ['the default (node:crypto on Node)', undefined],
    ['Web Crypto', createWebCryptoHmacProvider()],
    ['nodeCryptoProvider', nodeCryptoProvider],
    ['the default of a runtime without getBuiltinModule (edge)', defaultHmacProvider({})],
  ];

  const verdicts = async (provider: HmacProvider | undefined) => {
    const out: { tcId: number; accepted: boolean }[] = [];
    for (const vector of cases) {
      const keys = new HmacKeys([fromHex(vector.key)!], 'SHA-256', provider);
      const [mac] = await keys.macs(fromHex(vector.msg)!);
      const truncated = mac!.subarray(0, vector.tagBytes);
      // Full-length tags go through the verifier's constant-time matcher; truncated ones are compared on the truncation.
      const accepted =
        vector.tagBytes === 32
          ? (await keys.match(fromHex(vector.msg)!, [fromHex(vector.tag)!])) !== undefined
          : toBase64(truncated) === toBase64(fromHex(vector.tag)!);
      out.push({ tcId: vector.tcId, accepted });
    }
    return out;
  };

  for (const [name, provider] of providers) {
    it(`all ${cases.length} vectors give the expected verdict with ${name}`, async () => {
      const got = await verdicts(provider);
      expect(got).toEqual(cases.map((vector) => ({ tcId: vector.tcId, accepted: vector.result === 'valid' })));
      expect(got).toHaveLength(174);
    });
  }

  it('on Node the default computes with node:crypto, synchronously; without getBuiltinModule it uses Web Crypto', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    try {
      const key = utf8('k');
      const data = utf8('body');
      const nodeMac = defaultHmacProvider().hmac('SHA-256', key, data);
      expect(nodeMac).toBeInstanceOf(Uint8Array);
      expect(sign).not.toHaveBeenCalled();
      const webMac = defaultHmacProvider({}).hmac('SHA-256', key, data);
      expect(webMac).toBeInstanceOf(Promise);
      expect(await webMac).toEqual(new Uint8Array(nodeMac as Uint8Array));
      expect(sign).toHaveBeenCalledTimes(1);
      // A runtime whose getBuiltinModule throws or has no node:crypto falls back too.
      const throwing = defaultHmacProvider({
        process: {
          getBuiltinModule: () => {
            throw new Error('no');
          },
        },
      });
      expect(await throwing.hmac('SHA-1', key, data)).toEqual(
        new Uint8Array(createHmac('sha1', key).update(data).digest()),
      );
      expect(
        defaultHmacProvider({ process: { getBuiltinModule: () => undefined } }).hmac('SHA-256', key, data),
      ).toBeInstanceOf(Promise);
    } finally {
      sign.mockRestore();
    }
  });

  it('Shopify verifiers on every provider agree on genuine, forged and truncated signatures', async () => {
    const body = '{"id":1,"note":"é"}';
    const genuine = await signShopifyTestRequest({ secret: 'shpss_x', body });
    const header = genuine.headers['x-shopify-hmac-sha256']!;
    const requests = [
      genuine,
      { ...genuine, body: body.replace('1', '2') },
      { ...genuine, headers: { ...genuine.headers, 'x-shopify-hmac-sha256': header.slice(0, -4) } },
      { ...genuine, headers: { ...genuine.headers, 'x-shopify-hmac-sha256': toBase64(new Uint8Array(32)) } },
    ];
    const results = await Promise.all(
      providers.map(async ([, hmac]) => {
        const verifier = createShopifyVerifier({ secrets: ['other', 'shpss_x'], ...(hmac ? { hmac } : {}) });
        return Promise.all(
          requests.map(async (request) =>
            (await verifier.verify(request)).match(
              (v) => `ok:${v.secretIndex}`,
              (e) => e.reason,
            ),
          ),
        );
      }),
    );
    for (const verdicts of results)
      expect(verdicts).toEqual(['ok:1', 'signature_mismatch', 'malformed_signature', 'signature_mismatch']);
  });
});
