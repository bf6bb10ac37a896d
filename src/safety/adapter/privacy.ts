import { createRedactor, type Redactor } from '../../core/errors/redact.js';
import type { Order } from '../../model/order.js';
import { randomBytes, toHex } from '../../core/bytes.js';

/**
 * Privacy settings of a `RealWorldAdapter`.
 *
 * @example
 * ```ts
 * adapter.configurePrivacySettings({ anonymiseCustomerData: true, redactFields: ['vatNumber'], salt: 'per-tenant-salt' });
 * ```
 *
 * @category Real-world adapter
 */
export interface PrivacySettings {
  /** Replace buyer names, emails and addresses with stable pseudonyms in state handed to simulation (default true). */
  anonymiseCustomerData?: boolean;
  /** More field names to redact from logs, besides the built-in personal and secret ones. */
  redactFields?: readonly string[];
  /** Exact values (tokens, keys) to scrub from logs wherever they appear. */
  secrets?: readonly string[];
  /** Salt of the pseudonyms; equal salts give equal pseudonyms (default: random per adapter). */
  salt?: string;
}

/**
 * Field names that hold personal data; redacted from every log line.
 *
 * @example
 * ```ts
 * createRedactor({ fields: PERSONAL_FIELDS });
 * ```
 */
export const PERSONAL_FIELDS = [
  'email',
  'phone',
  'line1',
  'line2',
  'postalCode',
  'buyer',
  'shippingAddress',
  'billingAddress',
  'address',
  'company',
];

/**
 * The log redactor for privacy settings.
 *
 * @example
 * ```ts
 * privacyRedactor({ secrets: ['shpat_abc123'] }).text('token shpat_abc123'); // 'token [REDACTED]'
 * ```
 */
export function privacyRedactor(settings: PrivacySettings): Redactor {
  return createRedactor({
    fields: [...PERSONAL_FIELDS, ...(settings.redactFields ?? [])],
    secrets: settings.secrets ?? [],
  });
}

async function pseudonym(salt: string, value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${value}`));
  return `buyer-${toHex(new Uint8Array(digest).slice(0, 6))}`;
}

/**
 * A random salt from Web Crypto.
 *
 * @example
 * ```ts
 * const salt = randomSalt(); // 32 hex characters
 * ```
 */
export function randomSalt(): string {
  return toHex(randomBytes(16));
}

/**
 * An order without customer data: the buyer becomes a stable pseudonym (same buyer, same
 * pseudonym, so repeat-buyer behaviour survives) and the address keeps only its country and
 * region.
 *
 * @example
 * ```ts
 * const safe = await anonymiseOrder(order, 'salt'); // safe.buyer?.name === 'buyer-…'
 * ```
 */
export async function anonymiseOrder(order: Order, salt: string): Promise<Order> {
  const copy = structuredClone(order);
  const who = order.buyer?.email ?? order.buyer?.name ?? order.shippingAddress?.name;
  if (copy.buyer || who !== undefined) {
    const alias = who === undefined ? 'buyer-anonymous' : await pseudonym(salt, who.toLowerCase());
    copy.buyer = { name: alias, email: `${alias}@anonymised.invalid` };
  }
  if (copy.shippingAddress) {
    const { countryCode, region } = copy.shippingAddress;
    copy.shippingAddress =
      region === undefined
        ? { line1: 'anonymised', city: 'anonymised', countryCode }
        : { line1: 'anonymised', city: 'anonymised', countryCode, region };
  }
  return copy;
}
