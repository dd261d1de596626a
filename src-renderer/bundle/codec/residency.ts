/**
 * Validation of the residency policy carried in a bundle header. The header is readable without
 * any key and the importing app enforces this policy, so it is checked exactly, with the
 * contract's own policy schema (the one main's guard and the client record use): known fields
 * only, known country codes only (never a name), bounded lengths. On top of it the header must
 * already be in the form the schema outputs (an attestation basis without surrounding white
 * space): the header bytes are signed as written, and a reader never trims what the signer wrote.
 * Whether the policy allows the import is the locality guard's call.
 */
import { residencyPolicySchema } from '../../../src-preload/contract/residency.ts';
import { canonicalJson } from '../../sync/segment/canonical-json.ts';

/** Describes what is wrong with `value` as a bundle header's residency policy, or returns undefined if it is one. */
export function residencyProblem(value: unknown): string | undefined {
  const parsed = residencyPolicySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
    return `residency${where}: ${(issue?.message ?? 'not a residency policy').slice(0, 200)}`;
  }
  // The schema's only normalisation is trimming a basis; anything it changed was not written as the schema writes it.
  if (canonicalJson(parsed.data) !== canonicalJson(value)) return 'residency attestation basis has leading or trailing white space';
  return undefined;
}
