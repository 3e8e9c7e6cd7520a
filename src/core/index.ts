/**
 * The domain core: pure functions and schemas, no I/O, no clock. Commands, the local org and the
 * Lightning components all use it. Modules other than schemas.ts/fieldSchemas.ts do not load zod at
 * run time, so a component can import them one by one without bundling it.
 */
export * from './model.js';
export * from './dates.js';
export * from './numbers.js';
export * from './fieldSchemas.js';
export * from './schemas.js';
export * from './quantity.js';
export * from './deadline.js';
export * from './trajectory.js';
export * from './fee.js';
export * from './renewal.js';
export * from './handover.js';
export * from './health.js';
export * from './risk.js';
export * from './words.js';
