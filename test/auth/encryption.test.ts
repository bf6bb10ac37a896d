import { describe, expect, it } from 'vitest';
import { readJsonSpec } from '../fixtures/specs.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import {
  AES_GCM_MAX_NONCE_BYTES,
  aesGcmOpen,
  aesGcmSeal,
  createKeyring,
  CredentialStore,
  type TokenRecord,
} from '../../src/auth/index.js';
import { fromHex, toHex } from '../../src/core/bytes.js';

interface GcmVector {
  tcId: number;
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
  result: 'valid' | 'invalid';
}

const file = readJsonSpec('crypto-vectors/aes_gcm_test.json') as {
  testGroups: { tests: GcmVector[] }[];
};

describe('Wycheproof AES-GCM', () => {
  const vectors = file.testGroups.flatMap((group) => group.tests);

  it(`all ${vectors.length} vectors: valid ones encrypt to the expected bytes and decrypt; invalid ones never decrypt`, async () => {
    let valid = 0;
    let invalid = 0;
    let refusedNonce = 0;
    for (const vector of vectors) {
      const input = { key: fromHex(vector.key)!, iv: fromHex(vector.iv)!, aad: fromHex(vector.aad)! };
      const sealed = fromHex(vector.ct + vector.tag)!;
      const opened = await aesGcmOpen(input, sealed);
      if (input.iv.length < 12 || input.iv.length > AES_GCM_MAX_NONCE_BYTES) {
        // Outside the supported nonce range: refused whatever the verdict, and sealing throws.
        expect({ tcId: vector.tcId, opened }).toEqual({ tcId: vector.tcId, opened: undefined });
        await expect(aesGcmSeal(input, fromHex(vector.msg)!)).rejects.toThrow(RangeError);
        refusedNonce++;
      } else if (vector.result === 'valid') {
        expect({ tcId: vector.tcId, msg: opened && toHex(opened) }).toEqual({ tcId: vector.tcId, msg: vector.msg });
        expect({ tcId: vector.tcId, ct: toHex(await aesGcmSeal(input, fromHex(vector.msg)!)) }).toEqual({
          tcId: vector.tcId,
          ct: vector.ct + vector.tag,
        });
        valid++;
      } else {
        expect({ tcId: vector.tcId, opened }).toEqual({ tcId: vector.tcId, opened: undefined });
        invalid++;
      }
    }
    expect(valid + invalid + refusedNonce).toBe(316);
    expect({ valid, invalid, refusedNonce }).toEqual({ valid: 189, invalid: 81, refusedNonce: 46 });
  });
});

const KEY_A = new Uint8Array(32).fill(1);
const KEY_B = new Uint8Array(32).fill(2);

describe('keyring', () => {
  it('round-trips, names its key id, and rotation keeps old ciphertexts readable until the key is retired', async () => {
    const old = createKeyring({ keys: [{ id: 'a', key: KEY_A }] });
    const sealed = await old.encrypt('refresh/token-1.x', 'aad');
    expect(old.keyIdOf(sealed)).toBe('a');
    const rotated = createKeyring({
      keys: [
        { id: 'b', key: KEY_B },
        { id: 'a', key: KEY_A },
      ],
    });
    expect((await rotated.decrypt(sealed, 'aad'))._unsafeUnwrap()).toBe('refresh/token-1.x');
    expect(rotated.keyIdOf(await rotated.encrypt('x', 'aad'))).toBe('b');
    const retired = createKeyring({ keys: [{ id: 'b', key: KEY_B }] });
    expect((await retired.decrypt(sealed, 'aad'))._unsafeUnwrapErr().reason).toBe('unknown_key');
  });

  it('rejects other associated data, a relabelled key id, and tampered bytes', async () => {
    const keyring = createKeyring({
      keys: [
        { id: 'a', key: KEY_A },
        { id: 'b', key: KEY_A },
      ],
    });
    const sealed = await keyring.encrypt('secret', 'tenant-1|ebay|refreshToken');
    expect((await keyring.decrypt(sealed, 'tenant-2|ebay|refreshToken'))._unsafeUnwrapErr().reason).toBe(
      'decryption_failed',
    );
    expect(
      (await keyring.decrypt(sealed.replace('mb1.a.', 'mb1.b.'), 'tenant-1|ebay|refreshToken'))._unsafeUnwrapErr()
        .reason,
    ).toBe('decryption_failed');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BA' : 'AA');
    expect((await keyring.decrypt(flipped, 'tenant-1|ebay|refreshToken')).isErr()).toBe(true);
    expect((await keyring.decrypt('plain', 'x'))._unsafeUnwrapErr().reason).toBe('malformed_ciphertext');
  });

  it('validates keys once, every problem together', () => {
    expect(() =>
      createKeyring({
        keys: [
          { id: 'bad id', key: 'c2hvcnQ=' },
          { id: 'x', key: new Uint8Array(16) },
        ],
        primaryKeyId: 'nope',
      }),
    ).toThrow(/4 problems/);
  });
});

describe('credential store', () => {
  const record: TokenRecord = {
    version: 1,
    status: 'active',
    grant: 'authorization_code',
    accessToken: 'at-1',
    tokenType: 'bearer',
    refreshToken: 'rt-1',
    obtainedAt: 0,
  };
  const ref = { tenantId: 't1', platform: 'ebay', connectionId: 'main' };

  it('a ciphertext moved to another tenant, platform, connection or field fails to decrypt', async () => {
    const store = new MemoryStore();
    const credentials = new CredentialStore({ store, keyring: createKeyring({ keys: [{ id: 'k', key: KEY_A }] }) });
    await credentials.write(ref, record);
    expect((await credentials.read(ref))?.record).toEqual(record);
    const stored = store.get<Record<string, unknown>>(credentials.key(ref))!;
    for (const target of [
      { ...ref, tenantId: 't2' },
      { ...ref, platform: 'shopify' },
      { ...ref, connectionId: 'other' },
    ]) {
      store.set(credentials.key(target), stored);
      await expect(credentials.read(target)).rejects.toThrow(/cannot be decrypted/);
    }
    // Swapping fields within one record.
    store.set(credentials.key(ref), { ...stored, accessToken: stored.refreshToken, refreshToken: stored.accessToken });
    await expect(credentials.read(ref)).rejects.toThrow(/cannot be decrypted/);
  });

  it('stores other credentials encrypted, bound to their field', async () => {
    const store = new MemoryStore();
    const credentials = new CredentialStore({ store, keyring: createKeyring({ keys: [{ id: 'k', key: KEY_A }] }) });
    await credentials.setSecret(ref, 'clientSecret', 'cs-1');
    expect(await credentials.getSecret(ref, 'clientSecret')).toBe('cs-1');
    expect(JSON.stringify(store.get(credentials.key(ref, 'secret:clientSecret')))).not.toContain('cs-1');
    store.set(credentials.key(ref, 'secret:apiKey'), store.get(credentials.key(ref, 'secret:clientSecret')));
    await expect(credentials.getSecret(ref, 'apiKey')).rejects.toThrow(/cannot be decrypted/);
  });
});
