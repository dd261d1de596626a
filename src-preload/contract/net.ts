/** The network as main sees it: asked for, and pushed on every change. */
import { z } from 'zod';
import { noArgs, type EventMap, type InvokeMap } from './spec.ts';

export const netStatusSchema = z.strictObject({
  online: z.boolean(),
  /** Epoch milliseconds (UTC) of the last change main observed. */
  since: z.number(),
});
export type NetStatus = z.infer<typeof netStatusSchema>;

export const netInvoke = {
  /** Main's current view of the network (the renderer never probes it itself). */
  'net:status': { args: noArgs, result: netStatusSchema },
} satisfies InvokeMap<'net'>;

export const netEvents = {
  /** Sent whenever main sees the machine go online or offline. */
  'net:status': netStatusSchema,
} satisfies EventMap<'net'>;
