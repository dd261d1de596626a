/** What is wrong with a residency policy, in the words of the form's residency field (main's refusal names a schema path instead). */
import { residencyPolicySchema, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';

/** What is wrong with a policy, in the words of the residency field; main's answer names a schema path instead. */
export function policyProblem(policy: ResidencyPolicy): string {
  const parsed = residencyPolicySchema.safeParse(policy);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const [field, index] = issue?.path ?? [];
  if (field === 'countries' && policy.kind === 'countries') {
    const code = typeof index === 'number' ? policy.countries[index] : undefined;
    return code !== undefined
      ? `Allowed countries: “${code.slice(0, 16)}” is not a country Caravan knows. Choose the countries from the list, then save again.`
      : 'Allowed countries: list each country once, and at least one (or choose “This device only”), then save again.';
  }
  if (field === 'zone') return 'Residency: that zone is not one Caravan knows. Choose a zone from the list, then save again.';
  if (field === 'attestations') return 'Residency: an attestation could not be read. Say what you checked for each conditional country, then save again.';
  return 'The residency policy could not be read. Choose it again, then save.';
}
