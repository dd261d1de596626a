/**
 * Canonical JSON: one spelling per value, so that signed and MACed bytes can be rebuilt and
 * compared. For the JSON values Caravan writes this is RFC 8785 (JCS): object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings as ECMAScript's `JSON.stringify` writes
 * them (lone surrogates escaped as \udXXX, so the output is always valid UTF-16 and UTF-8).
 *
 * Like `JSON.stringify`, `toJSON` is honoured and object properties whose value is `undefined`
 * are omitted. Unlike it, anything JSON cannot represent faithfully is refused with a TypeError
 * instead of silently becoming `null` or vanishing: NaN, ±Infinity, bigint, functions, symbols,
 * `undefined` at the top or inside an array, and cycles.
 */

/** The canonical JSON text of `value`. Throws TypeError for values JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set(), '$');
  return parts.join('');
}

function write(input: unknown, out: string[], ancestors: Set<object>, path: string): void {
  let value = input;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} at ${path} is not a JSON number`);
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} at ${path} is not a JSON value`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], out, ancestors, `${path}[${i}]`);
    }
    out.push(']');
  } else {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(record[key], out, ancestors, `${path}.${key}`);
    });
    out.push('}');
  }
  ancestors.delete(value);
}

/**
 * Why `value`, fresh from `JSON.parse`, cannot be written back as canonical JSON, or null when it
 * can: a number that parsed to ±Infinity (`1e400`), or nesting deeper than `maxDepth` (which
 * `canonicalJson`'s recursion would overflow the stack on). Decoders of objects read from a
 * target call this before re-serialising, so hostile input is refused like any object that does
 * not verify instead of throwing out of the sync round. Iterative: any depth is safe to check.
 */
export function jsonValueProblem(value: unknown, maxDepth = 64): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item === 'number' && !Number.isFinite(item)) return 'a number that is not finite';
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return `nesting deeper than ${maxDepth}`;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return null;
}
