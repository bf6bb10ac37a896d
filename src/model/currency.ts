/**
 * Minor-unit exponents of the ISO 4217 currencies (active codes, funds and precious-metal
 * codes excluded). Most have 2; the exceptions are listed explicitly.
 */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR ' +
  'LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD ' +
  'PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC ' +
  'SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_0.split(' ').map((code) => [code, 0] as const),
  ...EXPONENT_2.split(' ').map((code) => [code, 2] as const),
  ...EXPONENT_3.split(' ').map((code) => [code, 3] as const),
  ...EXPONENT_4.split(' ').map((code) => [code, 4] as const),
]);

/**
 * Every ISO 4217 currency code marketbridge knows, sorted.
 *
 * @example
 * ```ts
 * CURRENCY_CODES.includes('EUR'); // true
 * ```
 */
export const CURRENCY_CODES: readonly string[] = [...EXPONENTS.keys()].sort();

/**
 * Tells whether `code` is a known ISO 4217 currency code (upper case).
 *
 * @example
 * ```ts
 * isCurrencyCode('KWD'); // true
 * isCurrencyCode('eur'); // false
 * ```
 */
export function isCurrencyCode(code: string): boolean {
  return EXPONENTS.has(code);
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
 */
export function currencyExponent(code: string): number | undefined {
  return EXPONENTS.get(code);
}
