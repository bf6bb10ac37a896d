/**
 * OAuth for marketplaces: `OAuthClient` runs the authorization-code flow (with PKCE and state),
 * stores tokens encrypted, and refreshes them once across processes under a lock; credential
 * stores and the keyring that encrypts them.
 *
 * @example
 * ```ts
 * import { OAuthClient } from 'marketbridge/auth';
 * const oauth = new OAuthClient(config, { context: { store: redisStore, tenantId: 'seller-1' } });
 * const accessToken = await oauth.getAccessToken('seller-1');
 * ```
 *
 * @module marketbridge/auth
 */
export {
  OAuthClient,
  type OAuthClientOptions,
  type AccessTokenOptions,
  type OAuthAuthHookOptions,
} from './oauth-client.js';
export type { OAuthClientConfig } from './config.js';
export type {
  AuthorizationUrlOptions,
  AuthorizationRequest,
  AuthorizationFailureReason,
  AuthorizationCallback,
  AuthorizationComplete,
} from './authorization.js';
export { createPkcePair, pkceChallenge, type PkcePair } from './pkce.js';
export { CredentialStore, type CredentialStoreOptions, type StoredRecord } from './credential-store.js';
export type { ConnectionRef, TokenRecord, ConnectionStatus } from './token-record.js';
export {
  createKeyring,
  type Keyring,
  type KeyringKey,
  type KeyringOptions,
  type DecryptFailureReason,
} from './keyring.js';
export { aesGcmSeal, aesGcmOpen, AES_GCM_MAX_NONCE_BYTES, type AesGcmInput } from './aes-gcm.js';
export { MIN_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, tokenLifetimeSeconds } from './token-lifetime.js';
export { RESERVED_AUTHORIZE_PARAMS, RESERVED_TOKEN_PARAMS } from './reserved-params.js';
