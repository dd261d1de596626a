export type * from './api.ts';
export type * from './channels.ts';
export type * from './types.ts';
export type * from './locality-types.ts';
export type { AppError, ErrorCode, IpcResult } from './errors.ts';
export type * from './bundle-types.ts';
