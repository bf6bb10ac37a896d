export type { BolRequest } from './types.js';
export * from './offers.js';
export * from './orders.js';
export * from './process-status.js';
export * from './subscriptions.js';
export * from './retailer.js';
