import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { toHex, utf8 } from '../../../core/bytes.js';

/**
 * What eBay accepts as a verification token: 32 to 80 characters of letters, digits, `_` and `-`.
 *
 * @example
 * ```ts
 * EBAY_VERIFICATION_TOKEN_PATTERN.test('a'.repeat(32)); // true
 * ```
 *
 * @category Webhooks and notifications
 */
export const EBAY_VERIFICATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,80}$/;

/**
 * Checks a notification endpoint's settings once, every problem together: the verification token
 * has eBay's format and the endpoint is an https URL (eBay calls no other).
 *
 * @example
 * ```ts
 * checkEbayEndpointSettings({ verificationToken, endpoint: 'https://app.example.com/ebay/notifications' });
 * ```
 *
 * @category Webhooks and notifications
 */
export function checkEbayEndpointSettings(settings: { verificationToken: string; endpoint: string }): void {
  const issues: ValidationIssue[] = [];
  if (
    typeof settings?.verificationToken !== 'string' ||
    !EBAY_VERIFICATION_TOKEN_PATTERN.test(settings.verificationToken)
  ) {
    issues.push({
      path: ['verificationToken'],
      message: 'eBay takes 32 to 80 letters, digits, "_" or "-" as the verification token.',
    });
  }
  let url: URL | undefined;
  try {
    url = new URL(settings?.endpoint);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:')
    issues.push({
      path: ['endpoint'],
      message: 'Give the https URL registered with eBay for this endpoint, exactly as registered.',
    });
  if (issues.length > 0) throw new ValidationError('eBay notification endpoint settings', issues, { platform: 'ebay' });
}

/**
 * The answer to eBay's endpoint validation challenge: the hex SHA-256 of the challenge code,
 * the verification token and the endpoint URL, concatenated in that order. eBay sends
 * `GET <endpoint>?challenge_code=...` and expects `{ "challengeResponse": "<hex>" }` as JSON. The
 * endpoint must be the URL registered with eBay exactly, not the one the request arrived at
 * (a proxy may change it).
 *
 * @example
 * ```ts
 * const challengeResponse = await ebayChallengeResponse(url.searchParams.get('challenge_code')!, verificationToken, 'https://app.example.com/ebay/notifications');
 * ```
 *
 * @category Webhooks and notifications
 */
export async function ebayChallengeResponse(
  challengeCode: string,
  verificationToken: string,
  endpoint: string,
): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    utf8(`${challengeCode}${verificationToken}${endpoint}`) as BufferSource,
  );
  return toHex(new Uint8Array(digest));
}
