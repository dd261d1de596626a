/**
 * The project inside a bundle, read from docs/bundle-format.md ("What Caravan puts in the body")
 * alone with node:zlib: steps C1-C10, each refusal a SpecError with the document's code.
 */
import { inflateSync } from 'node:zlib';
import { characters, fail } from './spec-decoder.ts';

export interface SpecProject {
  json: Uint8Array;
  value: Record<string, unknown>;
}

const TABLES = new Set(['clients', 'projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches']);
const HLC = /^[0-9a-f]{32}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysAre = (o: Record<string, unknown>, required: string[], optional: string[] = []) =>
  required.every((k) => Object.hasOwn(o, k)) && Object.keys(o).every((k) => required.includes(k) || optional.includes(k));
const isId = (v: unknown) => typeof v === 'string' && characters(v) >= 1 && characters(v) <= 128 && /^[^|\p{Cc}]+$/u.test(v);
const isName = (v: unknown) => typeof v === 'string' && v.length > 0;

/** C1-C3: the JSON bytes of a packed body. */
export function unpack(body: Uint8Array): Uint8Array {
  if (body.length < 8 || Buffer.from(body.subarray(0, 4)).toString('latin1') !== 'CRVZ') fail('not-a-project', 'no CRVZ');
  const J = Buffer.from(body).readUInt32BE(4);
  if (J > 2 ** 30) fail('content-too-large', `J = ${J}`);
  const z = body.subarray(8);
  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    // One more byte than J may come out, so "more than J" is told from "exactly J".
    inflated = inflateSync(z, { info: true, maxOutputLength: J + 1 }) as unknown as typeof inflated;
  } catch (error) {
    return fail('bad-packing', `not one zlib stream of at most J bytes: ${String(error)}`);
  }
  if (inflated.buffer.length !== J) fail('bad-packing', `${inflated.buffer.length} bytes, J = ${J}`);
  // inflateSync stops at the end of the stream and ignores what follows: count what it read.
  if (inflated.engine.bytesWritten !== z.length) fail('bad-packing', `${z.length - inflated.engine.bytesWritten} bytes after the stream`);
  return new Uint8Array(inflated.buffer);
}

/** C8: at most 68 levels of arrays and objects, and finite numbers; without recursion. */
function depthProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, level] = stack.pop() as [unknown, number];
    if (typeof item === 'number' && !Number.isFinite(item)) return 'a number out of range';
    if (typeof item !== 'object' || item === null) continue;
    if (level > 68) return 'nested deeper than 68';
    for (const child of Object.values(item)) stack.push([child, level + 1]);
  }
  return undefined;
}

function recordProblem(r: unknown): string | undefined {
  if (!isObject(r) || !keysAre(r, ['table', 'id', 'hlc', 'fields'], ['fieldHlc', 'unset', 'deleted'])) return 'record fields';
  if (typeof r['table'] !== 'string' || !TABLES.has(r['table'])) return 'table';
  if (!isName(r['id'])) return 'id';
  if (typeof r['hlc'] !== 'string' || !HLC.test(r['hlc'])) return 'hlc';
  if (!isObject(r['fields']) || !Object.keys(r['fields']).every(isName)) return 'fields';
  if (r['fieldHlc'] !== undefined && (!isObject(r['fieldHlc']) || !Object.values(r['fieldHlc']).every((h) => typeof h === 'string' && HLC.test(h))))
    return 'fieldHlc';
  if (r['unset'] !== undefined && (!Array.isArray(r['unset']) || !r['unset'].every(isName))) return 'unset';
  if (r['deleted'] !== undefined && (typeof r['deleted'] !== 'string' || !HLC.test(r['deleted']))) return 'deleted';
  return undefined;
}

/** C1-C10, then the one check the document gives the import: the variant agrees with the header's. */
export function readProject(body: Uint8Array, headerVariant: string): SpecProject {
  const json = unpack(body);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(json));
  } catch {
    return fail('bad-content', 'not UTF-8 JSON without a BOM');
  }
  if (!isObject(value) || value['format'] !== 'caravan-project') return fail('bad-content', 'format');
  if (value['v'] !== 1) fail('newer-content', `v ${String(value['v'])}`);
  const records = value['records'];
  if (Array.isArray(records) && records.length > 2_000_000) fail('too-many-records', `${records.length}`);
  const depth = depthProblem(value);
  if (depth !== undefined) fail('bad-content', depth);
  if (!keysAre(value, ['format', 'v', 'variant', 'clientId', 'projectId', 'exportedAt', 'records'], ['handoff'])) fail('bad-content', 'envelope fields');
  if (value['variant'] !== 'full' && value['variant'] !== 'handoff') fail('bad-content', 'variant');
  if (!isId(value['clientId']) || !isId(value['projectId'])) fail('bad-content', 'ids');
  const at = value['exportedAt'];
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) fail('bad-content', 'exportedAt');
  if (!Array.isArray(records)) return fail('bad-content', 'records');
  const handoff = value['handoff'];
  if (
    handoff !== undefined &&
    (!isObject(handoff) || !keysAre(handoff, ['markdown']) || typeof handoff['markdown'] !== 'string' || characters(handoff['markdown']) > 10_000_000)
  ) {
    fail('bad-content', 'handoff');
  }
  records.forEach((r, i) => {
    const problem = recordProblem(r);
    if (problem !== undefined) fail('bad-content', `record ${i + 1}: ${problem}`);
  });
  if (value['variant'] !== headerVariant) fail('import-refused', 'variant differs from the header');
  return { json, value };
}
