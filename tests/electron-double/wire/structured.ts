/**
 * Carries structured-clone values over the double's JSON-only channels (a CDP
 * binding, `Runtime.evaluate`, Node's child-process IPC). Electron's IPC uses
 * the structured clone algorithm; the sender first runs `structuredClone`, so
 * whatever Electron would refuse (functions, DOM nodes, symbols) throws there
 * with the same `DataCloneError`, and this codec only has to describe what is
 * left: undefined, NaN/±Infinity/-0, bigint, Date, RegExp, Map, Set, Error,
 * ArrayBuffer and typed arrays, and shared or cyclic references.
 *
 * Environment-free: it runs in Node and is bundled into the page.
 */

type Encoded = null | boolean | string | number | Encoded[] | { [key: string]: Encoded };

const TAG = '$double';

function tagged(kind: string, value: Encoded, ref: number): { [key: string]: Encoded } {
  return { [TAG]: kind, v: value, r: ref };
}

const typedArrays = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof typedArrays;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes an already structured-cloned value as JSON-safe data. */
export function encodeStructured(value: unknown): Encoded {
  const seen = new Map<object, number>();
  const walk = (v: unknown): Encoded => {
    if (v === undefined) return { [TAG]: 'undefined' };
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { [TAG]: 'NaN' };
      if (v === Infinity) return { [TAG]: 'Infinity' };
      if (v === -Infinity) return { [TAG]: '-Infinity' };
      if (Object.is(v, -0)) return { [TAG]: '-0' };
      return v;
    }
    if (typeof v === 'bigint') return { [TAG]: 'bigint', v: v.toString() };
    if (typeof v !== 'object') throw new TypeError(`cannot carry a ${typeof v}`);
    const known = seen.get(v);
    if (known !== undefined) return { [TAG]: 'ref', r: known };
    const ref = seen.size;
    seen.set(v, ref);
    if (Array.isArray(v)) return tagged('array', v.map(walk), ref);
    if (v instanceof Date) return tagged('date', v.getTime(), ref);
    if (v instanceof RegExp) return tagged('regexp', [v.source, v.flags], ref);
    if (v instanceof Map)
      return tagged(
        'map',
        [...v].map(([k, val]) => [walk(k), walk(val)]),
        ref,
      );
    if (v instanceof Set) return tagged('set', [...v].map(walk), ref);
    if (v instanceof Error) return tagged('error', [v.name, v.message], ref);
    if (v instanceof ArrayBuffer) return tagged('arraybuffer', bytesToBase64(new Uint8Array(v)), ref);
    if (ArrayBuffer.isView(v)) {
      const name = v.constructor.name as TypedArrayName | 'DataView' | 'Buffer';
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      // Node's Buffer is a Uint8Array; the receiving side has no Buffer (the page) or wants what Electron gives: a Uint8Array.
      const kind = name === 'Buffer' ? 'Uint8Array' : name;
      return tagged('view', [kind, bytesToBase64(bytes)], ref);
    }
    const out: { [key: string]: Encoded } = {};
    for (const key of Object.keys(v)) ownProperty(out, key, walk((v as Record<string, unknown>)[key]));
    return tagged('object', out, ref);
  };
  return walk(value);
}

/**
 * Sets an own data property, as structured clone does: plain assignment of a key named
 * "__proto__" would set the prototype instead and lose the key.
 */
function ownProperty(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The inverse of `encodeStructured`. */
export function decodeStructured(data: unknown): unknown {
  const refs = new Map<number, unknown>();
  const walk = (d: unknown): unknown => {
    if (d === null || typeof d !== 'object') return d;
    const node = d as Record<string, unknown>;
    const kind = node[TAG];
    if (typeof kind !== 'string') throw new TypeError('not an encoded structured value');
    const ref = node['r'] as number;
    const v = node['v'];
    switch (kind) {
      case 'undefined':
        return undefined;
      case 'NaN':
        return NaN;
      case 'Infinity':
        return Infinity;
      case '-Infinity':
        return -Infinity;
      case '-0':
        return -0;
      case 'bigint':
        return BigInt(v as string);
      case 'ref':
        return refs.get(ref);
      case 'array': {
        const out: unknown[] = [];
        refs.set(ref, out);
        for (const item of v as unknown[]) out.push(walk(item));
        return out;
      }
      case 'date': {
        const out = new Date(v as number);
        refs.set(ref, out);
        return out;
      }
      case 'regexp': {
        const [source, flags] = v as [string, string];
        const out = new RegExp(source, flags);
        refs.set(ref, out);
        return out;
      }
      case 'map': {
        const out = new Map();
        refs.set(ref, out);
        for (const [k, val] of v as [unknown, unknown][]) out.set(walk(k), walk(val));
        return out;
      }
      case 'set': {
        const out = new Set();
        refs.set(ref, out);
        for (const item of v as unknown[]) out.add(walk(item));
        return out;
      }
      case 'error': {
        const [name, message] = v as [string, string];
        const out = new Error(message);
        out.name = name;
        refs.set(ref, out);
        return out;
      }
      case 'arraybuffer': {
        const bytes = base64ToBytes(v as string);
        const out = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        refs.set(ref, out);
        return out;
      }
      case 'view': {
        const [name, text] = v as [TypedArrayName | 'DataView', string];
        const bytes = base64ToBytes(text);
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        const Ctor = name === 'DataView' ? DataView : typedArrays[name];
        if (!Ctor) throw new TypeError(`unknown view ${name}`);
        const out = name === 'DataView' ? new DataView(buffer) : new (Ctor as typeof Uint8Array)(buffer);
        refs.set(ref, out);
        return out;
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        refs.set(ref, out);
        for (const [key, item] of Object.entries(v as Record<string, unknown>)) ownProperty(out, key, walk(item));
        return out;
      }
      default:
        throw new TypeError(`unknown encoded kind ${kind}`);
    }
  };
  return walk(data);
}

/** What Electron's IPC does to a value: a structured clone (throws DataCloneError where Electron would refuse), ready to carry. */
export function cloneForIpc(value: unknown): Encoded {
  return encodeStructured(structuredClone(value));
}
