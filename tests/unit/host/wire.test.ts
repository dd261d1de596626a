/** The test host reads every frame defensively: a page can open its own socket and send anything. */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../host/wire.ts';

describe('readFrame', () => {
  it('reads an invoke request', () => {
    expect(readFrame('{"type":"invoke","id":7,"channel":"app:info","args":[]}')).toEqual({
      ok: true,
      request: { type: 'invoke', id: 7, channel: 'app:info', args: [] },
    });
  });

  it.each([
    ['not JSON', '{', null, /not JSON/],
    ['null', 'null', null, /not an invoke request/],
    ['a number', '42', null, /not an invoke request/],
    ['a list', '[1,2]', null, /not an invoke request/],
    ['no id', '{"type":"invoke","channel":"app:info","args":[]}', null, /numeric id/],
    ['a string id', '{"type":"invoke","id":"7","channel":"app:info","args":[]}', null, /numeric id/],
    ['another type', '{"type":"result","id":3}', 3, /not an invoke request/],
    ['no channel', '{"type":"invoke","id":3,"args":[]}', 3, /names no channel/],
    ['args not a list', '{"type":"invoke","id":3,"channel":"app:info","args":{"0":1}}', 3, /must be a list/],
  ])('refuses %s, keeping the id when there is one', (_what, raw, id, message) => {
    const frame = readFrame(raw);
    expect(frame.ok).toBe(false);
    if (frame.ok) return;
    expect(frame.id).toBe(id);
    expect(frame.message).toMatch(message);
  });
});
