import { createContext, type Context } from '../core/context.js';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import { toBase64 } from '../core/bytes.js';
import { createStandardWebhooksVerifier, decodeStandardWebhooksSecret } from './verify/standard-webhooks.js';
import type { WebhookVerifier } from './verify/types.js';
import { concatBytes, utf8 } from '../core/bytes.js';

/**
 * A registered webhook endpoint: where deliveries go, the events it wants and the secret that
 * signs them (Standard Webhooks `whsec_` format).
 *
 * @category HTTP handlers
 */
export interface WebhookEndpoint {
  /** Stable id. */
  id: string;
  /** The platform or source this endpoint receives from. */
  platform: string;
  /** The delivery URL. */
  url: string;
  /** Subscribed event types (`*` for all). */
  events: string[];
  /** `active` or `disabled`. */
  status: 'active' | 'disabled';
  /** The signing secret (`whsec_...`). Treat as a secret: never log it. */
  secret: string;
  /** When it was registered (epoch ms). */
  createdAt: number;
  /** When its status last changed (epoch ms). */
  updatedAt: number;
}

/**
 * Input of {@link WebhookEndpoints.register}.
 *
 * @category HTTP handlers
 */
export interface RegisterEndpointInput {
  /** The platform or source. */
  platform: string;
  /** The delivery URL (https, or http on localhost). */
  url: string;
  /** Subscribed event types. */
  events: string[];
  /** A `whsec_` secret; generated when omitted. */
  secret?: string;
}

/**
 * Result of {@link WebhookEndpoints.sendTest}.
 *
 * @category HTTP handlers
 */
export interface TestDelivery {
  /** Whether the endpoint answered 2xx. */
  ok: boolean;
  /** The HTTP status (0 when the request failed). */
  status: number;
  /** The `webhook-id` that was sent. */
  messageId: string;
}

/**
 * Endpoint management over the `Store`: register, read, list, enable/disable, and send a
 * signed test delivery. Everything is kept per tenant.
 *
 * @example
 * ```ts
 * const endpoints = createWebhookEndpoints({ store, tenantId: 'shop-1' });
 * const endpoint = await endpoints.register({ platform: 'app', url: 'https://example.test/hooks', events: ['*'] });
 * await endpoints.sendTest(endpoint.id);
 * ```
 *
 * @category HTTP handlers
 */
export interface WebhookEndpoints {
  /** Registers an endpoint (validated; every problem reported at once). */
  register(input: RegisterEndpointInput): Promise<WebhookEndpoint>;
  /** One endpoint, or `undefined`. */
  get(id: string): Promise<WebhookEndpoint | undefined>;
  /** Every endpoint of the tenant. */
  list(): Promise<WebhookEndpoint[]>;
  /** Sets `active` or `disabled`; resolves the updated endpoint. */
  setStatus(id: string, status: WebhookEndpoint['status']): Promise<WebhookEndpoint | undefined>;
  /** Shorthand for `setStatus(id, 'disabled')`. */
  deactivate(id: string): Promise<WebhookEndpoint | undefined>;
  /** POSTs a signed `webhook.test` delivery to the endpoint with the context's fetch. */
  sendTest(id: string, payload?: unknown): Promise<TestDelivery>;
  /** A Standard Webhooks verifier for deliveries signed with this endpoint's secret. */
  verifierFor(endpoint: WebhookEndpoint): WebhookVerifier;
}

/**
 * Creates {@link WebhookEndpoints} for the context's store, tenant, clock and fetch.
 *
 * @example
 * ```ts
 * const endpoints = createWebhookEndpoints(context);
 * ```
 *
 * @category HTTP handlers
 */
export function createWebhookEndpoints(contextInput: Context = {}): WebhookEndpoints {
  const context = createContext(contextInput);
  const prefix = `webhook-endpoints:${encodeURIComponent(context.tenantId)}:`;
  const key = (id: string) => prefix + id;
  const endpoints: WebhookEndpoints = {
    async register(input) {
      const issues: ValidationIssue[] = [];
      if (typeof input?.platform !== 'string' || input.platform === '')
        issues.push({ path: ['platform'], message: 'Name the platform.' });
      let url: URL | undefined;
      try {
        url = new URL(input?.url);
      } catch {
        issues.push({ path: ['url'], message: 'Expected an absolute URL.' });
      }
      if (
        url &&
        url.protocol !== 'https:' &&
        !(url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))
      ) {
        issues.push({ path: ['url'], message: 'Use https (http only for localhost).' });
      }
      if (
        !Array.isArray(input?.events) ||
        input.events.length === 0 ||
        input.events.some((e) => typeof e !== 'string' || e === '')
      ) {
        issues.push({ path: ['events'], message: 'List at least one event type (or "*").' });
      }
      if (input?.secret !== undefined && !decodeStandardWebhooksSecret(input.secret))
        issues.push({ path: ['secret'], message: 'Expected "whsec_" followed by base64.' });
      if (issues.length > 0) throw new ValidationError('webhook endpoint', issues);
      const now = context.clock.now();
      const endpoint: WebhookEndpoint = {
        id: `ep_${crypto.randomUUID()}`,
        platform: input.platform,
        url: input.url,
        events: [...input.events],
        status: 'active',
        secret: input.secret ?? `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`,
        createdAt: now,
        updatedAt: now,
      };
      await context.store.set(key(endpoint.id), endpoint);
      return endpoint;
    },
    async get(id) {
      return context.store.get<WebhookEndpoint>(key(id));
    },
    async list() {
      const out: WebhookEndpoint[] = [];
      for (const k of await context.store.list(prefix)) {
        const endpoint = await context.store.get<WebhookEndpoint>(k);
        if (endpoint) out.push(endpoint);
      }
      return out;
    },
    async setStatus(id, status) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await context.store.get<WebhookEndpoint>(key(id));
        if (!current) return undefined;
        const next = { ...current, status, updatedAt: context.clock.now() };
        if (await context.store.compareAndSet(key(id), current, next)) return next;
      }
      return context.store.get<WebhookEndpoint>(key(id));
    },
    deactivate(id) {
      return endpoints.setStatus(id, 'disabled');
    },
    async sendTest(id, payload = { type: 'webhook.test', data: { message: 'marketbridge test delivery' } }) {
      const endpoint = await endpoints.get(id);
      if (!endpoint)
        throw new ValidationError('test delivery', [{ path: ['id'], message: `No endpoint "${id}" for this tenant.` }]);
      const messageId = `msg_${crypto.randomUUID()}`;
      const timestamp = Math.floor(context.clock.now() / 1000);
      const body = JSON.stringify(payload);
      const keyBytes = decodeStandardWebhooksSecret(endpoint.secret) as Uint8Array;
      const hmacKey = await crypto.subtle.importKey(
        'raw',
        keyBytes as BufferSource,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const mac = new Uint8Array(
        await crypto.subtle.sign(
          'HMAC',
          hmacKey,
          concatBytes(utf8(`${messageId}.${timestamp}.`), utf8(body)) as BufferSource,
        ),
      );
      try {
        const response = await context.fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': messageId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': `v1,${toBase64(mac)}`,
          },
          body,
        });
        return { ok: response.ok, status: response.status, messageId };
      } catch {
        return { ok: false, status: 0, messageId };
      }
    },
    verifierFor(endpoint) {
      return createStandardWebhooksVerifier({
        secrets: [endpoint.secret],
        clock: context.clock,
        platform: endpoint.platform,
      });
    },
  };
  return endpoints;
}
