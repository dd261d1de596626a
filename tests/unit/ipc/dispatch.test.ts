import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch.ts';
import { createHandlers } from '../../../src-main/ipc/handlers.ts';
import { createNetWatcher } from '../../../src-main/net/net-watcher.ts';
import { makeAppInfo } from '../../../src-main/app/app-info.ts';

function table() {
  const net = createNetWatcher({ probe: () => true, onChange: () => {}, now: () => 1000, setInterval: () => 0, clearInterval: () => {} });
  return createHandlers({ appInfo: () => makeAppInfo('1.2.3', 'linux', '/data', false), net });
}
const ctx = { senderUrl: 'app://caravan/index.html' };

describe('dispatch', () => {
  it('runs a handler with valid arguments', async () => {
    expect(await dispatch(table(), 'app:info', [], ctx)).toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', dataFolder: '/data', hosted: false },
    });
    expect(await dispatch(table(), 'net:status', [], ctx)).toEqual({ ok: true, value: { online: true, since: 1000 } });
  });

  it.each([[['extra']], [{ 0: 1 }], ['string'], [null], [undefined]])('refuses invalid arguments %j', async (args) => {
    const result = await dispatch(table(), 'app:info', args, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it.each(['app:nope', '__proto__', 'constructor', 'toString', 42, null])('refuses an unknown channel %j', async (channel) => {
    const result = await dispatch(table(), channel, [], ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('turns a handler crash into an error value without internals, and logs the detail', async () => {
    const handlers = table();
    handlers['app:info'] = { args: handlers['app:info'].args, handle: () => { throw new Error('ENOENT /secret/path'); } };
    const log = vi.fn();
    const result = await dispatch(handlers, 'app:info', [], ctx, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(log).toHaveBeenCalledOnce();
  });
});
