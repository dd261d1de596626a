/**
 * zlib deflate and a bounded inflate on the platform's CompressionStream (Chromium, Node >= 18):
 * sync snapshots and bundle contents are compressed before they are encrypted.
 */

/** Deflates (zlib format). */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Why `inflateExactly` refused its input. */
export type InflateProblem = 'not-deflated' | 'too-long' | 'too-short';

/**
 * Inflates data that must come to exactly `expected` bytes. It stops reading as soon as the
 * output would exceed them, so a small hostile input cannot expand into gigabytes.
 */
export async function inflateExactly(
  bytes: Uint8Array,
  expected: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: InflateProblem; length: number; cause?: unknown }> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const out = new Uint8Array(expected);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > expected) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, problem: 'too-long', length: length + value.length };
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (cause) {
    return { ok: false, problem: 'not-deflated', length, cause };
  }
  return length === expected ? { ok: true, bytes: out } : { ok: false, problem: 'too-short', length };
}
