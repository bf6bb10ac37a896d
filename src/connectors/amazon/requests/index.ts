export type { AmazonOperation, SpApiRequest } from './types.js';
export * from './listings.js';
export * from './feeds.js';
export * from './reports.js';
export * from './inventory.js';
export * from './catalog.js';
export * from './tokens.js';
export * from './notifications.js';
