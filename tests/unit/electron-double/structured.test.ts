/** The double carries IPC values as Electron's structured clone would: what clones arrives equal; what does not, throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneForIpc, decodeStructured, encodeStructured } from '../../electron-double/wire/structured.ts';

const roundTrip = (value: unknown) => decodeStructured(JSON.parse(JSON.stringify(cloneForIpc(value))));

describe('structured wire', () => {
  it('round-trips whatever structuredClone keeps', () => {
    const value = {
      text: 'Łódź',
      n: -0,
      special: [NaN, Infinity, -Infinity, undefined, null],
      big: 2n ** 70n,
      when: new Date(1_700_000_000_000),
      pattern: /a+b/gi,
      map: new Map<unknown, unknown>([
        [1, 'one'],
        ['k', { nested: true }],
      ]),
      set: new Set(['x', 2]),
      bytes: new Uint8Array([0, 255, 7]),
      floats: new Float64Array([1.5, -2]),
      buffer: new Uint8Array([9, 8]).buffer,
      error: new TypeError('bad'),
    };
    const back = roundTrip(value) as typeof value;
    expect(Object.is(back.n, -0)).toBe(true);
    expect(back.special).toEqual([NaN, Infinity, -Infinity, undefined, null]);
    expect(back.big).toBe(2n ** 70n);
    expect(back.when).toEqual(value.when);
    expect(back.pattern.source).toBe('a+b');
    expect(back.pattern.flags).toBe('gi');
    expect(back.map.get('k')).toEqual({ nested: true });
    expect([...back.set]).toEqual(['x', 2]);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([0, 255, 7]);
    expect([...back.floats]).toEqual([1.5, -2]);
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array([9, 8]));
    expect(back.error).toBeInstanceOf(Error);
    expect(back.error.message).toBe('bad');
  });

  it('keeps shared and cyclic references', () => {
    const shared = { name: 'shared' };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic['self'] = cyclic;
    const back = roundTrip(cyclic) as Record<string, unknown>;
    expect(back['a']).toBe(back['b']);
    expect(back['self']).toBe(back);
  });

  it('refuses what Electron refuses: functions, symbols, DOM-less host objects', () => {
    expect(() => cloneForIpc({ f: () => 1 })).toThrow(/could not be cloned/);
    expect(() => cloneForIpc([Symbol('s')])).toThrow();
    expect(() => cloneForIpc({ p: Promise.resolve(1) })).toThrow();
  });

  it('a Node Buffer arrives as a Uint8Array, as Electron delivers it', () => {
    const back = decodeStructured(encodeStructured(Buffer.from('hi'))) as Uint8Array;
    expect(back.constructor).toBe(Uint8Array);
    expect(new TextDecoder().decode(back)).toBe('hi');
  });

  it('JSON-like values round-trip unchanged (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(roundTrip(value)).toEqual(value);
      }),
    );
  });

  it('keeps an own "__proto__" key as structured clone does (found by the property above)', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as object;
    const back = roundTrip(value) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(back).toEqual(structuredClone(value));
  });

  it('refuses an encoding it did not write', () => {
    expect(() => decodeStructured({ $double: 'nonsense' })).toThrow(/unknown encoded kind/);
    expect(() => decodeStructured({ plain: 1 })).toThrow(/not an encoded/);
  });
});
