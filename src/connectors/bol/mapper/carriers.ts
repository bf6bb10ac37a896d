/**
 * Carrier names → bol.com transporter codes. bol.com knows PostNL under its historical code
 * `TNT` (track-and-trace codes starting `3S` are PostNL's). A carrier not listed here is sent as
 * its upper-case name, which bol.com may refuse; add your own names with the connector's
 * `transporterCodes` option.
 *
 * @example
 * ```ts
 * BOL_TRANSPORTER_CODES.postnl; // 'TNT'
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_TRANSPORTER_CODES: Readonly<Record<string, string>> = {
  postnl: 'TNT',
  'post nl': 'TNT',
  tnt: 'TNT',
  dhl: 'DHL',
  'dhl parcel': 'DHL',
  dhlforyou: 'DHLFORYOU',
  'dhl germany': 'DHL_DE',
  dpd: 'DPD-NL',
  'dpd nl': 'DPD-NL',
  'dpd be': 'DPD-BE',
  bpost: 'BPOST_BE',
  gls: 'GLS',
  ups: 'UPS',
  fedex: 'FEDEX_NL',
  'fedex be': 'FEDEX_BE',
  budbee: 'BUDBEE',
  trunkrs: 'TRUNKRS',
  other: 'OTHER',
};

/**
 * The bol.com transporter code for a carrier name (case and spacing do not matter).
 *
 * @example
 * ```ts
 * transporterCode('PostNL'); // 'TNT'
 * transporterCode('DPD-BE'); // 'DPD-BE'
 * ```
 *
 * @category Platform types and mapping
 */
export function transporterCode(carrier: string, extra: Readonly<Record<string, string>> = {}): string {
  const key = carrier
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  for (const [name, code] of Object.entries(extra))
    if (
      name
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, ' ') === key
    )
      return code;
  return BOL_TRANSPORTER_CODES[key] ?? carrier.trim().toUpperCase().replace(/\s+/g, '_');
}
