/**
 * A Web Crypto key, as `crypto.subtle.importKey` gives it: the DOM's `CryptoKey` in a project
 * with the DOM lib, Node's `webcrypto.CryptoKey` in one with only `@types/node`. Public
 * declarations use it so that they type-check without the DOM lib.
 *
 * @category Context
 */
export type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/**
 * What a `fetch` request body may be (`BodyInit`), taken from `RequestInit` so that public
 * declarations type-check without the DOM lib.
 *
 * @category Context
 */
export type WebBody = NonNullable<RequestInit['body']>;
