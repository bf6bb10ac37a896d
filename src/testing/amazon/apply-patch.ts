import { parseMoney } from '../../model/money.js';
import type { SimulatedListing } from './state.js';

/** One issue as SP-API reports it. */
export interface SimIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  attributeNames?: string[];
}

/**
 * Applies JSON Patch operations to a copy of a listing the way the Listings API does for the
 * attributes this simulator understands (price and MFN quantity); returns the copy or issues.
 */
export function applyPatches(listing: SimulatedListing, patches: unknown, currency: string): { listing?: SimulatedListing; issues: SimIssue[] } {
  if (!Array.isArray(patches) || patches.length === 0) return { issues: [{ code: '4000001', message: 'patches must be a non-empty array.', severity: 'ERROR' }] };
  const next: SimulatedListing = { ...listing, attributes: { ...listing.attributes } };
  const issues: SimIssue[] = [];
  for (const raw of patches) {
    const patch = raw as { op?: string; path?: string; value?: unknown[] };
    const name = patch.path?.replace(/^\/attributes\//, '') ?? '';
    if (!['add', 'replace', 'merge', 'delete'].includes(patch.op ?? '') || !patch.path?.startsWith('/attributes/')) {
      issues.push({ code: '4000002', message: `Unsupported patch ${patch.op} ${patch.path}.`, severity: 'ERROR' });
      continue;
    }
    if (name === 'purchasable_offer') {
      const offer = patch.value?.[0] as { currency?: string; our_price?: { schedule?: { value_with_tax?: number }[] }[] } | undefined;
      const amount = offer?.our_price?.[0]?.schedule?.[0]?.value_with_tax;
      const price = amount === undefined ? undefined : parseMoney(amount, offer?.currency ?? currency);
      if (!price || price.isErr() || price.value.amountMinor <= 0) {
        issues.push({ code: '99022', message: "The attribute 'purchasable_offer.our_price' is invalid.", severity: 'ERROR', attributeNames: ['purchasable_offer'] });
        continue;
      }
      next.price = price.value;
    } else if (name === 'fulfillment_availability') {
      const quantity = (patch.value?.[0] as { quantity?: unknown } | undefined)?.quantity;
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
        issues.push({ code: '99010', message: "The attribute 'fulfillment_availability.quantity' must be a whole number of 0 or more.", severity: 'ERROR', attributeNames: ['fulfillment_availability'] });
        continue;
      }
      next.quantity = quantity;
    }
    if (patch.op === 'delete') delete next.attributes[name];
    else next.attributes[name] = patch.value;
  }
  return issues.length > 0 ? { issues } : { listing: next, issues };
}
