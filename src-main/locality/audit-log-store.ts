/**
 * The audit log on disk: append-only, hash-chained, encrypted at rest, and
 * written by main without main being able to read it back.
 *
 * Each entry is sealed (libsodium `crypto_box_seal`) to the vault's audit
 * public key; the secret key is derived from the vault key in the renderer and
 * never reaches main. So main appends while it decides, a stolen laptop's
 * disk shows only ciphertext, and the renderer decrypts and verifies the chain.
 * One line per entry: `{"seq":n,"hash":"<sha256>","box":"<base64>"}`; the
 * clear `seq` and `hash` are copies of the sealed entry's own, kept so main can
 * continue the chain after a restart. Verification checks they match.
 */
import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { appendAfter, canonicalJson, type AuditDraft, type AuditEntry, type ChainAnchor } from './audit-chain.ts';

/** One stored line, as the renderer receives it. */
export interface SealedAuditLine {
  seq: number;
  hash: string;
  /** base64 of the sealed canonical JSON of the whole entry. */
  box: string;
}

const PUBLIC_KEY_BYTES = 32;

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function parseLine(text: string): SealedAuditLine | null {
  try {
    const v = JSON.parse(text) as Partial<SealedAuditLine>;
    if (typeof v.seq === 'number' && typeof v.hash === 'string' && typeof v.box === 'string') return { seq: v.seq, hash: v.hash, box: v.box };
  } catch {
    // Reported by the renderer's verification, which sees the line as it is.
  }
  return null;
}

export class AuditLogStore {
  private queue: Promise<unknown> = Promise.resolve();

  private readonly file: string;
  private readonly publicKey: Uint8Array;
  private head: ChainAnchor | null;

  private constructor(file: string, publicKey: Uint8Array, head: ChainAnchor | null) {
    this.file = file;
    this.publicKey = publicKey;
    this.head = head;
  }

  /**
   * Opens the log of one vault. The first open pins the vault's audit public
   * key; a later open with another key is refused, so nobody can start a
   * second log that the vault could not read.
   */
  static async open(dir: string, vaultId: string, publicKeyBase64: string, log: (message: string) => void = () => {}): Promise<AuditLogStore> {
    await sodium.ready;
    const publicKey = fromBase64(publicKeyBase64);
    if (publicKey.length !== PUBLIC_KEY_BYTES) throw new UserFacingError('invalid-argument', 'The audit key is not a 32-byte public key.');
    await mkdir(dir, { recursive: true });
    const keyFile = join(dir, `${vaultId}.pub`);
    const pinned = await readFile(keyFile, 'utf8').catch(() => null);
    // Empty: a crash between creating the file and writing the key; nothing was pinned yet.
    if (pinned === null || pinned.trim() === '') {
      const handle = await open(keyFile, 'w', 0o600);
      await handle.writeFile(publicKeyBase64);
      await handle.sync();
      await handle.close();
    } else if (pinned.trim() !== publicKeyBase64) {
      throw new UserFacingError(
        'refused',
        "This vault's audit key does not match the one its audit log was started with; the log was not opened and nothing will be sent until it is.",
      );
    }
    const file = join(dir, `${vaultId}.jsonl`);
    const text = await readFile(file, 'utf8').catch(() => '');
    // A crash during an append can leave half a line at the end: it was never an entry, so cut it off.
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      await truncate(file, Buffer.byteLength(text.slice(0, end)));
      log('audit log: removed an unfinished last line left by a crash');
    }
    const lines = text.slice(0, end).split('\n').filter(Boolean);
    const last = lines.length > 0 ? parseLine(lines[lines.length - 1] ?? '') : null;
    if (lines.length > 0 && !last) {
      // Appending after a damaged line would hide the damage inside a chain; refuse until it is looked at.
      throw new UserFacingError(
        'refused',
        'The audit log is damaged at its end, so Caravan stopped writing to it and nothing will be sent. Open Locality > Audit log to see where.',
      );
    }
    return new AuditLogStore(file, publicKey, last ? { seq: last.seq, hash: last.hash } : null);
  }

  /** Appends one entry (ids and codes only; the chain refuses anything else). Appends run one at a time. */
  append(draft: AuditDraft): Promise<AuditEntry> {
    const run = this.queue.then(() => this.write(draft));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(draft: AuditDraft): Promise<AuditEntry> {
    const result = await appendAfter(this.head, draft);
    if (!result.ok) throw new Error(`${result.message} ${result.issues.join('; ')}`);
    const { entry } = result;
    const box = sodium.crypto_box_seal(new TextEncoder().encode(canonicalJson(entry)), this.publicKey);
    const line = `${JSON.stringify({ seq: entry.seq, hash: entry.hash, box: Buffer.from(box).toString('base64') })}\n`;
    const handle = await open(this.file, 'a', 0o600);
    const before = (await handle.stat()).size;
    try {
      // writeFile loops until every byte is written; on failure the partial line is cut off again,
      // so the next entry never lands glued to half of this one.
      await handle.writeFile(line);
      await handle.sync();
    } catch (error) {
      await handle.truncate(before).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    this.head = { seq: entry.seq, hash: entry.hash };
    return entry;
  }

  /** Every line as stored, for the renderer to open and verify. Lines that do not parse come back as text. */
  async lines(): Promise<(SealedAuditLine | { invalid: string })[]> {
    await this.queue;
    const text = await readFile(this.file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => parseLine(l) ?? { invalid: l.slice(0, 200) });
  }
}
