/**
 * `npm run bundle -- inspect|verify|decrypt FILE`: the .caravan bundle codec on the command line,
 * for support and for anyone checking a bundle without the app. `runCli(argv, io)` returns the
 * exit code and touches the world only through `io`, so tests run it thousands of times in
 * process; bundle-cli.ts is the thin Node entry point.
 *
 * It lives beside the other Node tools under tests/tools because it imports the renderer's
 * codec: src-main may import renderer code by type only (lint) and tsconfig.node.json is a
 * composite project limited to src-main and src-preload, while tsconfig.tests.json typechecks
 * this folder with Node types and the renderer sources together.
 */
import { parseArgs } from 'node:util';
import {
  type BundleInfo,
  type BundleKey,
  decryptBundle,
  encodePublicIdentity,
  inspectBundle,
  isBundleError,
  verifyBundle,
  type BundleErrorCode,
} from '../../src-renderer/bundle/codec/index.ts';
import { fromBase64, toBase64 } from '../../src-renderer/vault/crypto/encoding.ts';
import { getSodium } from '../../src-renderer/vault/crypto/sodium.ts';
import { decodeProjectContent, isBundleContentError, isPacked, unpackContent } from '../../src-renderer/bundle/content/project-content.ts';

/** Exit codes (docs/bundle-format.md, "Command line"). */
export const EXIT = {
  ok: 0,
  /** A fault in this tool; never expected. */
  internal: 1,
  usage: 2,
  /** The bundle, key file or output could not be read or written. */
  unreadable: 3,
  /** Not a bundle, or damaged, or refused by a limit. */
  damaged: 4,
  badSignature: 5,
  /** Wrong passphrase, not a recipient, or the wrong kind of key. */
  wrongKey: 6,
} as const;

/** Everything the CLI needs from the outside world. */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** The passphrase typed or piped on standard input (the whole input, or its first line on a terminal). */
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
}

export const PASSPHRASE_ENV = 'CARAVAN_BUNDLE_PASSPHRASE';
export const SECRET_KEY_ENV = 'CARAVAN_BUNDLE_SECRET_KEY';

export const HELP = `Usage: npm run bundle -- <command> FILE [options]

Commands
  inspect FILE    Print the header and the signer (fingerprint, public identity) without any key.
                  Nothing is verified: the header is what the file claims.
  verify FILE     Check the framing, the header, the exact length and chunk structure, and the
                  Ed25519 signature. Without a key the encryption of the chunks (AEAD) cannot be
                  checked; with --full it decrypts too (key options below), checks a project packed
                  by the app as the app does before an import, and discards the content.
  decrypt FILE    Verify, decrypt and unpack; write the content (the app's JSON) to stdout or --out FILE.

Options
  --json              inspect/verify: print JSON instead of text
  --full              verify: also decrypt with the key, to check every chunk
  --out FILE          decrypt: write the content to FILE instead of stdout
  --key-file FILE     recipient bundles: file holding your X25519 secret key (32 bytes, base64)
  -h, --help          this text

Keys
  Passphrase bundles: the passphrase from $${PASSPHRASE_ENV}, else from standard input
  (a trailing newline is dropped). Recipient bundles: your X25519 secret key in base64 from
  --key-file or $${SECRET_KEY_ENV}.

Exit codes
  0 ok   1 internal error   2 usage error (incl. no key given)   3 file unreadable or unwritable
  4 not a bundle, damaged, or its content refused   5 bad signature   6 wrong passphrase or key
  A refusal prints "code: <code>" on standard error (docs/bundle-format.md lists them).
`;

type Command = 'inspect' | 'verify' | 'decrypt';

/** Runs one command; returns the process exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.stderr(`caravan bundle: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        full: { type: 'boolean' },
        out: { type: 'string' },
        'key-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'inspect' && command !== 'verify' && command !== 'decrypt')
    return usage(io, command === undefined ? 'no command' : `unknown command "${command}"`);
  if (file === undefined) return usage(io, `${command} needs a FILE`);
  if (extra.length > 0) return usage(io, `unexpected argument "${extra[0]}"`);
  if (values.out !== undefined && command !== 'decrypt') return usage(io, '--out is for decrypt');
  if (values.full === true && command !== 'verify') return usage(io, '--full is for verify');
  if (values.json === true && command === 'decrypt') return usage(io, '--json is for inspect and verify; decrypt writes the content itself');

  await getSodium();
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (error) {
    io.stderr(`caravan bundle: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unreadable;
  }

  try {
    return await execute(command, bytes, values, io);
  } catch (error) {
    if (isBundleError(error)) {
      io.stderr(`caravan bundle: ${error.message}\n  code: ${error.code}${error.detail === undefined ? '' : ` (${error.detail})`}\n`);
      return exitFor(error.code);
    }
    // The file is signed and decrypts, but the project inside it is refused: damaged too, as the app sees it.
    if (isBundleContentError(error)) {
      io.stderr(
        `caravan bundle: the signature and encryption check out, but the content is refused: ${error.message}\n  code: ${error.code}${error.detail === undefined ? '' : ` (${error.detail})`}\n`,
      );
      return EXIT.damaged;
    }
    throw error;
  }
}

async function execute(
  command: Command,
  bytes: Uint8Array,
  values: { json?: boolean; full?: boolean; out?: string; 'key-file'?: string },
  io: CliIo,
): Promise<number> {
  if (command === 'inspect') {
    const info = inspectBundle(bytes);
    io.stdout(values.json === true ? `${JSON.stringify(toJson(info, 'none'), null, 2)}\n` : describe(info, 'none'));
    return EXIT.ok;
  }
  // Parse the header first: the kind of key needed depends on it.
  const claimed = inspectBundle(bytes);
  if (command === 'verify' && values.full !== true) {
    const info = await verifyBundle(bytes);
    io.stdout(values.json === true ? `${JSON.stringify(toJson(info, 'signature'), null, 2)}\n` : describe(info, 'signature'));
    return EXIT.ok;
  }
  const key = await keyFor(claimed, values['key-file'], io);
  if (typeof key === 'number') return key;
  const { info, content: body } = await decryptBundle(bytes, key);
  if (command === 'verify') {
    // verify --full checks what the app checks before planning an import: for a project packed by
    // the app, the packing, the envelope and every record too (BundleContentError above).
    const project = isPacked(body) ? await decodeProjectContent(body) : undefined;
    body.fill(0);
    const content: ContentCheck = project === undefined ? 'opaque' : `project, ${project.variant}, ${project.changes.length} field changes`;
    io.stdout(values.json === true ? `${JSON.stringify(toJson(info, 'full', content), null, 2)}\n` : describe(info, 'full', content));
    return EXIT.ok;
  }
  // A project bundle made by the app carries packed (deflated) JSON: write the JSON itself, unparsed
  // (a person may want to read what the app refuses), after checking the packing.
  const content = isPacked(body) ? await unpackContent(body) : body;
  if (values.out === undefined) {
    io.stdout(content);
    return EXIT.ok;
  }
  try {
    await io.writeFile(values.out, content);
  } catch (error) {
    io.stderr(`caravan bundle: cannot write ${values.out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unreadable;
  }
  io.stderr(`Wrote ${content.length} bytes to ${values.out}; signed by ${info.signer.fingerprint}.\n`);
  return EXIT.ok;
}

/** The key for this bundle's protection, or an exit code after saying what is missing. */
async function keyFor(info: BundleInfo, keyFile: string | undefined, io: CliIo): Promise<BundleKey | number> {
  if (info.protection.kind === 'passphrase') {
    const fromEnv = io.env[PASSPHRASE_ENV];
    const passphrase = fromEnv !== undefined && fromEnv !== '' ? fromEnv : (await io.readStdin()).replace(/\r?\n$/, '');
    if (passphrase === '') return usage(io, `this bundle needs a passphrase: set ${PASSPHRASE_ENV} or pipe it on standard input`);
    return { kind: 'passphrase', passphrase };
  }
  let text: string | undefined = io.env[SECRET_KEY_ENV];
  if (keyFile !== undefined) {
    try {
      text = new TextDecoder().decode(await io.readFile(keyFile));
    } catch (error) {
      io.stderr(`caravan bundle: cannot read ${keyFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.unreadable;
    }
  }
  if (text === undefined || text.trim() === '') {
    return usage(io, `this bundle is sealed to recipients: give your X25519 secret key (base64) with --key-file or ${SECRET_KEY_ENV}`);
  }
  const privateKey = fromBase64(text.replace(/\s+/g, ''));
  if (privateKey?.length !== 32) return usage(io, 'the secret key is not 32 bytes in base64');
  const sodium = await getSodium();
  return { kind: 'recipient', privateKey, publicKey: sodium.crypto_scalarmult_base(privateKey) };
}

type Checked = 'none' | 'signature' | 'full';
/** After verify --full: a body that is not a packed project ('opaque'), or what the checked project holds. */
type ContentCheck = 'opaque' | `project, ${string}`;

function describe(info: BundleInfo, checked: Checked, content?: ContentCheck): string {
  const p = info.protection;
  const lines = [
    `Caravan bundle, format ${info.formatVersion}`,
    `  kind        ${info.meta.kind} (${info.meta.variant})`,
    `  created     ${new Date(info.meta.createdAt).toISOString()} (${info.meta.createdAt})`,
    `  residency   ${JSON.stringify(info.meta.residency)}`,
    `  protection  ${p.kind === 'passphrase' ? `passphrase (Argon2id, ${p.opsLimit} passes over ${p.memLimitBytes / 2 ** 20} MiB)` : `sealed to ${p.count} recipient(s)`}`,
    `  content     ${info.bodyBytes} bytes in ${info.chunkCount} chunk(s); file ${info.fileBytes} bytes`,
    `  signer      ${info.signer.fingerprint}`,
    `  identity    ${encodePublicIdentity(info.signer)}`,
    '',
    ...verdict(info, checked, content),
  ];
  return `${lines.join('\n')}\n`;
}

function verdict(info: BundleInfo, checked: Checked, content?: ContentCheck): string[] {
  if (checked === 'none') return ['NOT VERIFIED: this is what the header claims. Run `verify` to check the signature.'];
  const signed = [
    `Signature valid: the file is exactly as signed by the key with fingerprint ${info.signer.fingerprint}.`,
    'Compare this fingerprint with the sender over another channel before trusting it.',
    'Framing, header and chunk structure: valid.',
  ];
  if (checked === 'signature') {
    return [...signed, 'Encryption of the chunks (AEAD): NOT checked, that needs the key. Run `verify --full` with the key, or `decrypt`.'];
  }
  const aead = `Encryption of the chunks (AEAD): every chunk decrypted and authenticated (${info.chunkCount}), final tag present.`;
  if (content === undefined || content === 'opaque')
    return [...signed, aead, 'Content: not a project packed by Caravan (no CRVZ); decrypt writes it as it is.'];
  return [...signed, aead, `Content: a Caravan ${content}; one zlib stream of the stated length, envelope and records well formed.`];
}

function toJson(info: BundleInfo, checked: Checked, content?: ContentCheck): unknown {
  return {
    verified: checked,
    ...(content === undefined ? {} : { content }),
    formatVersion: info.formatVersion,
    meta: info.meta,
    protection: info.protection,
    bodyBytes: info.bodyBytes,
    chunkCount: info.chunkCount,
    fileBytes: info.fileBytes,
    signer: {
      fingerprint: info.signer.fingerprint,
      identity: encodePublicIdentity(info.signer),
      signPublicKey: toBase64(info.signer.signPublicKey),
      boxPublicKey: toBase64(info.signer.boxPublicKey),
    },
    header: JSON.parse(info.headerText) as unknown,
  };
}

function exitFor(code: BundleErrorCode): number {
  switch (code) {
    case 'bad-signature':
      return EXIT.badSignature;
    case 'wrong-passphrase':
    case 'not-a-recipient':
    case 'wrong-key-kind':
      return EXIT.wrongKey;
    case 'bad-public-key':
      return EXIT.usage;
    default:
      return EXIT.damaged;
  }
}

function usage(io: CliIo, problem: string): number {
  io.stderr(`caravan bundle: ${problem}\nRun \`npm run bundle -- --help\` for usage.\n`);
  return EXIT.usage;
}
