/** Byte-level mutations of bundles for the fuzz tests of the codec and the CLI (fast-check). */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'splice'; from: number; at: number; length: number; other: number };

const position = fc.nat({ max: 1_000_000 });
const someBytes = fc.uint8Array({ minLength: 1, maxLength: 16 });
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('append' as const), bytes: someBytes }),
  fc.record({ kind: fc.constant('splice' as const), from: position, at: position, length: fc.integer({ min: 1, max: 300 }), other: fc.nat({ max: 2 }) }),
);

/** Applies mutations in order; positions are taken modulo the current length. `others` feed splices. */
export function mutate(base: Uint8Array, mutations: readonly Mutation[], others: readonly Uint8Array[]): Uint8Array {
  let bytes: Uint8Array = base.slice();
  for (const m of mutations) {
    const n = bytes.length;
    const at = n === 0 ? 0 : m.kind === 'append' ? n : m.at % (n + 1);
    switch (m.kind) {
      case 'flip':
        if (n > 0) bytes[at % n] = (bytes[at % n] as number) ^ (1 << m.bit);
        break;
      case 'insert':
        bytes = concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
        break;
      case 'delete':
        bytes = concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.count)));
        break;
      case 'overwrite':
        bytes = concat(bytes.subarray(0, at), m.bytes, bytes.subarray(Math.min(n, at + m.bytes.length)));
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'append':
        bytes = concat(bytes, m.bytes);
        break;
      case 'splice': {
        const other = others[m.other % others.length] as Uint8Array;
        const from = m.from % Math.max(1, other.length);
        bytes = concat(bytes.subarray(0, at), other.subarray(from, from + m.length), bytes.subarray(Math.min(n, at + m.length)));
        break;
      }
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
