import { deriveOffer } from './derive-offer.js';
import type { SimulatedListing } from './state.js';

/** One issue as SP-API reports it. */
export interface SimIssue {
  code?: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  attributeNames?: string[];
}

/**
 * The selector fields of the attributes whose values Amazon finds by selector: a `merge` or a
 * `delete` names the instance to change by them. `audience` defaults to `ALL`.
 */
const SELECTORS: Readonly<Record<string, { required: readonly string[]; defaults: Readonly<Record<string, string>> }>> =
  {
    purchasable_offer: { required: ['marketplace_id', 'currency'], defaults: { audience: 'ALL' } },
    fulfillment_availability: { required: ['fulfillment_channel_code'], defaults: {} },
  };

type Entry = Record<string, unknown>;

function selectorOf(name: string, entry: Entry): string | undefined {
  const spec = SELECTORS[name];
  if (!spec) return undefined;
  const keys = [...spec.required, ...Object.keys(spec.defaults)];
  return JSON.stringify(keys.map((key) => entry[key] ?? spec.defaults[key]));
}

function missingSelectors(name: string, entry: Entry): string[] {
  return (SELECTORS[name]?.required ?? []).filter((key) => typeof entry[key] !== 'string' || entry[key] === '');
}

/**
 * Applies one JSON Patch operation to a copy of `attributes` with the Listings Items
 * semantics: `add` and `replace` write the whole attribute (every instance, every field);
 * `merge` finds each instance by its selectors and changes only the fields it names, adding the
 * instance when none matches; `delete` removes the instances its selectors name (or the whole
 * attribute when it names none). Returns issues instead when the operation is malformed.
 */
function applyOne(
  attributes: Record<string, unknown>,
  patch: { op?: string; path?: string; value?: unknown },
): SimIssue[] {
  const name = patch.path?.startsWith('/attributes/') ? patch.path.slice('/attributes/'.length) : '';
  if (!['add', 'replace', 'merge', 'delete'].includes(patch.op ?? '') || !name || name.includes('/')) {
    return [
      {
        code: '4000002',
        message: `Unsupported patch ${patch.op} ${patch.path}: only top-level attributes can be patched.`,
        severity: 'ERROR',
      },
    ];
  }
  const value = patch.value;
  if (
    patch.op !== 'delete' &&
    (!Array.isArray(value) || value.length === 0 || !value.every((entry) => entry && typeof entry === 'object'))
  ) {
    return [
      {
        code: '4000001',
        message: `The ${patch.op} of '${name}' needs a non-empty array of attribute values.`,
        severity: 'ERROR',
        attributeNames: [name],
      },
    ];
  }
  const entries = (value ?? []) as Entry[];
  if (patch.op === 'add' || patch.op === 'replace') {
    attributes[name] = structuredClone(entries);
    return [];
  }
  if (patch.op === 'delete') {
    if (!SELECTORS[name] || entries.length === 0) delete attributes[name];
    else {
      const doomed = new Set(entries.map((entry) => selectorOf(name, entry)));
      const kept = ((attributes[name] as Entry[] | undefined) ?? []).filter(
        (entry) => !doomed.has(selectorOf(name, entry)),
      );
      if (kept.length > 0) attributes[name] = kept;
      else delete attributes[name];
    }
    return [];
  }
  if (!SELECTORS[name]) {
    return [
      {
        code: '4000005',
        message: `merge of '${name}': this simulator knows the selectors of ${Object.keys(SELECTORS).join(' and ')} only.`,
        severity: 'ERROR',
        attributeNames: [name],
      },
    ];
  }
  const current = structuredClone((attributes[name] as Entry[] | undefined) ?? []);
  for (const entry of entries) {
    const missing = missingSelectors(name, entry);
    if (missing.length > 0) {
      return [
        {
          code: '4000006',
          message: `merge of '${name}' must give non-empty values for its selector fields (${missing.join(', ')}).`,
          severity: 'ERROR',
          attributeNames: [name],
        },
      ];
    }
    const selector = selectorOf(name, entry);
    const index = current.findIndex((existing) => selectorOf(name, existing) === selector);
    if (index >= 0) current[index] = { ...current[index], ...structuredClone(entry) };
    else current.push(structuredClone(entry));
  }
  attributes[name] = current;
  return [];
}

/**
 * Applies JSON Patch operations to a copy of a listing the way the Listings Items API does,
 * then checks the offer and the stock they leave (price, currency, quantity); returns the copy,
 * or the issues and no copy (nothing is applied when any operation fails).
 */
export function applyPatches(
  listing: SimulatedListing,
  patches: unknown,
  context: { currency: string; marketplaceId: string },
): { listing?: SimulatedListing; issues: SimIssue[] } {
  if (!Array.isArray(patches) || patches.length === 0)
    return { issues: [{ code: '4000001', message: 'patches must be a non-empty array.', severity: 'ERROR' }] };
  const attributes = structuredClone(listing.attributes);
  const issues = patches.flatMap((patch) =>
    applyOne(attributes, (patch ?? {}) as { op?: string; path?: string; value?: unknown }),
  );
  if (issues.length > 0) return { issues };
  return deriveOffer({ ...listing, attributes }, context);
}
