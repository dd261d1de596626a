/**
 * The contract in one import: schemas, the types inferred from them, and the channel maps. Every
 * file behind it imports zod and the contract only, so both processes may import it at run time.
 */
export type * from './api.ts';
export * from './channels.ts';
export * from './errors.ts';
export * from './spec.ts';
export * from './app.ts';
export * from './net.ts';
export * from './power.ts';
export * from './files.ts';
export * from './device-key.ts';
export * from './integrity.ts';
export * from './timer.ts';
export * from './residency.ts';
export * from './target.ts';
export * from './audit.ts';
export * from './locality.ts';
export * from './sync.ts';
export * from './bundle.ts';
export * from './places/country-codes.ts';
export * from './places/zones.ts';
