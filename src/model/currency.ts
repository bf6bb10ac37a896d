/**
 * Every ISO 4217 currency code marketbridge knows, sorted: active codes, funds and
 * precious-metal codes excluded.
 *
 * @example
 * ```ts
 * CURRENCY_CODES.includes('EUR'); // true
 * ```
 *
 * @category Money
 */
export const CURRENCY_CODES: readonly string[] = [
  'AED',
  'AFN',
  'ALL',
  'AMD',
  'AOA',
  'ARS',
  'AUD',
  'AWG',
  'AZN',
  'BAM',
  'BBD',
  'BDT',
  'BGN',
  'BHD',
  'BIF',
  'BMD',
  'BND',
  'BOB',
  'BOV',
  'BRL',
  'BSD',
  'BTN',
  'BWP',
  'BYN',
  'BZD',
  'CAD',
  'CDF',
  'CHE',
  'CHF',
  'CHW',
  'CLF',
  'CLP',
  'CNY',
  'COP',
  'COU',
  'CRC',
  'CUP',
  'CVE',
  'CZK',
  'DJF',
  'DKK',
  'DOP',
  'DZD',
  'EGP',
  'ERN',
  'ETB',
  'EUR',
  'FJD',
  'FKP',
  'GBP',
  'GEL',
  'GHS',
  'GIP',
  'GMD',
  'GNF',
  'GTQ',
  'GYD',
  'HKD',
  'HNL',
  'HTG',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'IQD',
  'IRR',
  'ISK',
  'JMD',
  'JOD',
  'JPY',
  'KES',
  'KGS',
  'KHR',
  'KMF',
  'KPW',
  'KRW',
  'KWD',
  'KYD',
  'KZT',
  'LAK',
  'LBP',
  'LKR',
  'LRD',
  'LSL',
  'LYD',
  'MAD',
  'MDL',
  'MGA',
  'MKD',
  'MMK',
  'MNT',
  'MOP',
  'MRU',
  'MUR',
  'MVR',
  'MWK',
  'MXN',
  'MXV',
  'MYR',
  'MZN',
  'NAD',
  'NGN',
  'NIO',
  'NOK',
  'NPR',
  'NZD',
  'OMR',
  'PAB',
  'PEN',
  'PGK',
  'PHP',
  'PKR',
  'PLN',
  'PYG',
  'QAR',
  'RON',
  'RSD',
  'RUB',
  'RWF',
  'SAR',
  'SBD',
  'SCR',
  'SDG',
  'SEK',
  'SGD',
  'SHP',
  'SLE',
  'SOS',
  'SRD',
  'SSP',
  'STN',
  'SVC',
  'SYP',
  'SZL',
  'THB',
  'TJS',
  'TMT',
  'TND',
  'TOP',
  'TRY',
  'TTD',
  'TWD',
  'TZS',
  'UAH',
  'UGX',
  'USD',
  'USN',
  'UYI',
  'UYU',
  'UYW',
  'UZS',
  'VED',
  'VES',
  'VND',
  'VUV',
  'WST',
  'XAF',
  'XCD',
  'XCG',
  'XOF',
  'XPF',
  'YER',
  'ZAR',
  'ZMW',
  'ZWG',
];

/** Minor-unit exponents other than 2 (most currencies have 2), each code between spaces. */
const EXPONENT_0 = ' BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF ';
const EXPONENT_3 = ' BHD IQD JOD KWD LYD OMR TND ';
const EXPONENT_4 = ' CLF UYW ';

let exponents: ReadonlyMap<string, number> | undefined;

/** The exponent of every known code, built on first use rather than on import. */
function exponentTable(): ReadonlyMap<string, number> {
  return (exponents ??= new Map(
    CURRENCY_CODES.map((code) => {
      const spaced = ` ${code} `;
      return [
        code,
        EXPONENT_0.includes(spaced) ? 0 : EXPONENT_3.includes(spaced) ? 3 : EXPONENT_4.includes(spaced) ? 4 : 2,
      ] as const;
    }),
  ));
}

/**
 * Tells whether `code` is a known ISO 4217 currency code (upper case).
 *
 * @example
 * ```ts
 * isCurrencyCode('KWD'); // true
 * isCurrencyCode('eur'); // false
 * ```
 *
 * @category Money
 */
export function isCurrencyCode(code: string): boolean {
  return exponentTable().has(code);
}

/**
 * The number of decimal digits of a currency's minor unit: JPY 0, EUR 2, KWD 3, CLF 4.
 * Returns `undefined` for an unknown code.
 *
 * @example
 * ```ts
 * currencyExponent('JPY'); // 0
 * currencyExponent('BHD'); // 3
 * ```
 *
 * @category Money
 */
export function currencyExponent(code: string): number | undefined {
  return exponentTable().get(code);
}
