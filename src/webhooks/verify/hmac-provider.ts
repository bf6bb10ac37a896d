/**
 * The hash functions the HMAC verifiers support.
 *
 * @category Verifiers
 */
export type HmacHash = 'SHA-256' | 'SHA-1';

/**
 * Computes HMACs for the verifiers. By default they use `node:crypto` where the runtime has it
 * (Node ≥ 20.16, and runtimes that implement `process.getBuiltinModule`), synchronously and
 * several times faster than Web Crypto for webhook-sized bodies, and Web Crypto everywhere
 * else (edge runtimes, browsers). Pass one to choose explicitly.
 *
 * @example
 * ```ts
 * const provider: HmacProvider = { hmac: (hash, key, data) => mySyncHmac(hash, key, data) };
 * const verifier = createShopifyVerifier({ secrets: [secret], hmac: provider });
 * ```
 *
 * @category Verifiers
 */
export interface HmacProvider {
  /** The MAC of `data` under `key`. */
  hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * Creates an {@link HmacProvider} on Web Crypto (`crypto.subtle`), available on every runtime.
 * Each key is imported once and kept for as long as the key's bytes are referenced.
 *
 * @example
 * ```ts
 * // Web Crypto even on Node, e.g. to compare with what an edge deployment computes.
 * const verifier = createShopifyVerifier({ secrets: [secret], hmac: createWebCryptoHmacProvider() });
 * ```
 *
 * @category Verifiers
 */
export function createWebCryptoHmacProvider(): HmacProvider {
  const imported = new WeakMap<Uint8Array, Partial<Record<HmacHash, Promise<CryptoKey>>>>();
  const keyFor = (hash: HmacHash, key: Uint8Array): Promise<CryptoKey> => {
    let byHash = imported.get(key);
    if (!byHash) imported.set(key, (byHash = {}));
    return (byHash[hash] ??= crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, [
      'sign',
    ]));
  };
  return {
    async hmac(hash, key, data) {
      return new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(hash, key), data as BufferSource));
    },
  };
}

/** What the HMAC provider needs of `node:crypto`. */
interface NodeHmacModule {
  createHmac(algorithm: string, key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
}

/**
 * An {@link HmacProvider} on a `node:crypto` module: synchronous, and answering with the
 * digest itself (a `Buffer` is a `Uint8Array`), no copy.
 *
 * @example
 * ```ts
 * import * as nodeCrypto from 'node:crypto';
 * const provider = createNodeHmacProvider(nodeCrypto);
 * ```
 */
export function createNodeHmacProvider(nodeCrypto: NodeHmacModule): HmacProvider {
  return {
    hmac: (hash, key, data) =>
      nodeCrypto
        .createHmac(hash === 'SHA-256' ? 'sha256' : 'sha1', key)
        .update(data)
        .digest(),
  };
}

/**
 * The provider verifiers use when none is given: `node:crypto` when the runtime offers it
 * through `process.getBuiltinModule` (a property lookup; nothing is imported, so bundles for
 * edge runtimes stay free of Node built-ins), else Web Crypto.
 *
 * @example
 * ```ts
 * const provider = defaultHmacProvider();
 * const mac = await provider.hmac('SHA-256', key, body);
 * ```
 *
 * @category Verifiers
 */
export function defaultHmacProvider(
  /** The part of the runtime's global scope it looks at (default `globalThis`). */
  scope: { process?: { getBuiltinModule?: (id: string) => unknown } } = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
  },
): HmacProvider {
  const getBuiltinModule = scope.process?.getBuiltinModule;
  if (typeof getBuiltinModule === 'function') {
    let nodeCrypto: Partial<NodeHmacModule> | undefined;
    try {
      nodeCrypto = getBuiltinModule.call(scope.process, 'node:crypto') as Partial<NodeHmacModule> | undefined;
    } catch {
      nodeCrypto = undefined;
    }
    if (typeof nodeCrypto?.createHmac === 'function') return createNodeHmacProvider(nodeCrypto as NodeHmacModule);
  }
  return createWebCryptoHmacProvider();
}
