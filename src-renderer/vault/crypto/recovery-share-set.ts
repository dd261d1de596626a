/**
 * Putting recovery shares together: which of the typed shares count, what is wrong with the rest
 * (in words, per field), and, once enough shares of one split of this vault are read, the
 * recovery key. Everything here is checked before the Shamir step: the step itself cannot tell a
 * wrong share from a right one, it just makes a different key.
 */
import { combineShamir, parseRecoveryShare, RecoveryShareError, vaultTag, type ParsedShare } from './recovery-shares.ts';

/** One typed field as read. */
export type ShareField = { state: 'empty' } | { state: 'read'; share: ParsedShare } | { state: 'refused'; error: RecoveryShareError };

/** The fields together: what the unlock screen shows as "2 of 3 shares". */
export interface ShareSetReading {
  fields: ShareField[];
  /** Shares the split needs (k), once one share of this vault is read. */
  threshold: number | null;
  /** Shares read that count towards it. */
  counted: number;
  /** Enough shares, none refused. */
  ready: boolean;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "first", "second"… as the fields are labelled. */
export function ordinal(index: number): string {
  return ORDINALS[index] ?? `number ${index + 1}`;
}

/** Reads each field and checks it against this vault and the shares before it. */
export function readShareSet(texts: readonly string[], vaultId: string): ShareSetReading {
  const tag = vaultTag(vaultId);
  const fields: ShareField[] = [];
  const accepted: { index: number; share: ParsedShare }[] = [];
  for (const [index, text] of texts.entries()) {
    if (text.trim() === '') {
      fields.push({ state: 'empty' });
      continue;
    }
    let share: ParsedShare;
    try {
      share = parseRecoveryShare(text);
    } catch (error) {
      if (!(error instanceof RecoveryShareError)) throw error;
      fields.push({ state: 'refused', error });
      continue;
    }
    const problem = problemWith(share, tag, accepted);
    if (problem) {
      share.shamir.fill(0);
      fields.push({ state: 'refused', error: problem });
    } else {
      accepted.push({ index, share });
      fields.push({ state: 'read', share });
    }
  }
  const threshold = accepted[0]?.share.threshold ?? null;
  const refused = fields.some((f) => f.state === 'refused');
  return { fields, threshold, counted: accepted.length, ready: threshold !== null && accepted.length >= threshold && !refused };
}

/**
 * The recovery key from the typed shares, or a RecoveryShareError: the first field's problem, or
 * too few shares. Whether the key opens the vault is the vault's to say (`shares-wrong-key`).
 */
export async function combineRecoveryShares(texts: readonly string[], vaultId: string): Promise<Uint8Array> {
  const reading = readShareSet(texts, vaultId);
  const shares = reading.fields.flatMap((f) => (f.state === 'read' ? [f.share] : []));
  try {
    for (const [index, field] of reading.fields.entries()) {
      if (field.state === 'refused') throw new RecoveryShareError(field.error.code, `The ${ordinal(index)} share: ${field.error.message}`);
    }
    if (reading.threshold === null || reading.counted < reading.threshold) throw tooFew(reading);
    return await combineShamir(shares);
  } finally {
    for (const share of shares) share.shamir.fill(0);
  }
}

/** "2 of 3 shares" and what is missing, in words. */
export function progressText(reading: Pick<ShareSetReading, 'threshold' | 'counted'>): string {
  if (reading.threshold === null) return reading.counted === 0 ? 'No share read yet.' : `${reading.counted} shares read.`;
  const missing = reading.threshold - reading.counted;
  const head = `${reading.counted} of ${reading.threshold} shares`;
  return missing > 0 ? `${head}: ${missing} more ${missing === 1 ? 'is' : 'are'} needed.` : `${head}: enough to recover.`;
}

function tooFew(reading: ShareSetReading): RecoveryShareError {
  if (reading.threshold === null) return new RecoveryShareError('shares-too-few', 'Type the shares you have; none has been read yet.');
  return new RecoveryShareError('shares-too-few', `${progressText(reading)} Fewer shares than that reveal nothing about the key.`);
}

function problemWith(share: ParsedShare, tag: string, accepted: readonly { index: number; share: ParsedShare }[]): RecoveryShareError | null {
  if (share.vaultTag !== tag) {
    return new RecoveryShareError('share-other-vault', `This share belongs to another vault (its vault tag is ${share.vaultTag}; this vault’s is ${tag}).`);
  }
  const first = accepted[0];
  if (first && share.setId !== first.share.setId) {
    return new RecoveryShareError(
      'shares-mixed',
      `This share is from a different split than the ${ordinal(first.index)} one (set ${share.setId}, not ${first.share.setId}). ` +
        'Use shares of one split: the set is printed on each sheet.',
    );
  }
  if (first && (share.threshold !== first.share.threshold || share.total !== first.share.total)) {
    return new RecoveryShareError('shares-conflict', 'This share disagrees with the others about how many shares there are; one of them was altered.');
  }
  for (const earlier of accepted) {
    const same = earlier.share.shamir;
    if (earlier.share.number === share.number && sameBytes(same, share.shamir)) {
      return new RecoveryShareError(
        'share-duplicate',
        `This is the same share as the ${ordinal(earlier.index)} one (share ${share.number} of ${share.total}). Type a different share.`,
      );
    }
    if (earlier.share.number === share.number || same[same.length - 1] === share.shamir[share.shamir.length - 1]) {
      return new RecoveryShareError(
        'shares-conflict',
        `This share and the ${ordinal(earlier.index)} one cannot both be real shares of this split; one of them was altered.`,
      );
    }
  }
  return null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
