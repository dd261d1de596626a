/**
 * What saving a file asks of locality (`files/save-text.ts`): which of the clients in it are kept
 * on this device only (the person must be told first), and the record that such a client's data
 * went into a file, written before the file is. Refused while the vault is locked.
 */
import type { ExportKind } from '../../src-preload/contract/files.ts';
import type { ExportGuard } from '../files/save-text.ts';
import type { EgressGuard } from './egress-guard.ts';
import type { LocalityAudit } from './locality-audit.ts';

export class ExportGate implements ExportGuard {
  readonly #guard: EgressGuard;
  readonly #audit: LocalityAudit;

  constructor(guard: EgressGuard, audit: LocalityAudit) {
    this.#guard = guard;
    this.#audit = audit;
  }

  deviceOnlyAmong(clientIds: readonly string[]): string[] {
    return this.#guard.deviceOnlyAmong(clientIds);
  }

  deviceOnlyExported(clientId: string, kind: ExportKind): Promise<void> {
    return this.#audit.deviceOnlyExported(clientId, kind);
  }
}
