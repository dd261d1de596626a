/**
 * What the locality guard decides for a project bundle, pure like `check`.
 *
 * Export: a bundle is one encrypted file the person carries away, so there is no target location
 * to test. It is allowed for every client whose policy lets data leave the device at all, because
 * the file carries the policy in its header and Caravan's import enforces it; a device-only client
 * (or one without a readable policy) is refused, as for any other egress.
 *
 * Import: the data arrives on this device, and this device is where the person is. While travel
 * mode is on, that is the declared country, tested with `check` exactly as a trip tests each
 * client (a client marked safe for travel is exempt, as on a trip); with travel mode off, the
 * device is where the person normally works and any policy but device-only is allowed. A
 * device-only client's data must never have left its device, so such a bundle is refused.
 */
import { check, clientWords, type CheckContext, type CheckResult } from './check.ts';
import { countryName } from './locality-data.ts';
import { policySummary } from './policy.ts';
import { residencyPolicySchema } from '../../src-preload/contract/residency.ts';

export function bundleExportDecision(policyIn: unknown, clientLabel?: string, ctx: CheckContext = {}): CheckResult {
  const parsed = residencyPolicySchema.safeParse(policyIn);
  if (!parsed.success || parsed.data.kind === 'device-only') {
    // `check` words the refusal (device-only, unreadable policy) like every other egress.
    return check(parsed.success ? parsed.data : null, null, 'bundle-export', clientLabel, ctx);
  }
  const policy = policySummary(parsed.data);
  return {
    allowed: true,
    code: 'bundle-carries-policy',
    reason: `Bundle export allowed: the file is encrypted and its header carries the residency policy of ${clientWords(clientLabel)}, which Caravan enforces wherever it is imported.`,
    audit: { code: 'bundle-carries-policy', params: { operation: 'bundle-export', policy } },
  };
}

export interface ImportPlace {
  /** The country travel mode declares, or null when travel mode is off. */
  country: string | null;
  /** The client is marked safe for travel (in the bundle, or already in this vault). */
  safeForTravel: boolean;
}

export function bundleImportDecision(policyIn: unknown, place: ImportPlace, clientLabel?: string, ctx: CheckContext = {}): CheckResult {
  const parsed = residencyPolicySchema.safeParse(policyIn);
  if (!parsed.success) return check(null, null, 'bundle-import', clientLabel, ctx);
  const policy = parsed.data;
  if (policy.kind === 'device-only') {
    return {
      allowed: false,
      code: 'device-only',
      reason: `Bundle import blocked: ${clientWords(clientLabel)} is device-only, so its data must stay on the device where it was made. Nothing was imported; ask the sender to change the client's policy and export again.`,
      audit: { code: 'device-only', params: { operation: 'bundle-import', policy: 'device-only' } },
    };
  }
  const params = { operation: 'bundle-import' as const, policy: policySummary(policy) };
  if (place.country === null) {
    return {
      allowed: true,
      code: 'not-travelling',
      reason: 'Bundle import allowed: travel mode is off, so this device is where you work.',
      audit: { code: 'not-travelling', params },
    };
  }
  const country = place.country;
  if (place.safeForTravel) {
    return {
      allowed: true,
      code: 'safe-for-travel',
      reason: `Bundle import allowed: ${clientWords(clientLabel)} is marked safe for travel, so being in ${countryName(country)} does not exclude it.`,
      audit: { code: 'safe-for-travel', params: { ...params, country } },
    };
  }
  const here = { country, guarantee: 'declared', description: `you are in ${countryName(country)} (${country}), as travel mode says` };
  return check(policy, here, 'bundle-import', clientLabel, ctx);
}
