/**
 * The one decision every egress goes through: may this operation send this
 * client's data to this location? Pure and total: inputs are `unknown`,
 * anything not understood is a deny with a reason, and so is any throw.
 *
 * Rules, in order (fail closed at every step):
 * 1. An unknown operation, an unreadable policy or an unreadable location: deny.
 * 2. `device-only`: deny every egress, whatever the target.
 * 3. `unknown` or `best-effort` location: deny (a hint or a guess is not a place).
 * 4. Every country the location may be in must satisfy the policy (an R2 `eu`
 *    jurisdiction may be any EU country, so all of them must).
 *    - `EU` / `EEA`: membership only; adequacy never counts.
 *    - `EEA+adequacy`: the EEA, plus full adequacy decisions in force at `now`,
 *      plus conditional ones (CA, JP, US today) only with a recorded
 *      attestation for that country: a storage region cannot prove that the
 *      provider is e.g. DPF-certified, so the user has to say so.
 *    - a country list: exactly the listed countries (the client's
 *      instruction), and a listed conditional country still needs an attestation.
 *    An `unconfirmed` fact in the data never counts.
 * 5. A `declared` location is allowed when the declared country satisfies the
 *    policy, and the reason says it rests on the user's declaration.
 * The operation does not change the rule (an export to a folder and a sync
 * upload leave the device alike); it only names the action in the reason.
 */
import type { AllowCode, AuditReason, DenyCode, ReasonParams } from './audit-reason.ts';
import { adequacyFor, builtInLocalityData, countryName, zoneMembers, type LocalityData } from './locality-data.ts';
import { locationSchema, operationSchema, policySummary, type Location, type Operation } from './policy.ts';
import { residencyPolicySchema, type Attestation, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';

/** What the check decides with; tests pin both. */
export interface CheckContext {
  /** Zones and regions; the built-in data by default. */
  data?: LocalityData;
  /** Epoch ms used to tell whether an adequacy decision is in force; `Date.now()` by default. */
  now?: number;
}

/** A decision. `reason` is for people; `audit` is the id-only record for the audit log. */
export type CheckResult =
  { allowed: true; code: AllowCode; reason: string; audit: AuditReason } | { allowed: false; code: DenyCode; reason: string; audit: AuditReason };

const OPERATION_TEXT: Readonly<Record<Operation, string>> = {
  'sync-upload': 'Sync upload',
  'bundle-export': 'Bundle export',
  'bundle-import': 'Bundle import',
  request: 'Request',
};

type Verdict = { ok: true; attestation?: Attestation } | { ok: false; why: 'outside' | 'not-in-force' | 'needs-attestation'; scopeText?: string };

type Policy = Exclude<ResidencyPolicy, { kind: 'device-only' }>;

/** Epoch ms of the start of a fact date, or of the day after it when `end` (dates are inclusive). */
function dateMs(date: string, end: boolean): number {
  const [y = 0, m = 1, d] = date.split('-').map(Number);
  if (!end) return Date.UTC(y, m - 1, d ?? 1);
  return d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
}

function judge(country: string, policy: Policy, data: LocalityData, now: number): Verdict {
  const attestation = policy.attestations?.find((a) => a.country === country);
  if (policy.kind === 'zone' && policy.zone !== 'EEA+adequacy') {
    return zoneMembers(data, policy.zone).has(country) ? { ok: true } : { ok: false, why: 'outside' };
  }
  const adequacy = adequacyFor(data, country);
  const conditional = adequacy?.scope === 'conditional' && adequacy.confidence === 'confirmed';
  if (policy.kind === 'countries') {
    if (!policy.countries.includes(country)) return { ok: false, why: 'outside' };
    if (!conditional) return { ok: true };
    return attestation ? { ok: true, attestation } : { ok: false, why: 'needs-attestation', scopeText: adequacy.scopeText };
  }
  if (zoneMembers(data, 'EEA').has(country)) return { ok: true };
  if (!adequacy || adequacy.confidence !== 'confirmed') return { ok: false, why: 'outside' };
  const inForce = (!adequacy.since || dateMs(adequacy.since, false) <= now) && (!adequacy.validUntil || now < dateMs(adequacy.validUntil, true));
  if (!inForce) return { ok: false, why: 'not-in-force' };
  if (adequacy.scope === 'full') return { ok: true };
  return attestation ? { ok: true, attestation } : { ok: false, why: 'needs-attestation', scopeText: adequacy.scopeText };
}

function requirement(who: string, policy: Policy): string {
  if (policy.kind === 'countries') return `${who} allows only ${policy.countries.join(', ')}`;
  if (policy.zone === 'EEA+adequacy') return `${who} requires the EEA or a country with an EU adequacy decision`;
  return `${who} requires the ${policy.zone}`;
}

function outsideText(policy: Policy, location: Location): string {
  if (location.zone) return `, and not every ${location.zone} country is allowed`;
  if (policy.kind === 'countries') return `, which is not on the client's list`;
  return policy.zone === 'EEA+adequacy' ? ', which has no EU adequacy decision' : `, outside the ${policy.zone}`;
}

// Control characters a label may carry (a newline, an escape) that must not reach a reason.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** How a reason names a client: by the label the caller gave, cleaned and cut, else "this client". */
export function clientWords(clientLabel: unknown): string {
  const text = typeof clientLabel === 'string' ? clientLabel.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, 80) : '';
  return text ? `client ${text}` : 'this client';
}

function decide(policyIn: unknown, locationIn: unknown, operationIn: unknown, clientLabel: unknown, ctx: CheckContext): CheckResult {
  const who = clientWords(clientLabel);
  const op = operationSchema.safeParse(operationIn);
  const deny = (code: DenyCode, reason: string, params: ReasonParams = {}): CheckResult => ({
    allowed: false,
    code,
    reason,
    audit: { code, params: op.success ? { operation: op.data, ...params } : params },
  });
  if (!op.success) {
    return deny('invalid-operation', `Blocked: Caravan does not know this kind of transfer, so nothing was sent for ${who}.`);
  }
  const verb = OPERATION_TEXT[op.data];
  const parsedPolicy = residencyPolicySchema.safeParse(policyIn);
  if (!parsedPolicy.success) {
    return deny(
      'invalid-policy',
      `${verb} blocked: ${who} has no readable residency policy. Set one in the client's settings before anything leaves this device.`,
    );
  }
  const policy = parsedPolicy.data;
  const policyParam = { policy: policySummary(policy) };
  if (policy.kind === 'device-only') {
    return deny('device-only', `${verb} blocked: ${who} is device-only, so its data never leaves this device.`, policyParam);
  }
  const parsedLocation = locationSchema.safeParse(locationIn);
  if (!parsedLocation.success) {
    return deny('invalid-location', `${verb} blocked: the target's location could not be read. Check the target's settings.`, policyParam);
  }
  const location = parsedLocation.data;
  const { country, zone, guarantee, provider, code } = location;
  const params: ReasonParams = {
    ...policyParam,
    guarantee,
    ...(country ? { country } : {}),
    ...(zone ? { zone } : {}),
    ...(provider ? { provider } : {}),
    ...(code ? { code } : {}),
  };
  const required = requirement(who, policy);
  if (guarantee === 'unknown') {
    return deny('unknown-location', `${verb} blocked: ${required}; ${location.description}.`, params);
  }
  if (guarantee === 'best-effort') {
    return deny('best-effort-location', `${verb} blocked: ${required}; ${location.description}.`, params);
  }
  const data = ctx.data ?? builtInLocalityData();
  const now = ctx.now ?? Date.now();
  const candidates = country ? [country] : zone ? [...zoneMembers(data, zone)] : [];
  if (candidates.length === 0) {
    return deny('invalid-location', `${verb} blocked: ${location.description}, which names no country.`, params);
  }
  const verdicts = candidates.map((c) => ({ c, v: judge(c, policy, data, now) }));
  const failed = verdicts.find((x) => !x.v.ok && x.v.why !== 'needs-attestation') ?? verdicts.find((x) => !x.v.ok);
  if (failed && !failed.v.ok) {
    if (failed.v.why === 'needs-attestation') {
      const scope = failed.v.scopeText ? ` covers ${failed.v.scopeText}` : ' is conditional';
      return deny(
        'needs-attestation',
        `${verb} blocked: ${required}; ${location.description}. The EU adequacy decision for ${failed.c} (${countryName(failed.c)})${scope}, which a storage region cannot prove: record an attestation for ${failed.c} in the client's policy to allow it.`,
        params,
      );
    }
    const tail =
      failed.v.why === 'not-in-force' ? `, and the EU adequacy decision for ${failed.c} is not in force at this date` : outsideText(policy, location);
    return deny('outside-policy', `${verb} blocked: ${required}; ${location.description}${tail}.`, params);
  }
  const attestation = verdicts.map((x) => (x.v.ok ? x.v.attestation : undefined)).find(Boolean);
  const allowCode: AllowCode = guarantee === 'declared' ? 'within-policy-declared' : attestation ? 'within-policy-attested' : 'within-policy';
  const how = guarantee === 'declared' ? ' on your declaration' : '';
  const because = attestation ? ` Allowed on your attestation: "${attestation.basis.replace(/[.\s]+$/, '')}".` : '';
  return {
    allowed: true,
    code: allowCode,
    reason: `${verb} allowed${how}: ${required}; ${location.description}.${because}`,
    audit: { code: allowCode, params: { operation: op.data, ...params } },
  };
}

/**
 * Decides one egress. `clientLabel` is the client's display name, used in the
 * reason only (the `audit` part holds codes, never the name).
 */
export function check(policy: unknown, location: unknown, operation: unknown, clientLabel: unknown, ctx: CheckContext = {}): CheckResult {
  try {
    return decide(policy, location, operation, clientLabel, ctx);
  } catch {
    // Total by construction: a bug or a hostile getter still yields a deny, never a throw or an allow.
    return {
      allowed: false,
      code: 'internal-error',
      reason: 'Blocked: the locality check failed unexpectedly, so nothing was sent. Try again; if it keeps failing, restart Caravan.',
      audit: { code: 'internal-error', params: {} },
    };
  }
}
