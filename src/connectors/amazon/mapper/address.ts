import type { Address } from '../../../model/address.js';

/**
 * An SP-API address (Orders v0 names; the 2026-01-01 `deliveryAddress` maps onto it).
 */
export interface SpApiAddress {
  Name?: string;
  CompanyName?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  StateOrRegion?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
}

/**
 * An SP-API address as a canonical {@link Address}; `undefined` when it has no street or city
 * (Amazon hides them until a Restricted Data Token is used).
 *
 * @example
 * ```ts
 * fromSpApiAddress({ AddressLine1: '1 Main St', City: 'Seattle', CountryCode: 'US' });
 * ```
 */
export function fromSpApiAddress(address: SpApiAddress | undefined): Address | undefined {
  if (!address?.AddressLine1 || !address.City || !address.CountryCode) return undefined;
  const optional = (value: string | undefined) => (value ? value : undefined);
  const out: Address = {
    line1: address.AddressLine1,
    city: address.City,
    countryCode: address.CountryCode === 'UK' ? 'GB' : address.CountryCode,
  };
  const extra = {
    name: optional(address.Name),
    company: optional(address.CompanyName),
    line2: optional(address.AddressLine2),
    region: optional(address.StateOrRegion),
    postalCode: optional(address.PostalCode),
    phone: optional(address.Phone),
  };
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined) (out as Record<string, string>)[key] = value;
  return out;
}
