/** Data of the locality guard that crosses the IPC boundary: ids, codes and reasons; never a client's records. */

export type ZoneId = 'EU' | 'EEA' | 'EEA+adequacy';

/** A recorded basis for sending data to a conditionally adequate country (US under the DPF, CA, JP). */
export interface Attestation {
  country: string;
  basis: string;
  recordedAt: number;
}

export type PolicyWire =
  | { kind: 'device-only' }
  | { kind: 'zone'; zone: ZoneId; attestations?: Attestation[] }
  | { kind: 'countries'; countries: string[]; attestations?: Attestation[] };

/** What main keeps of a client while the vault is open: its id and policy, never its name. */
export interface ClientPolicy {
  clientId: string;
  policy: PolicyWire;
}

export type TargetKindWire = 'folder' | 'webdav' | 's3';
export type ProviderWire = 'aws' | 'wasabi' | 'hetzner' | 'scaleway' | 'backblaze' | 'r2' | 'minio' | 'custom-s3' | 'webdav' | 'folder';

export interface TargetLocationWire {
  provider: ProviderWire;
  region?: string;
  r2Jurisdiction?: string;
  r2LocationHint?: string;
  declaredCountry?: string;
}

export interface NewTargetWire {
  label: string;
  kind: TargetKindWire;
  location: TargetLocationWire;
  endpoint?: string;
  bucket?: string;
  path?: string;
}

export type GuaranteeWire = 'jurisdiction' | 'region' | 'declared' | 'best-effort' | 'unknown';

/** Where a target keeps data as far as Caravan can tell, in words and as codes. */
export interface ResolvedLocation {
  description: string;
  guarantee: GuaranteeWire;
  country?: string;
  zone?: 'EU';
}

export interface TargetView extends NewTargetWire {
  id: string;
  createdAt: number;
  resolved: ResolvedLocation;
  /** Partitions (client ids or `workspace`) with data on this target. */
  holds: string[];
}

export interface TargetList {
  targets: TargetView[];
  /** Said when the saved list could not be read. */
  problem?: string;
}

/** One decision of the guard, for a person. */
export interface PlacementDecision {
  targetId: string;
  allowed: boolean;
  code: string;
  reason: string;
  /** The target already holds this client's data. */
  holds: boolean;
}

/** "Where is my data" for one client. */
export interface ClientPlacement {
  clientId: string;
  /** False when main has no policy for this client (the vault is not open, or the client is new): nothing is sent. */
  known: boolean;
  decisions: PlacementDecision[];
}

export interface PolicyPreview {
  /** `new`: the client had no policy yet. `weaker` needs the person's explicit confirmation. */
  change: 'new' | 'same' | 'stronger' | 'weaker';
  /** Countries the new policy opens, and those it closes. */
  added: string[];
  removed: string[];
  /** Targets that hold this client's data and that the new policy no longer allows. */
  heldOnDisallowed: string[];
}

export interface SealedAuditLineWire {
  seq: number;
  hash: string;
  box: string;
}

export interface AuditLines {
  lines: (SealedAuditLineWire | { invalid: string })[];
}

export interface LocalityDataPart {
  asOf: string;
  sources: { title: string; url?: string }[];
  imported: boolean;
}

export interface LocalityDataSummary {
  zones: LocalityDataPart;
  regions: LocalityDataPart;
  problem?: string;
}

/** Regions the pickers offer, from the data in use. */
export interface RegionChoices {
  providers: { id: ProviderWire; name: string; regions: { code: string; place?: string; country: string; confirmed: boolean }[] }[];
  r2Jurisdictions: { code: string; label: string }[];
  r2LocationHints: { code: string; label: string }[];
}

/** An audit line after the renderer opened it: `entry` is the decrypted JSON, or null if the box did not open. */
export interface OpenedAuditLine {
  seq: number;
  hash: string;
  entry: unknown;
}

export interface AuditAnchorWire {
  seq: number;
  hash: string;
}

/** Names the audit view shows in place of ids; kept by main only for the call. */
export interface AuditNamesWire {
  clients: Record<string, string>;
  targets: Record<string, string>;
}

export interface AuditRow {
  seq: number;
  at: number;
  kind: string;
  clientId?: string;
  text: string;
}

export interface AuditReport {
  ok: boolean;
  count: number;
  head: AuditAnchorWire | null;
  /** The first place the log stops being the chain it claims to be. */
  problem?: { seq: number; message: string };
  /** Readable entries up to the first problem, oldest first. */
  rows: AuditRow[];
}

/** A target's credentials, sent once from the add-target form; main keeps them (safeStorage where it is secure). */
export type TargetCredentials =
  | { kind: 's3'; accessKeyId: string; secretAccessKey: string }
  | { kind: 'webdav'; username: string; password: string };

export type CredentialsSaved = { persisted: true } | { persisted: false; reason: string };

export interface StoredObjectWire {
  key: string;
  size: number;
  /** The store's modification time, epoch ms, when it gives one (S3, WebDAV: the server's clock; a folder: the file's mtime). */
  modified?: number;
}
