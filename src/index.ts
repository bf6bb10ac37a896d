/**
 * marketbridge: one safe interface to online marketplaces.
 *
 * The root entry holds the core contracts (`BaseMarketplaceAPI`, `MarketplaceFactory`,
 * `defineMarketplace`, `createDefaultFactory`, `Context`), the canonical model with exact
 * `Money`, the error hierarchy, the `Store`/`Lock` interfaces with memory implementations, and
 * the cross-cutting helpers. Connectors, the simulated marketplace, the testing kit, shared
 * stores and runtime adapters live on subpaths.
 *
 * @example
 * ```ts
 * import { createDefaultFactory } from 'marketbridge';
 * const factory = createDefaultFactory();
 * const marketplace = await factory.create('simulated', { seed: 1 });
 * ```
 *
 * @module marketbridge
 */
export * from './core/index.js';
export * from './model/index.js';
export * from './stores/index.js';
export * from './http/index.js';
export * from './auth/index.js';
export * from './webhooks/index.js';
export * from './sync/index.js';
export * from './safety/index.js';
