import { describe, expect, it } from 'vitest';
import { createBolVerifier, parseBolSignatureHeader } from '../../../src/connectors/bol/index.js';
import { importBolPublicKey, pkcs1ToSpki } from '../../../src/connectors/bol/notifications/keys.js';
import { createWebhookProcessor } from '../../../src/webhooks/processor/processor.js';
import { fromBase64, toBase64 } from '../../../src/core/bytes.js';
import type { WebhookEvent } from '../../../src/webhooks/processor/types.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('bol.com push subscriptions', () => {
  it('creates, lists, updates, tests and deletes a subscription, each confirmed by its process status', async () => {
    const h = setup({ server });
    await h.run(async () => {
      const created = await h.bol.notifications.create({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
      });
      expect(created).toMatchObject({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        enabled: true,
      });
      expect(await h.bol.notifications.list()).toHaveLength(1);
      const updated = await h.bol.notifications.update(created.id, {
        resources: ['PROCESS_STATUS', 'SHIPMENT'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
        enabled: false,
      });
      expect(updated).toMatchObject({ resources: ['PROCESS_STATUS', 'SHIPMENT'], enabled: false });
      await h.bol.notifications.test(created.id);
      expect(h.simulator.outbox.at(-1)?.body.event).toEqual({ resource: 'TEST', type: 'TEST', resourceId: created.id });
      await h.bol.notifications.delete(created.id);
      expect(await h.bol.notifications.list()).toEqual([]);
    });
  });

  it('refuses a webhook that is not https, with the violation as a field issue', async () => {
    const h = setup({ server });
    const error = await h.run(() =>
      h.bol.notifications
        .create({ resources: ['PROCESS_STATUS'], url: 'http://app.example.com/hook', subscriptionType: 'WEBHOOK' })
        .catch((caught: unknown) => caught),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: ['url'], message: 'Webhook URLs must use https.' }],
    });
  });
});

describe('verified push notifications', () => {
  async function world() {
    const h = setup({ server });
    const handled: WebhookEvent[] = [];
    const verifier = createBolVerifier({
      fetchKeys: (signal) => h.bol.notifications.signatureKeys(signal),
      clock: h.clock,
      maxKeyFetchesPerMinute: 2,
    });
    const processor = createWebhookProcessor({
      verifiers: [verifier],
      routes: {
        bol: { PROCESS_STATUS: (event) => void handled.push(event), TEST: (event) => void handled.push(event) },
      },
      context: { store: h.store, clock: h.clock },
    });
    return { h, handled, processor, verifier };
  }

  it('verifies the pushes of a write, routes them by resource and deduplicates redeliveries', async () => {
    const { h, handled, processor } = await world();
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    await h.run(async () => {
      await h.bol.notifications.create({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
      });
      await h.bol.setInventory([{ sku: offer.ean, quantity: 3 }]);
    });
    const pushes = h.simulator.outbox.filter((push) => push.body.event.resource === 'PROCESS_STATUS');
    expect(pushes.length).toBeGreaterThan(0);
    const signed = await h.simulator.signedPush(pushes.at(-1)!);
    const outcome = await h.run(() => processor.receive('bol', signed));
    expect(outcome).toMatchObject({ status: 'processed', topic: 'PROCESS_STATUS' });
    expect(handled[0]!.payload).toMatchObject({ event: { resource: 'PROCESS_STATUS', type: 'SUCCESS' } });
    expect(await h.run(() => processor.receive('bol', signed))).toMatchObject({ status: 'duplicate' });
    expect(handled).toHaveLength(1);
  });

  it('rejects tampered bodies, unknown keys, other algorithms and malformed or missing headers', async () => {
    const { h, processor } = await world();
    const body = {
      retailerId: '1234567',
      timestamp: '2026-01-05T10:00:00+01:00',
      event: { resource: 'PROCESS_STATUS', type: 'SUCCESS', resourceId: '42' },
    };
    const signed = await h.simulator.signedPush(body);
    const receive = (headers: Record<string, string>, raw = signed.body) =>
      h.run(() => processor.receive('bol', { headers, body: raw }));
    expect(await receive(signed.headers, signed.body.replace('SUCCESS', 'FAILURE'))).toMatchObject({
      status: 'rejected',
      reason: 'signature_mismatch',
    });
    expect(await receive({ signature: signed.headers.signature!.replace('keyId=0', 'keyId=7') })).toMatchObject({
      status: 'rejected',
      reason: 'unknown_key',
    });
    expect(await receive({ signature: signed.headers.signature!.replace('rsa-sha256', 'hmac-sha256') })).toMatchObject({
      status: 'rejected',
      reason: 'malformed_signature',
    });
    expect(await receive({ signature: 'garbage' })).toMatchObject({
      status: 'rejected',
      reason: 'malformed_signature',
    });
    expect(await receive({ signature: signed.headers.signature!.replace('keyId=0', 'keyId=../../etc') })).toMatchObject(
      { status: 'rejected', reason: 'invalid_kid' },
    );
    expect(await receive({})).toMatchObject({ status: 'rejected', reason: 'missing_header' });
    // Unknown key ids cost at most the fetch budget (2 a minute), then fail fast.
    expect(await receive({ signature: signed.headers.signature!.replace('keyId=0', 'keyId=8') })).toMatchObject({
      status: 'rejected',
      reason: 'key_fetch_failed',
    });
    const fetches = h.simulator.stats().groups.subscriptions?.requests ?? 0;
    expect(fetches).toBe(2);
  });

  it('parses the header with or without quotes and imports PKCS#1 and SPKI keys', async () => {
    expect(parseBolSignatureHeader('keyId="0",algorithm="rsa-sha256",signature="c2ln"')).toEqual({
      keyId: '0',
      algorithm: 'rsa-sha256',
      signature: 'c2ln',
    });
    expect(parseBolSignatureHeader('keyId=0')).toBeUndefined();
    const h = setup();
    const { publicKey } = await h.simulator.signingKeys();
    const spki = fromBase64(publicKey)!;
    // A 2048-bit SubjectPublicKeyInfo is 24 bytes of header around the PKCS#1 RSAPublicKey.
    const pkcs1 = spki.slice(24);
    expect(toBase64(pkcs1ToSpki(pkcs1))).toBe(publicKey);
    expect(await importBolPublicKey(toBase64(pkcs1))).toBeDefined();
    expect(
      await importBolPublicKey(
        `-----BEGIN PUBLIC KEY-----\n${publicKey.replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----`,
      ),
    ).toBeDefined();
    expect(await importBolPublicKey('not a key')).toBeUndefined();
  });

  it('verifies a test message and validates its options at once', async () => {
    const { h, handled, processor } = await world();
    await h.run(async () => {
      const subscription = await h.bol.notifications.create({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
      });
      await h.bol.notifications.test(subscription.id);
    });
    const test = h.simulator.outbox.find((push) => push.body.event.resource === 'TEST')!;
    expect(await h.run(async () => processor.receive('bol', await h.simulator.signedPush(test)))).toMatchObject({
      status: 'processed',
      topic: 'TEST',
    });
    expect(handled).toHaveLength(1);
    expect(() => createBolVerifier({ fetchKeys: undefined as never, keyTtlMs: -1 })).toThrow(/2 problems/);
  });
});
