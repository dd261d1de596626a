/**
 * Main's side of the contract: one entry per invoke channel, each with a
 * run-time schema for its arguments and a handler. `HandlerTable` is a mapped
 * type over the contract, so a channel without a handler (or a handler whose
 * schema disagrees with the contract) does not compile.
 */
import type { z } from 'zod';
import type { ArgsOf, InvokeChannel, ResultOf } from '../../src-preload/contract/channels.ts';

/** Who is calling. Filled in by the transport after it has checked the sender. */
export interface CallContext {
  /** URL of the calling frame, already verified to be the app's own. */
  senderUrl: string;
}

export interface Handler<C extends InvokeChannel> {
  args: z.ZodType<ArgsOf<C>>;
  handle(args: ArgsOf<C>, ctx: CallContext): ResultOf<C> | Promise<ResultOf<C>>;
}

export type HandlerTable = { [C in InvokeChannel]: Handler<C> };
