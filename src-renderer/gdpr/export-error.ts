/** Why a client export was refused. Nothing is produced when one is thrown: no partial export. */

/** Every way {@link exportClientData} can refuse. */
export type ExportErrorCode =
  /** A record belongs to another client, or to a project that is not one of this client's. */
  | 'foreign-record'
  /** A record names a phase or experiment that was not passed in, so the export would be incomplete. */
  | 'missing-reference'
  /** Two records of one kind share an id; the output order would depend on the input order. */
  | 'duplicate-id'
  /** `exportedAt` is not a valid instant. */
  | 'invalid-input';

/** The record kinds an export holds, as named in messages. */
export type ExportRecordKind = 'client' | 'project' | 'phase' | 'time block' | 'experiment' | 'expense' | 'kill switch' | 'invoice';

/** A refusal from the export; `message` names ids only, never record content, and is safe to show. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  readonly code: ExportErrorCode;
  /** The record that caused the refusal, when there is one. */
  readonly recordKind: ExportRecordKind | undefined;
  readonly recordId: string | undefined;

  constructor(code: ExportErrorCode, message: string, record?: { kind: ExportRecordKind; id: string }) {
    super(message);
    this.code = code;
    this.recordKind = record?.kind;
    this.recordId = record?.id;
  }
}
