import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../core/result.js';

/**
 * Why a shop domain was refused.
 *
 * @category Authorization
 */
export type ShopDomainReason = 'empty' | 'not_myshopify' | 'invalid_characters';

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Normalises and checks a shop domain: `acme`, `ACME.myshopify.com` and
 * `https://acme.myshopify.com/` all become `acme.myshopify.com`. Anything that is not a
 * `*.myshopify.com` host is refused, so that a tampered `shop` parameter can never point the
 * connector (and its token) at another host. Custom domains must be resolved to the
 * myshopify domain first.
 *
 * @example
 * ```ts
 * normalizeShopDomain('https://Acme.myshopify.com/admin'); // Ok('acme.myshopify.com')
 * normalizeShopDomain('evil.com/?.myshopify.com').isErr(); // true
 * ```
 *
 * @category Authorization
 */
export function normalizeShopDomain(input: string): Result<string, Failure<ShopDomainReason>> {
  let text = String(input ?? '')
    .trim()
    .toLowerCase();
  if (!text) return err(failure('empty', 'Give the shop as its myshopify domain, e.g. "acme.myshopify.com".'));
  text = text.replace(/^https?:\/\//, '').replace(/\/(admin\/?.*)?$/, '');
  if (!text.includes('.')) text = `${text}.myshopify.com`;
  if (!/^[a-z0-9.-]+$/.test(text)) {
    return err(failure('invalid_characters', `"${input}" is not a shop domain; use the form "acme.myshopify.com".`));
  }
  if (!SHOP.test(text)) {
    return err(
      failure(
        'not_myshopify',
        `"${input}" is not a *.myshopify.com domain; use the shop's myshopify domain, not a custom domain.`,
      ),
    );
  }
  return ok(text);
}
