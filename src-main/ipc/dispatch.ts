/**
 * The one path every call from a renderer takes in main, whatever carried it
 * (Electron IPC or the test host's WebSocket): find the channel, validate the
 * arguments with the contract's schema, run the handler, turn any failure into
 * an error value.
 */
import type { z } from 'zod';
import { fail, ok, type IpcResult } from '../../src-preload/contract/errors.ts';
import { invokeContract, type InvokeChannel } from '../../src-preload/contract/channels.ts';
import type { CallContext, HandlerTable } from './handler-table.ts';
import { UserFacingError } from './user-facing-error.ts';

export type Logger = (message: string, detail?: unknown) => void;

export function isInvokeChannel(table: HandlerTable, channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(invokeContract, channel) && Object.hasOwn(table, channel);
}

export async function dispatch(table: HandlerTable, channel: unknown, rawArgs: unknown, ctx: CallContext, log: Logger = () => {}): Promise<IpcResult<unknown>> {
  if (!isInvokeChannel(table, channel)) {
    return fail('unknown-channel', `There is no operation called ${JSON.stringify(String(channel)).slice(0, 80)}.`);
  }
  const handler = table[channel] as HandlerTable[InvokeChannel];
  const schema: z.ZodType = invokeContract[channel].args;
  const parsed = schema.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (argument ${issue.path.join('.')})` : '';
    return fail('invalid-argument', `${channel} was called with invalid input${where}: ${issue?.message ?? 'rejected'}.`);
  }
  try {
    return ok(await handler.handle(parsed.data as never, ctx));
  } catch (error) {
    if (error instanceof UserFacingError) return fail(error.code, error.message);
    // The detail goes to main's log; the page gets a message without internals.
    log(`handler ${channel} failed`, error);
    return fail('internal', `Caravan could not complete ${channel}. Try again; if it keeps failing, restart the app.`);
  }
}
