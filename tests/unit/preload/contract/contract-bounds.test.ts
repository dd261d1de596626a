/**
 * Every argument a renderer can send is bounded by the contract itself: each string has a
 * maximum length (or a fixed format such as a UUID), each array a maximum count, each record a
 * maximum number of keys, before main spends any work on it. A new channel with an unbounded
 * field fails here, with the path to that field.
 */
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../../src-preload/contract/channels.ts';
import { auditNamesSchema } from '../../../../src-preload/contract/audit.ts';
import { MAX_CLIENTS } from '../../../../src-preload/contract/spec.ts';

/** Places the walk cannot see bounded, each with what bounds it instead. */
const BOUNDED_OTHERWISE: Record<string, string[]> = {
  // An opened entry is checked by main's chain rules; the line count and the message cap bound its size.
  'locality:verifyAudit': ['$[0][].entry: accepts anything', '$[2].clients: record', '$[2].targets: record'],
};

interface ZodInternals {
  _zod: { def: { type: string; checks?: { _zod: { def: { check: string } } }[]; [k: string]: unknown } };
}

/** Whether the schema's own checks cap its length (`.max(n)`, `.length(n)`). */
function capped(def: ZodInternals['_zod']['def']): boolean {
  return (def.checks ?? []).some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals');
}

/** Paths (with the reason) of every place in `schema` that accepts input of unbounded size. */
export function unboundedPaths(schema: z.ZodType, path = '$'): string[] {
  const s = schema as unknown as ZodInternals;
  const { def } = s._zod;
  const child = (value: unknown, sub: string) => unboundedPaths(value as z.ZodType, sub);
  switch (def.type) {
    case 'string':
      return capped(def) || def.format === 'uuid' ? [] : [`${path}: string without a maximum length`];
    case 'array':
      return [...(capped(def) ? [] : [`${path}: array without a maximum count`]), ...child(def.element, `${path}[]`)];
    case 'tuple':
      return [...(def.items as unknown[]).flatMap((item, i) => child(item, `${path}[${i}]`)), ...(def.rest ? [`${path}: tuple with a rest element`] : [])];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => child(value, `${path}.${key}`));
    case 'union':
      return (def.options as unknown[]).flatMap((option, i) => child(option, `${path}|${i}`));
    case 'record':
      return [`${path}: record`, ...child(def.keyType, `${path}{key}`), ...child(def.valueType, `${path}{}`)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return child(def.innerType, path);
    case 'pipe':
      return child(def.in, path);
    case 'unknown':
    case 'any':
      return [`${path}: accepts anything`];
    case 'number':
    case 'int':
    case 'boolean':
    case 'literal':
    case 'enum':
    case 'void':
    case 'undefined':
    case 'null':
    case 'transform':
      return [];
    default:
      return [`${path}: unchecked schema type ${def.type}`];
  }
}

describe('every channel bounds what a renderer may send', () => {
  for (const [channel, spec] of Object.entries(invokeContract)) {
    it(channel, () => {
      expect(unboundedPaths(spec.args)).toEqual(BOUNDED_OTHERWISE[channel] ?? []);
    });
  }

  it('audit names are bounded by their count (the records above)', () => {
    const names = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, 'A']));
    expect(auditNamesSchema.safeParse({ clients: names(MAX_CLIENTS), targets: {} }).success).toBe(true);
    expect(auditNamesSchema.safeParse({ clients: names(MAX_CLIENTS + 1), targets: {} }).success).toBe(false);
    expect(auditNamesSchema.safeParse({ clients: {}, targets: names(MAX_CLIENTS + 1) }).success).toBe(false);
  });
});
