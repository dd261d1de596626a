/**
 * Main's side of the contract: one handler per invoke channel. The argument schemas are the
 * contract's own (`invokeContract`, applied by `dispatch`), so a handler receives exactly what the
 * contract's schema outputs and must answer what the contract's result type says. `HandlerTable`
 * is a mapped type over the contract, so a channel without a handler does not compile.
 */
import type { InvokeChannel, ParsedArgsOf, ResultOf } from '../../src-preload/contract/channels.ts';

/** Who is calling. Filled in by the transport after it has checked the sender. */
export interface CallContext {
  /** URL of the calling frame, already verified to be the app's own. */
  senderUrl: string;
}

export interface Handler<C extends InvokeChannel> {
  handle(args: ParsedArgsOf<C>, ctx: CallContext): ResultOf<C> | Promise<ResultOf<C>>;
}

export type HandlerTable = { [C in InvokeChannel]: Handler<C> };
