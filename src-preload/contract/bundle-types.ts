/** What crosses the IPC boundary for project bundles: encrypted bytes, ids and decisions; never a record in clear. */
import type { PolicyWire } from './locality-types.ts';

/** A bundle the renderer encoded, for main to check against the guard and write where the person chooses. */
export interface BundleSaveRequest {
  clientId: string;
  /** The client's display name, used in a refusal's reason only (never logged). */
  clientLabel: string | null;
  suggestedName: string;
  /** The `.caravan` file, base64. */
  bytesBase64: string;
}

export type BundleSaveResult = { saved: true; path: string } | { saved: false };

/** The guard's answer, worded for a person. */
export interface BundleDecision {
  allowed: boolean;
  reason: string;
}

/** Where the person is, as the renderer's travel mode knows it. */
export interface BundleImportPlace {
  /** The country travel mode declares, or null when travel mode is off. */
  country: string | null;
  safeForTravel: boolean;
}

/** A bundle import the guard is asked about: the client (from the decrypted content) and the header's policy. */
export interface BundleImportRequest {
  clientId: string;
  clientLabel: string | null;
  policy: PolicyWire;
  place: BundleImportPlace;
}

/** A file the person picked to import, or null when they cancelled. */
export type OpenedBundleFile = { name: string; bytesBase64: string } | null;
