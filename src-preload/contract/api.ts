/**
 * The shape of `window.caravan`, derived from the channel maps so that a new
 * channel cannot be forgotten on one side: `caravan.<domain>.<action>(...)`
 * for each invoke channel and `caravan.<domain>.on<Action>(listener)` for each
 * event channel.
 */
import type { EventChannels, InvokeChannels } from './channels.ts';
import type { IpcResult } from './errors.ts';

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;

type InvokeFunctions<D extends string> = {
  [C in keyof InvokeChannels as C extends `${D}:${infer A}` ? A : never]: (
    ...args: InvokeChannels[C]['args']
  ) => Promise<IpcResult<InvokeChannels[C]['result']>>;
};

type EventFunctions<D extends string> = {
  [C in keyof EventChannels as C extends `${D}:${infer A}` ? `on${Capitalize<A>}` : never]: (listener: (payload: EventChannels[C]) => void) => Unsubscribe;
};

export type Unsubscribe = () => void;

export type Domain = DomainOf<keyof InvokeChannels> | DomainOf<keyof EventChannels>;

export type CaravanApi = {
  readonly [D in Domain]: InvokeFunctions<D> & EventFunctions<D>;
};
