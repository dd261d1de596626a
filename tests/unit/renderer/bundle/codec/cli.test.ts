/**
 * The bundle CLI: commands and exit codes in process (runCli with a fake io), the codec fuzz
 * repeated through it, and a few spawned runs proving `npm run bundle` works end to end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, encodeBundle, encodePublicIdentity } from '../../../../../src-renderer/bundle/codec/index.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { type CliIo, EXIT, PASSPHRASE_ENV, runCli, SECRET_KEY_ENV } from '../../../../tools/bundle-cli-core.ts';
import { contentOf, FLOOR_COST, META, newIdentity, type TestIdentity } from './helpers.ts';
import { mutate, mutationArb } from '../../../support/bundle-mutations.ts';

const REPO = join(import.meta.dirname, '../../../../..');
const VECTOR_DIR = join(REPO, 'tests/fixtures/bundle');
type VectorKey = { passphrase: string } | { recipientSecretKey: string };
const vectors = JSON.parse(readFileSync(join(VECTOR_DIR, 'vector.json'), 'utf8')) as {
  app: Record<'full' | 'handoff', { file: string; key: VectorKey; json: unknown }>;
  variants: { file: string; what: string; expect: string; key: VectorKey }[];
  plain: {
    signer: { fingerprint: string; identity: string };
    passphrase: { passphrase: string; contentText: string };
    recipient: { recipientSecretKey: string; contentSha256: string };
  };
};
const vector = vectors.plain;
/** The CLI's environment for a vector.json key. */
const envFor = (key: VectorKey): Record<string, string> =>
  'passphrase' in key ? { [PASSPHRASE_ENV]: key.passphrase } : { [SECRET_KEY_ENV]: key.recipientSecretKey };
const vectorFile = (file: string) => new Uint8Array(readFileSync(join(VECTOR_DIR, file)));

let sodium: Sodium;
let alice: TestIdentity;
let bob: TestIdentity;
let sealed: Uint8Array;
let withPassphrase: Uint8Array;
const sealedContent = new TextEncoder().encode(JSON.stringify({ project: 'p-1', blocks: Array.from({ length: 3000 }, (_, i) => ({ id: i })) }));

interface Run {
  code: number;
  stdout: Uint8Array;
  stdoutText: string;
  stderr: string;
  written: Map<string, Uint8Array>;
}

/** Runs the CLI in process with the given files, environment and standard input. */
async function cli(argv: string[], options: { files?: Record<string, Uint8Array>; env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  const out: Uint8Array[] = [];
  let stderr = '';
  const written = new Map<string, Uint8Array>();
  const io: CliIo = {
    readFile: async (path) => {
      const file = options.files?.[path];
      if (file === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return file;
    },
    writeFile: async (path, data) => {
      if (path.startsWith('/readonly/')) throw new Error('EACCES: permission denied');
      written.set(path, data.slice());
    },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    stdout: (data) => out.push(typeof data === 'string' ? new TextEncoder().encode(data) : data.slice()),
    stderr: (text) => (stderr += text),
  };
  const code = await runCli(argv, io);
  const stdout = new Uint8Array(out.reduce((n, p) => n + p.length, 0));
  out.reduce((at, p) => (stdout.set(p, at), at + p.length), 0);
  return { code, stdout, stdoutText: new TextDecoder().decode(stdout), stderr, written };
}

beforeAll(async () => {
  sodium = await getSodium();
  [alice, bob] = await Promise.all([newIdentity(), newIdentity()]);
  sealed = await encodeBundle({
    meta: META,
    content: sealedContent,
    protection: { kind: 'recipients', recipients: [bob.box.publicKey] },
    signer: alice.signer,
  });
  withPassphrase = await encodeBundle({
    meta: META,
    content: sealedContent,
    protection: { kind: 'passphrase', passphrase: 'orbit lantern', cost: FLOOR_COST },
    signer: alice.signer,
  });
});

const bobKey = () => sodium.to_base64(bob.box.privateKey, sodium.base64_variants.ORIGINAL);

describe('bundle CLI, in process', () => {
  it('--help and usage errors', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdoutText).toContain('Exit codes');
    for (const argv of [
      [],
      ['explode', 'f'],
      ['inspect'],
      ['inspect', 'a', 'b'],
      ['inspect', 'f', '--bogus'],
      ['inspect', 'f', '--out', 'x'],
      ['decrypt', 'f', '--json'],
    ]) {
      const run = await cli(argv, { files: { f: sealed } });
      expect(run.code, argv.join(' ')).toBe(EXIT.usage);
      expect(run.stderr).toContain('--help');
    }
  });

  it('inspect prints the header and the signer without verifying, as text and JSON', async () => {
    const text = await cli(['inspect', 'f'], { files: { f: sealed } });
    expect(text.code).toBe(EXIT.ok);
    expect(text.stdoutText).toContain('sealed to 1 recipient(s)');
    expect(text.stdoutText).toContain(encodePublicIdentity(alice.signer));
    expect(text.stdoutText).toContain('NOT VERIFIED');
    const json = await cli(['inspect', 'f', '--json'], { files: { f: sealed } });
    const parsed = JSON.parse(json.stdoutText) as { verified: string; meta: unknown; signer: { identity: string }; header: { v: number } };
    expect(parsed.verified).toBe('none');
    expect(parsed.meta).toEqual(META);
    expect(parsed.signer.identity).toBe(encodePublicIdentity(alice.signer));
    expect(parsed.header.v).toBe(1);
  });

  it('verify checks the signature and says the AEAD needs the key; --full checks it with the key', async () => {
    const plain = await cli(['verify', 'f'], { files: { f: sealed } });
    expect(plain.code).toBe(EXIT.ok);
    expect(plain.stdoutText).toContain('Signature valid');
    expect(plain.stdoutText).toContain('NOT checked');
    const full = await cli(['verify', 'f', '--full', '--json'], { files: { f: sealed }, env: { [SECRET_KEY_ENV]: bobKey() } });
    expect(full.code).toBe(EXIT.ok);
    expect((JSON.parse(full.stdoutText) as { verified: string }).verified).toBe('full');
    const wrong = await cli(['verify', 'f', '--full'], {
      files: { f: sealed },
      env: { [SECRET_KEY_ENV]: sodium.to_base64(alice.box.privateKey, sodium.base64_variants.ORIGINAL) },
    });
    expect(wrong.code).toBe(EXIT.wrongKey);
  });

  it('decrypt writes the content to stdout or --out, with the key from env, a key file, or stdin', async () => {
    const fromEnv = await cli(['decrypt', 'f'], { files: { f: sealed }, env: { [SECRET_KEY_ENV]: bobKey() } });
    expect(fromEnv.code).toBe(EXIT.ok);
    expect(fromEnv.stdout).toEqual(sealedContent);
    const fromFile = await cli(['decrypt', 'f', '--key-file', 'k', '--out', 'o.json'], { files: { f: sealed, k: new TextEncoder().encode(`${bobKey()}\n`) } });
    expect(fromFile.code).toBe(EXIT.ok);
    expect(fromFile.written.get('o.json')).toEqual(sealedContent);
    expect(fromFile.stdout.length).toBe(0);
    const fromStdin = await cli(['decrypt', 'f'], { files: { f: withPassphrase }, stdin: 'orbit lantern\n' });
    expect(fromStdin.code).toBe(EXIT.ok);
    expect(fromStdin.stdout).toEqual(sealedContent);
    const fromPassEnv = await cli(['decrypt', 'f'], { files: { f: withPassphrase }, env: { [PASSPHRASE_ENV]: 'orbit lantern' }, stdin: 'ignored' });
    expect(fromPassEnv.stdout).toEqual(sealedContent);
  });

  it('exit codes: unreadable, damaged, bad signature, wrong key, no key, unwritable output', async () => {
    expect((await cli(['inspect', 'missing'])).code).toBe(EXIT.unreadable);
    expect((await cli(['inspect', 'f'], { files: { f: new TextEncoder().encode('{"not":"a bundle"}') } })).code).toBe(EXIT.damaged);
    expect((await cli(['verify', 'f'], { files: { f: sealed.subarray(0, sealed.length - 1) } })).code).toBe(EXIT.damaged);
    const altered = sealed.slice();
    altered[altered.length - 100] = (altered[altered.length - 100] as number) ^ 1;
    const bad = await cli(['verify', 'f'], { files: { f: altered } });
    expect(bad.code).toBe(EXIT.badSignature);
    expect(bad.stderr).toContain('changed after it was signed');
    expect((await cli(['decrypt', 'f'], { files: { f: withPassphrase }, stdin: 'orbit lanterns' })).code).toBe(EXIT.wrongKey);
    expect((await cli(['decrypt', 'f'], { files: { f: withPassphrase } })).code).toBe(EXIT.usage);
    expect((await cli(['decrypt', 'f'], { files: { f: sealed } })).code).toBe(EXIT.usage);
    expect((await cli(['decrypt', 'f'], { files: { f: sealed }, env: { [SECRET_KEY_ENV]: 'not base64!' } })).code).toBe(EXIT.usage);
    expect((await cli(['decrypt', 'f', '--key-file', 'nope'], { files: { f: sealed } })).code).toBe(EXIT.unreadable);
    expect((await cli(['decrypt', 'f', '--out', '/readonly/x'], { files: { f: sealed }, env: { [SECRET_KEY_ENV]: bobKey() } })).code).toBe(EXIT.unreadable);
  });

  it('the committed vectors decrypt through the CLI', async () => {
    const files = {
      p: new Uint8Array(readFileSync(join(VECTOR_DIR, 'vector-passphrase.caravan'))),
      r: new Uint8Array(readFileSync(join(VECTOR_DIR, 'vector-recipient.caravan'))),
    };
    const p = await cli(['decrypt', 'p'], { files, env: { [PASSPHRASE_ENV]: vector.passphrase.passphrase } });
    expect(p.stdoutText).toBe(vector.passphrase.contentText);
    const r = await cli(['decrypt', 'r'], { files, env: { [SECRET_KEY_ENV]: vector.recipient.recipientSecretKey } });
    expect(sodium.to_hex(sodium.crypto_hash_sha256(r.stdout))).toBe(vector.recipient.contentSha256);
  });

  it('the packed app vectors: decrypt writes the project JSON, verify --full checks the project too', async () => {
    for (const v of Object.values(vectors.app)) {
      const files = { f: vectorFile(v.file) };
      const decrypt = await cli(['decrypt', 'f'], { files, env: envFor(v.key) });
      expect(decrypt.code, decrypt.stderr).toBe(EXIT.ok);
      expect(JSON.parse(decrypt.stdoutText)).toEqual(v.json);
      const verify = await cli(['verify', 'f', '--full'], { files, env: envFor(v.key) });
      expect(verify.code).toBe(EXIT.ok);
      expect(verify.stdoutText).toMatch(/Content: a Caravan project, (full|handoff), \d+ field changes/);
      const json = JSON.parse((await cli(['verify', 'f', '--full', '--json'], { files, env: envFor(v.key) })).stdoutText) as {
        verified: string;
        content: string;
      };
      expect(json.verified).toBe('full');
      expect(json.content).toMatch(/^project, /);
    }
  });

  it('every signed variant through verify --full: exit 4 or 0, and the code of vector.json on standard error', async () => {
    for (const v of vectors.variants) {
      const run = await cli(['verify', 'f', '--full'], { files: { f: vectorFile(v.file) }, env: envFor(v.key) });
      if (v.expect === 'ok') {
        expect(run.code, v.file).toBe(EXIT.ok);
        continue;
      }
      expect(run.code, v.file).toBe(EXIT.damaged);
      expect(run.stderr, v.file).toContain(`code: ${v.expect}`);
    }
  });

  it('decrypt refuses a body that does not unpack with its code, and writes a packed JSON it does not parse', async () => {
    const byName = (name: string) => vectors.variants.find((v) => v.file === `variants/${name}.caravan`) as (typeof vectors.variants)[number];
    for (const [name, code] of [
      ['fault-zlib-trailing', 'bad-packing'],
      ['fault-inflated-length', 'bad-packing'],
      ['fault-content-too-large', 'content-too-large'],
    ] as const) {
      const v = byName(name);
      const run = await cli(['decrypt', 'f'], { files: { f: vectorFile(v.file) }, env: envFor(v.key) });
      expect(run.code, name).toBe(EXIT.damaged);
      expect(run.stderr).toContain(`code: ${code}`);
      expect(run.stdout.length).toBe(0);
    }
    const newer = byName('fault-newer-content');
    const written = await cli(['decrypt', 'f'], { files: { f: vectorFile(newer.file) }, env: envFor(newer.key) });
    expect(written.code).toBe(EXIT.ok);
    expect((JSON.parse(written.stdoutText) as { v: number }).v).toBe(2);
  });

  it(
    '10 000 mutated bundles through decrypt, verify and inspect: never an internal error, content only for the unmutated bundle',
    { timeout: 300_000 },
    async () => {
      const bases = [
        sealed,
        await encodeBundle({
          meta: META,
          content: contentOf(CHUNK_BYTES + 1),
          protection: { kind: 'recipients', recipients: [bob.box.publicKey] },
          signer: alice.signer,
        }),
      ];
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: 1 }),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('decrypt', 'verify', 'inspect'),
          async (which, mutations, command) => {
            const base = bases[which] as Uint8Array;
            const bytes = mutate(base, mutations, bases);
            const run = await cli([command, 'f'], { files: { f: bytes }, env: { [SECRET_KEY_ENV]: bobKey() } });
            seen.add(run.code);
            expect([EXIT.ok, EXIT.damaged, EXIT.badSignature, EXIT.wrongKey]).toContain(run.code);
            const unchanged = bytes.length === base.length && bytes.every((b, i) => b === base[i]);
            if (command === 'decrypt') {
              expect(run.code === EXIT.ok).toBe(unchanged);
              if (!unchanged) expect(run.stdout.length).toBe(0);
            }
            if (command === 'verify' && unchanged) expect(run.code).toBe(EXIT.ok);
            if (run.code !== EXIT.ok) expect(run.stderr).toMatch(/code: [a-z-]+/);
          },
        ),
        { numRuns: 10_000 },
      );
      expect(seen).toContain(EXIT.damaged);
      expect(seen).toContain(EXIT.badSignature);
    },
  );
});

describe('bundle CLI, spawned', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'caravan-bundle-cli-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  // Put this Node (24, with type stripping) first on PATH, whatever npm would otherwise pick.
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`, ...extra });
  const npmBundle = (args: string[], extra: Record<string, string> = {}, input?: string) =>
    spawnSync('npm', ['run', '--silent', 'bundle', '--', ...args], { cwd: REPO, env: env(extra), input: input ?? '', encoding: 'utf8', timeout: 60_000 });

  it('npm run bundle -- inspect / decrypt on the committed vector', () => {
    const file = join(VECTOR_DIR, 'vector-passphrase.caravan');
    const inspect = npmBundle(['inspect', file]);
    expect(inspect.stderr).toBe('');
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toContain(vector.signer.fingerprint);
    const decrypt = npmBundle(['decrypt', file], {}, `${vector.passphrase.passphrase}\n`);
    expect(decrypt.status).toBe(0);
    expect(decrypt.stdout).toBe(vector.passphrase.contentText);
  });

  it('exit codes of the real process: 2, 3, 4, 5, 6', () => {
    const file = join(VECTOR_DIR, 'vector-passphrase.caravan');
    const altered = new Uint8Array(readFileSync(file));
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 0x80;
    writeFileSync(join(tmp, 'altered.caravan'), altered);
    const node = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(REPO, 'tests/tools/bundle-cli.ts'), ...args], {
        cwd: REPO,
        env: env(extra),
        input: '',
        encoding: 'utf8',
        timeout: 60_000,
      });
    expect(node([]).status).toBe(2);
    expect(node(['inspect', join(tmp, 'missing.caravan')]).status).toBe(3);
    expect(node(['inspect', join(REPO, 'package.json')]).status).toBe(4);
    expect(node(['verify', join(tmp, 'altered.caravan')]).status).toBe(5);
    expect(node(['decrypt', file], { [PASSPHRASE_ENV]: 'not it' }).status).toBe(6);
  });

  it('npm run bundle -- decrypt on a signed fault in the packed body: exit 4 and its code', () => {
    const v = vectors.variants.find((x) => x.file === 'variants/fault-zlib-trailing.caravan') as (typeof vectors.variants)[number];
    const run = npmBundle(['decrypt', join(VECTOR_DIR, v.file)], envFor(v.key));
    expect(run.status).toBe(4);
    expect(run.stderr).toContain('code: bad-packing (');
    expect(run.stdout).toBe('');
  });
});
