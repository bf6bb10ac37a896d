import { err, ok } from 'neverthrow';
import { failure } from '../../core/result.js';
import { fromBase64 } from '../../core/bytes.js';
import { bodyBytes, headersValues, type WebhookRequest } from '../../webhooks/request.js';
import { HmacKeys, secretBytes } from '../../webhooks/verify/hmac-keys.js';
import { exactlyOnce, MISMATCH_HINT } from '../../webhooks/verify/request-checks.js';
import { throwIfIssues } from '../../webhooks/verify/verifier-options.js';
import type { HmacProvider } from '../../webhooks/verify/hmac-keys.js';
import type { MaybePromise } from '../../core/types.js';
import type { VerifiedWebhook, WebhookVerification, WebhookVerifier } from '../../webhooks/verify/types.js';

/**
 * Options of {@link createShopifyVerifier}.
 *
 * @example
 * ```ts
 * const options: ShopifyVerifierOptions = { secrets: [newSecret, oldSecret] };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface ShopifyVerifierOptions {
  /** How HMACs are computed (default: `node:crypto` where the runtime has it, else Web Crypto; see `HmacProvider`). */
  hmac?: HmacProvider;
  /** The app's client secret(s); several while rotating (any may match). */
  secrets: readonly (string | Uint8Array)[];
  /** Platform name reported on verified webhooks (default `shopify`). */
  platform?: string;
}

/** The headers a Shopify verification reads, looked up in one pass. */
const SHOPIFY_HEADERS = [
  'x-shopify-hmac-sha256',
  'x-shopify-event-id',
  'x-shopify-webhook-id',
  'x-shopify-topic',
] as const;

const single = (values: string[]): string | undefined => (values.length === 1 ? values[0] : undefined);

/**
 * Verifies Shopify webhooks: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body
 * under the app's client secret. The event id comes from `X-Shopify-Event-Id` (falling back to
 * `X-Shopify-Webhook-Id`), the topic from `X-Shopify-Topic`.
 *
 * @example
 * ```ts
 * const verifier = createShopifyVerifier({ secrets: [process.env.SHOPIFY_API_SECRET!] });
 * const result = await verifier.verify({ headers: request.headers, body: rawBody });
 * if (result.isErr()) return new Response(result.error.reason, { status: 401 });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createShopifyVerifier(options: ShopifyVerifierOptions): WebhookVerifier {
  const issues: Parameters<typeof throwIfIssues>[1] = [];
  const keys = new HmacKeys(secretBytes('Shopify', options?.secrets, issues), 'SHA-256', options?.hmac);
  throwIfIssues('Shopify webhook verifier options', issues);
  const platform = options.platform ?? 'shopify';
  const verified = (body: Uint8Array, index: number | undefined, found: string[][]): WebhookVerification => {
    if (index === undefined)
      return err(failure('signature_mismatch', `Shopify signature does not match. ${MISMATCH_HINT}`));
    const verified: VerifiedWebhook = { platform, body, secretIndex: index };
    const eventId = single(found[1]!) ?? single(found[2]!);
    const topic = single(found[3]!);
    if (eventId !== undefined) verified.eventId = eventId;
    if (topic !== undefined) verified.topic = topic;
    return ok(verified);
  };
  return {
    platform,
    // Synchronous when the HMAC provider is (node:crypto): no promise per webhook.
    verify(request: WebhookRequest): MaybePromise<WebhookVerification> {
      const found = headersValues(request, SHOPIFY_HEADERS);
      const header = exactlyOnce('x-shopify-hmac-sha256', found[0]!);
      if (header.isErr()) return err(header.error);
      const signature = fromBase64(header.value.trim());
      if (signature?.length !== 32) {
        return err(failure('malformed_signature', 'X-Shopify-Hmac-Sha256 must be a base64 HMAC-SHA256 (32 bytes).'));
      }
      const body = bodyBytes(request);
      const index = keys.match(body, [signature]);
      return index instanceof Promise
        ? index.then((match) => verified(body, match, found))
        : verified(body, index, found);
    },
  };
}
