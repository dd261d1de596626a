/**
 * What main says to the person about a policy change, in its own dialog and in its refusals. The
 * countries come from main's own comparison (`comparePolicies`), never from the renderer; the
 * client's name is the renderer's label, shown beside the client's short id, and used only here.
 */
import type { Attestation, ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { ConfirmRequest } from '../confirm/confirm.ts';
import { countryName } from './locality-data.ts';

/** "United Kingdom (GB), Switzerland (CH)". */
export function countryList(codes: readonly string[]): string {
  return codes.map((c) => `${countryName(c)} (${c})`).join(', ');
}

/** "1 more country", "3 more countries". */
function moreCountries(n: number): string {
  return `${n} more ${n === 1 ? 'country' : 'countries'}`;
}

/** A policy in words: "the EEA", "only Germany (DE), France (FR)", "this device only". */
export function describePolicy(policy: ResidencyPolicy | undefined): string {
  if (!policy) return 'no policy yet';
  if (policy.kind === 'device-only') return 'this device only';
  if (policy.kind === 'countries') return `only ${countryList(policy.countries)}`;
  if (policy.zone === 'EEA+adequacy') return 'the EEA and countries with an EU adequacy decision';
  return `the ${policy.zone}`;
}

function clientWords(clientId: string, label: string | undefined): string {
  return label ? `“${label}” (client ${clientId.slice(0, 8)})` : `client ${clientId.slice(0, 8)}`;
}

export interface Weakening {
  clientId: string;
  label?: string;
  from: ResidencyPolicy | undefined;
  to: ResidencyPolicy;
  added: readonly string[];
  removed: readonly string[];
  /** Attestations the new policy records that the old one did not have. */
  attestations: readonly Attestation[];
  /** Set when the change was made elsewhere (by sync, a bundle) and waits here. */
  arrived?: { device?: string };
}

/** Main's question before a weaker policy applies: the countries it opens, by name, and where the change came from. */
export function weakeningQuestion(w: Weakening): ConfirmRequest {
  const lines = [
    `Client: ${clientWords(w.clientId, w.label)}`,
    `In force: ${describePolicy(w.from)}`,
    `New: ${describePolicy(w.to)}`,
    `Newly allowed (${w.added.length}): ${countryList(w.added)}`,
    ...(w.removed.length > 0 ? [`No longer allowed (${w.removed.length}): ${countryList(w.removed)}`] : []),
    ...w.attestations.map((a) => `Attestation for ${countryName(a.country)} (${a.country}): “${a.basis}”`),
    ...(w.arrived
      ? [
          `This change was made elsewhere${w.arrived.device ? ` (device ${w.arrived.device.slice(0, 8)})` : ''}; nothing of this client leaves this device until you allow it here.`,
        ]
      : []),
    'Check that the client agreed. Your answer is recorded in the audit log.',
  ];
  return {
    title: 'Allow this client’s data to go further?',
    message: `Let ${w.label ? `“${w.label}”` : 'this client'}’s data go to ${moreCountries(w.added.length)}?`,
    detail: lines.join('\n'),
    confirmLabel: 'Allow',
  };
}

function shortList(codes: readonly string[]): string {
  return `${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ', ...' : ''}`;
}

/** A weakening sent without asking for main's question. */
export function unaskedWeakening(added: readonly string[]): string {
  return `This change allows data to go to ${moreCountries(added.length)} (${shortList(added)}), which only you can allow, in Caravan’s own question; nothing changed. Save it from the client’s form and confirm it to apply.`;
}

/** The person said no in main's dialog. */
export function declinedWeakening(w: Pick<Weakening, 'clientId' | 'label' | 'from' | 'added'>): string {
  return `You did not allow ${clientWords(w.clientId, w.label)} to send data to ${shortList(w.added)}, so nothing changed: the policy in force is still ${describePolicy(w.from)}.`;
}
