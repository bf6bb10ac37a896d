/**
 * The product attributes the bol.com mapper reads and writes (all strings, like every canonical
 * attribute): set them on a `ProductInput` to choose what a created offer gets, read them on
 * listed products to see bol.com's own fields.
 *
 * @example
 * ```ts
 * const input = { title: 'Mug', attributes: { [BOL_ATTRIBUTES.condition]: 'GOOD', [BOL_ATTRIBUTES.stock]: '12' }, offers: [...] };
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_ATTRIBUTES = {
  /** The EAN of the offer. */
  ean: 'bol:ean',
  /** `NEW`, `AS_NEW`, `GOOD`, `REASONABLE` or `MODERATE`. */
  condition: 'bol:condition',
  /** The description of a second-hand condition (at most 2,000 characters, no e-mail addresses). */
  conditionComment: 'bol:conditionComment',
  /** `FBR` or `FBB`. */
  fulfilment: 'bol:fulfilment',
  /** The delivery promise of an FBR offer, e.g. `1-2d` or `24uurs-21`. */
  deliveryCode: 'bol:deliveryCode',
  /** The retailer's own reference of the offer (at most 100 characters). */
  reference: 'bol:reference',
  /** The retailer's stock (0 to 999); on create, the starting stock (default 0). */
  stock: 'bol:stock',
  /** Stock less the open orders, as bol.com computes it (read only). */
  correctedStock: 'bol:correctedStock',
  /** The economic operator (EU product safety) of the offer. */
  economicOperatorId: 'bol:economicOperatorId',
} as const;

/**
 * The delivery codes bol.com accepts for FBR offers.
 *
 * @example
 * ```ts
 * BOL_DELIVERY_CODES.includes('1-2d'); // true
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_DELIVERY_CODES: readonly string[] = [
  '24uurs-23',
  '24uurs-22',
  '24uurs-21',
  '24uurs-20',
  '24uurs-19',
  '24uurs-18',
  '24uurs-17',
  '24uurs-16',
  '24uurs-15',
  '24uurs-14',
  '24uurs-13',
  '24uurs-12',
  '1-2d',
  '2-3d',
  '3-5d',
  '4-8d',
  '1-8d',
  'MijnLeverbelofte',
  'VVB',
];
