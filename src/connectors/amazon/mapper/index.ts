export * from './money.js';
export * from './address.js';
export * from './unwrap.js';
export * from './listings.js';
export * from './inventory.js';
