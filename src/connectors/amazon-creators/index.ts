/**
 * Amazon product data through the Creators API (the successor of PA-API 5), and a catalog
 * data orchestrator that combines it with the SP-API Catalog Items API and any source you
 * register: ordered fallbacks, per-source cache TTLs, stale-if-error, quality scores.
 *
 * @example
 * ```ts
 * import { CreatorsApiClient, CatalogDataOrchestrator, creatorsSource } from 'marketbridge/connectors/amazon-creators';
 * const catalog = new CatalogDataOrchestrator({ sources: [creatorsSource(new CreatorsApiClient(config))] });
 * ```
 *
 * @module marketbridge/connectors/amazon-creators
 */
export {
  CreatorsApiClient,
  CREATORS_MAX_ITEM_IDS,
  CREATORS_SEARCH_MAX_ITEM_COUNT,
  CREATORS_SEARCH_MAX_ITEM_PAGE,
  CREATORS_DEFAULT_RESOURCES,
  type CreatorsGetItemsOptions,
  type CreatorsSearchItemsOptions,
} from './client.js';
export {
  CreatorsConfigSchema,
  CREATORS_API_ENDPOINT,
  CREATORS_API_REPORTED_ENDPOINT,
  CREATORS_TOKEN_URLS,
  creatorsScope,
  type CreatorsConfig,
  type CreatorsConfigInput,
} from './config.js';
export { createCreatorsAuth, creatorsAuthorization, type CreatorsAuth } from './token.js';
export { creatorsEnvironments } from './environments.js';
export { fromCreatorsItem, type CatalogRecord, type CreatorsItem } from './mapper.js';
export { CatalogDataOrchestrator, type CatalogOrchestratorOptions } from './orchestrator/orchestrator.js';
export { scoreRecord, type QualityWeights } from './orchestrator/quality.js';
export {
  creatorsSource,
  spApiCatalogSource,
  defineCatalogSource,
  type SpApiCatalogClient,
} from './orchestrator/sources.js';
export type {
  CatalogSource,
  CatalogQuality,
  CatalogResult,
  CatalogSourceStats,
  CatalogStats,
} from './orchestrator/types.js';
