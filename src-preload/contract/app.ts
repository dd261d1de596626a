/** The app itself: version and platform, printing, OS notifications. */
import { z } from 'zod';
import { noArgs, type InvokeMap } from './spec.ts';

export const platformSchema = z.enum(['darwin', 'win32', 'linux', 'other']);
export type Platform = z.infer<typeof platformSchema>;

export const appInfoSchema = z.strictObject({
  /** Semantic version of the running app, from package.json. */
  version: z.string(),
  platform: platformSchema,
  /** Absolute path of the folder that holds the user's data on this machine. */
  dataFolder: z.string(),
  /** True in the browser test host, where main's handlers run without Electron. */
  hosted: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** An OS notification (a kill switch reached); main keeps nothing of it. */
export const notificationSchema = z.strictObject({ title: z.string().min(1).max(120), body: z.string().max(500) });
export type AppNotification = z.infer<typeof notificationSchema>;

export const appInvoke = {
  /** Version, platform and where the user's data lives. */
  'app:info': { args: noArgs, result: appInfoSchema },
  /** Prints the current window (the page decides what prints with `@media print`). */
  'app:print': { args: noArgs, result: z.strictObject({ printed: z.boolean() }) },
  /** Shows an OS notification (a kill switch reached); main keeps nothing. */
  'app:notify': { args: z.tuple([notificationSchema]), result: z.void() },
} satisfies InvokeMap<'app'>;
