/** A phase's milestone fee as typed (fixed-fee projects): empty is none; otherwise an amount of 0 or more in the project's currency. */
import { toMinor } from '../reports/money.ts';

export type MilestoneFee = { ok: true; minor: number | undefined } | { ok: false; message: string };

export function parseMilestoneFee(text: string, currency: string): MilestoneFee {
  if (text.trim() === '') return { ok: true, minor: undefined };
  const parsed = toMinor(text, currency);
  if (!parsed.ok) return { ok: false, message: `Milestone fee: ${parsed.message}` };
  if (parsed.minor < 0) return { ok: false, message: 'Milestone fee cannot be negative.' };
  return { ok: true, minor: parsed.minor };
}
