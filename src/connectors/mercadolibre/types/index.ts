export type * from './items.js';
export type * from './errors.js';
export type * from './orders.js';
export type * from './stock.js';
export type * from './notifications.js';
