/**
 * The double's side of the test-control channel: Node's child-process IPC
 * (`process.send`). A test calls a named control (click a tray item, answer
 * the next dialog, fire a power event) and gets its value back; the double
 * reports events (ready, a window opened, the app quit) the same way.
 */

export type ControlHandler = (params: unknown) => unknown;

export interface ControlRequest {
  type: 'control';
  id: number;
  method: string;
  params: unknown;
}

export interface ControlReply {
  type: 'control-result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export interface DoubleEvent {
  type: 'event';
  name: string;
  data?: unknown;
}

const handlers = new Map<string, ControlHandler>();

export function onControl(method: string, handler: ControlHandler): void {
  if (handlers.has(method)) throw new Error(`control ${method} registered twice`);
  handlers.set(method, handler);
}

export function report(name: string, data?: unknown): void {
  const event: DoubleEvent = { type: 'event', name, ...(data === undefined ? {} : { data }) };
  if (process.send && process.connected) process.send(event);
}

export function listenForControls(): void {
  if (!process.send) return;
  process.on('message', (raw: unknown) => {
    const request = raw as ControlRequest;
    if (!request || request.type !== 'control') return;
    void (async () => {
      const handler = handlers.get(request.method);
      let reply: ControlReply;
      try {
        if (!handler) throw new Error(`no control named ${request.method}`);
        reply = { type: 'control-result', id: request.id, ok: true, value: await handler(request.params) };
      } catch (error) {
        reply = { type: 'control-result', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      if (process.connected) process.send?.(reply);
    })();
  });
}
