/** Sleep, wake and screen lock, pushed by main: the vault locks on suspend and lock. */
import { z } from 'zod';
import type { EventMap } from './spec.ts';

export const powerStateSchema = z.strictObject({
  kind: z.enum(['suspend', 'resume', 'lock-screen', 'unlock-screen']),
  at: z.number(),
});
export type PowerState = z.infer<typeof powerStateSchema>;

export const powerEvents = {
  /** The machine is going to sleep, waking, or its screen was locked/unlocked: the vault locks on suspend and lock. */
  'power:state': powerStateSchema,
} satisfies EventMap<'power'>;
