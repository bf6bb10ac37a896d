export * from './types.js';
export * from './inventory.js';
export * from './offers.js';
export * from './fulfillment.js';
export * from './notification.js';
export * from './post-order.js';
