import type { ResolvedContext } from '../core/context.js';
import type { Redactor } from '../core/errors/redact.js';
import type { ResolvedOAuthConfig } from './config.js';
import type { CredentialStore } from './credential-store.js';
import type { ConnectionRef, TokenRecord } from './token-record.js';

/**
 * What the OAuth flows share: config, context, storage and the redaction of known secrets.
 */
export interface OAuthInternals {
  config: ResolvedOAuthConfig;
  context: ResolvedContext;
  credentials: CredentialStore;
  ref(connectionId: string): ConnectionRef;
  redactor(): Redactor;
  remember(record: TokenRecord | undefined): void;
}
