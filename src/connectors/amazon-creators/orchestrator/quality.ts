import type { CatalogRecord } from '../mapper.js';
import type { CatalogQuality } from './types.js';

const FIELDS: (keyof CatalogRecord)[] = ['title', 'brand', 'images', 'price', 'availability', 'url'];

/**
 * The weights of the quality score (they are normalised, so any positive numbers work).
 *
 * @category Operations
 */
export interface QualityWeights {
  completeness: number;
  accuracy: number;
  freshness: number;
}

/**
 * Scores a record: completeness is the share of the six main fields present, accuracy the
 * source's, freshness 1 when just fetched falling linearly to 0 at the end of its TTL.
 *
 * @example
 * ```ts
 * scoreRecord(record, { accuracy: 0.9, ageMs: 0, ttlMs: 3_600_000 }); // { score: 95, ... }
 * ```
 *
 * @category Operations
 */
export function scoreRecord(
  record: CatalogRecord,
  input: { accuracy: number; ageMs: number; ttlMs: number },
  weights: QualityWeights = { completeness: 0.5, accuracy: 0.3, freshness: 0.2 },
): CatalogQuality {
  const present = FIELDS.filter((field) => {
    const value = record[field];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  }).length;
  const completeness = present / FIELDS.length;
  const accuracy = Math.min(1, Math.max(0, input.accuracy));
  const freshness = input.ttlMs > 0 ? Math.min(1, Math.max(0, 1 - input.ageMs / input.ttlMs)) : 0;
  const total = weights.completeness + weights.accuracy + weights.freshness;
  const score = Math.round(
    (100 * (weights.completeness * completeness + weights.accuracy * accuracy + weights.freshness * freshness)) / total,
  );
  return { score, completeness, accuracy, freshness };
}
