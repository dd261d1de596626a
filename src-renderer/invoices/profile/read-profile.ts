/**
 * The business profile as stored (any JSON in the setting `business.profile`) read with its schema,
 * for the screens and for the lifecycle's checks before issuing. A value this version cannot read
 * (written by a newer one, damaged) is said as such, never taken for "no profile". Pure.
 */
import { type BusinessProfile, businessProfileSchema } from '../../domain/business-profile.ts';

export type StoredProfile = { kind: 'none' } | { kind: 'ready'; profile: BusinessProfile } | { kind: 'unreadable'; message: string };

/** A stored value as a profile. */
export function profileState(value: unknown): StoredProfile {
  if (value === undefined || value === null) return { kind: 'none' };
  const parsed = businessProfileSchema.safeParse(value);
  return parsed.success
    ? { kind: 'ready', profile: parsed.data }
    : { kind: 'unreadable', message: 'Your stored business profile could not be read (a newer version of Caravan may have written it).' };
}

/** Why there is no usable profile, in words that say where to fix it. */
export function profileProblem(state: Exclude<StoredProfile, { kind: 'ready' }>): string {
  return state.kind === 'none'
    ? 'Business profile: there is none yet. Fill it in under Settings (your legal name, address, VAT and payment details go on every invoice).'
    : 'Business profile: it could not be read (a newer version of Caravan may have written it, or it is damaged). Open it under Settings, check it and save it again.';
}
