export * from './store.js';
export * from './memory-store.js';
export * from './lock.js';
export * from './store-lock.js';
export * from './bucket.js';
