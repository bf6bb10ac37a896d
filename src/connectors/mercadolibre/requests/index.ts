export * from './types.js';
export { checkId, isItemId } from './ids.js';
export * from './items.js';
export * from './stock.js';
export * from './orders.js';
export * from './shipments.js';
export * from './notifications.js';
