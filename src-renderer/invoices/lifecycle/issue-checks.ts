/**
 * Why a draft cannot be issued now, in words naming the field as the person sees it. Checked
 * before anything is written, so a refusal leaves the register, the document and the marks as they
 * were. The same check the draft editor shows while the person edits, plus what only the
 * lifecycle can know (the client is on this device, the profile reads).
 */
import type { BusinessProfile } from '../../domain/business-profile.ts';
import { profileProblem, profileState } from '../profile/read-profile.ts';
import type { Client } from '../../domain/client.ts';
import type { Invoice } from '../../domain/invoice.ts';
import { issueProblems as documentProblems } from '../document/issue-problems.ts';

/** The profile as stored (any JSON), read with its schema; a problem in words when there is none or it does not read. */
export function readProfile(stored: unknown): { ok: true; profile: BusinessProfile } | { ok: false; problem: string } {
  const state = profileState(stored);
  return state.kind === 'ready' ? { ok: true, profile: state.profile } : { ok: false, problem: profileProblem(state) };
}

/** What a document is called in messages: "the draft", "invoice RE-2026-0007". */
export function docName(doc: Pick<Invoice, 'kind' | 'number' | 'state'>): string {
  const what = doc.kind === 'credit-note' ? 'credit note' : 'invoice';
  return doc.number === undefined ? `the ${what} draft` : `${what} ${doc.number}`;
}

/**
 * Every reason `doc` cannot be issued for `client` under `profile` (an empty list: it can be): the
 * builder's blocking problems (invoices/document/issue-problems.ts, the same the editor shows while
 * the person edits) and a client this device does not hold.
 */
export function issueProblems(doc: Invoice, profile: BusinessProfile, client: Client | undefined): string[] {
  const problems: string[] = [];
  if (client === undefined) problems.push('Client: this invoice’s client is not on this device (removed, erased, or not synced here).');
  const context = { homeCurrency: profile.homeCurrency, ...(client === undefined ? {} : { client }) };
  for (const problem of documentProblems(doc, context)) if (problem.blocking) problems.push(problem.message);
  return problems;
}
