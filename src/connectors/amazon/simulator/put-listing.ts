import type { SimIssue } from './apply-patch.js';
import { deriveOffer } from './derive-offer.js';
import type { SimulatorRuntime } from './runtime.js';
import type { SimulatedListing } from './state.js';

type Values = { value?: unknown; marketplace_id?: string }[] | undefined;

const required = (name: string): SimIssue => ({
  code: '90220',
  message: `'[${name}]' is required but not supplied.`,
  severity: 'ERROR',
  attributeNames: [name],
});

/**
 * `putListingsItem` as Amazon applies it: the listing's attributes become exactly the ones
 * sent (a full update). `LISTING_OFFER_ONLY` (sales terms only) must match an ASIN of the
 * catalog through `merchant_suggested_asin` and carry `condition_type` and the offer; the
 * product facts come from the catalog. `LISTING` (the default) needs a real product type
 * (`PRODUCT` takes offer-only submissions only) and the product facts (`item_name`, `brand`, an
 * external identifier or an exemption) besides the offer. Returns the listing to store, or the
 * issues that make the submission INVALID.
 */
export function putListing(
  rt: SimulatorRuntime,
  sku: string,
  body: { productType?: unknown; requirements?: unknown; attributes?: unknown } | undefined,
): { listing?: SimulatedListing; issues: SimIssue[] } {
  const attributes = body?.attributes as Record<string, unknown> | undefined;
  if (
    typeof body?.productType !== 'string' ||
    !body.productType ||
    !attributes ||
    typeof attributes !== 'object' ||
    Object.keys(attributes).length === 0
  ) {
    return { issues: [{ code: '90000900', message: 'productType and attributes are required.', severity: 'ERROR' }] };
  }
  const productType = body.productType;
  const requirements = body.requirements ?? 'LISTING';
  const existing = rt.state.listings.get(sku);
  const issues: SimIssue[] = [];
  let asin: string;
  let title: string;
  if (requirements === 'LISTING_OFFER_ONLY') {
    const suggested = (attributes.merchant_suggested_asin as Values)?.[0]?.value;
    if (typeof suggested !== 'string' || !suggested) return { issues: [required('merchant_suggested_asin')] };
    const item = rt.state.catalog.get(suggested);
    if (!item)
      return {
        issues: [
          {
            code: '8541',
            message: `The ASIN ${suggested} does not match any product in the catalog of marketplace ${rt.marketplaceId}; an offer-only listing needs an existing ASIN.`,
            severity: 'ERROR',
            attributeNames: ['merchant_suggested_asin'],
          },
        ],
      };
    if (existing && existing.asin !== suggested)
      return {
        issues: [
          {
            code: '8560',
            message: `SKU '${sku}' is already matched to ASIN ${existing.asin}; it cannot move to ${suggested}.`,
            severity: 'ERROR',
            attributeNames: ['merchant_suggested_asin'],
          },
        ],
      };
    if (!attributes.condition_type) issues.push(required('condition_type'));
    asin = suggested;
    title = item.title;
  } else if (requirements === 'LISTING') {
    if (productType === 'PRODUCT')
      return {
        issues: [
          {
            code: '90000901',
            message:
              "The product type 'PRODUCT' takes offer-only submissions (requirements LISTING_OFFER_ONLY) only; give the item's product type.",
            severity: 'ERROR',
          },
        ],
      };
    for (const name of ['item_name', 'brand', 'condition_type']) if (!attributes[name]) issues.push(required(name));
    if (
      !attributes.externally_assigned_product_identifier &&
      !attributes.supplier_declared_has_product_identifier_exemption
    )
      issues.push(required('externally_assigned_product_identifier'));
    asin = existing?.asin ?? `B${String(rt.state.catalog.size + 1).padStart(9, '0')}`;
    title = String((attributes.item_name as Values)?.[0]?.value ?? sku);
  } else {
    return {
      issues: [
        {
          code: '90000902',
          message: `requirements ${String(requirements)}: this simulator keeps listings with an offer (LISTING or LISTING_OFFER_ONLY).`,
          severity: 'ERROR',
        },
      ],
    };
  }
  if (issues.length > 0) return { issues };
  const base: SimulatedListing = {
    sku,
    asin,
    productType,
    title,
    price: existing?.price ?? { amountMinor: 0, currency: rt.currency },
    quantity: 0,
    ...(existing?.fba ? { fba: existing.fba } : {}),
    attributes: structuredClone(attributes),
    updatedAt: rt.clock.now(),
  };
  return deriveOffer(base, rt);
}
