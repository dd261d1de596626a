import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../../src-preload/api/build-api.ts';
import type { Transport } from '../../../../src-preload/api/transport.ts';

function fakeTransport() {
  const listeners = new Map<string, (p: unknown) => void>();
  const transport: Transport = {
    invoke: vi.fn(async (channel) => ({ ok: true as const, value: channel as never })),
    subscribe: vi.fn((channel, listener) => {
      listeners.set(channel, listener as (p: unknown) => void);
      return () => listeners.delete(channel);
    }),
  };
  return { transport, listeners };
}

describe('buildApi', () => {
  it('maps each named function to its channel', async () => {
    const { transport } = fakeTransport();
    const api = buildApi(transport);
    await api.app.info();
    await api.net.status();
    expect(transport.invoke).toHaveBeenNthCalledWith(1, 'app:info', []);
    expect(transport.invoke).toHaveBeenNthCalledWith(2, 'net:status', []);
  });

  it('subscribes and unsubscribes events by name', () => {
    const { transport, listeners } = fakeTransport();
    const api = buildApi(transport);
    const seen: unknown[] = [];
    const off = api.net.onStatus((s) => seen.push(s));
    listeners.get('net:status')?.({ online: false, since: 1 });
    off();
    expect(seen).toEqual([{ online: false, since: 1 }]);
    expect(listeners.has('net:status')).toBe(false);
  });

  it('refuses a listener that is not a function', () => {
    const api = buildApi(fakeTransport().transport);
    expect(() => api.net.onStatus('x' as never)).toThrow(TypeError);
  });

  it('is frozen all the way down and exposes nothing generic', () => {
    const api = buildApi(fakeTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['app', 'bundle', 'deviceKey', 'files', 'integrity', 'locality', 'net', 'power', 'sync', 'timer']);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('on');
  });
});
