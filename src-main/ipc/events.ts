import type { EventChannel, EventChannels } from '../../src-preload/contract/channels.ts';

/** Where main's pushed events go: every app window in Electron, every socket in the test host. */
export type EventSink = <E extends EventChannel>(channel: E, payload: EventChannels[E]) => void;
