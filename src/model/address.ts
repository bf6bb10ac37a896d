import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';

/**
 * A postal address. `countryCode` is ISO 3166-1 alpha-2.
 *
 * @example
 * ```ts
 * AddressSchema.parse({ line1: 'Damrak 1', city: 'Amsterdam', postalCode: '1012 LG', countryCode: 'NL' });
 * ```
 *
 * @category Canonical model
 */
export const AddressSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    name: z.string().optional(),
    company: z.string().optional(),
    line1: z.string().min(1),
    line2: z.string().optional(),
    city: z.string().min(1),
    region: z.string().optional(),
    postalCode: z.string().optional(),
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code such as NL.'),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
);

/**
 * A postal address. See {@link AddressSchema}.
 *
 * @category Canonical model
 */
export type Address = z.infer<typeof AddressSchema>;
