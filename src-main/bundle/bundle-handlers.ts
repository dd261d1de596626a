/**
 * The bundle part of main's handler table. Main never sees a bundle's content in clear: the
 * renderer encodes and decodes. What main adds is the chokepoint: a bundle reaches the disk only
 * through `bundle:save`, which asks the locality guard first (a device-only client is refused,
 * with the reason) and audits the export; an import is decided against where the person is and
 * audited.
 */
import type { HandlerTable } from '../ipc/handler-table.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { bundleFileName } from '../files/export-names.ts';
import { writeChosenFile, type SaveDialog } from '../files/save-text.ts';
import { openChosenFile, type OpenDialog } from '../files/open-file.ts';
import type { BundleGate } from '../locality/bundle-gate.ts';
import type { CheckResult } from '../locality/check.ts';
import { MAX_BUNDLE_BYTES } from '../../src-preload/contract/bundle.ts';

type BundleChannels = Extract<keyof HandlerTable, `bundle:${string}`>;

const FILTERS = [{ name: 'Caravan bundle', extensions: ['caravan'] }];

export interface BundleDeps {
  /** Locality's decisions on bundles, with their records. */
  gate: BundleGate;
  saveDialog: SaveDialog;
  openDialog: OpenDialog;
  /** Main's clock: the date in the bundle's file name. */
  now: () => number;
}

export function bundleHandlers({ gate, saveDialog, openDialog, now }: BundleDeps): Pick<HandlerTable, BundleChannels> {
  return {
    'bundle:checkExport': {
      handle: ([id, name]) => {
        const { allowed, reason } = gate.exportDecision(id, name ?? undefined);
        return { allowed, reason };
      },
    },
    'bundle:save': {
      handle: async ([request]) => {
        const label = request.clientLabel ?? undefined;
        // Asked before the dialog so a refusal comes at once (recorded before it is returned).
        const early = await gate.decideExport(request.clientId, label);
        if (!early.allowed) throw new UserFacingError('refused', early.reason);
        const path = await saveDialog.chooseSavePath({ suggestedName: bundleFileName(request.variant, now()), filters: FILTERS });
        if (!path) return { saved: false };
        // Asked again: the dialog may stay open for minutes, during which the vault can lock or sync
        // can narrow the client's policy. The export is recorded before the file exists, so a failed
        // write leaves an entry that says more went out, never less.
        const decision = await decideAfterDialog(gate, request.clientId, label);
        await gate.exported(request.clientId, decision);
        await writeChosenFile(path, new Uint8Array(Buffer.from(request.bytesBase64, 'base64')));
        return { saved: true, path };
      },
    },
    'bundle:open': {
      handle: async () => {
        const file = await openChosenFile(openDialog, { title: 'Import a Caravan bundle', filters: FILTERS }, MAX_BUNDLE_BYTES);
        return file && { name: file.name, bytesBase64: Buffer.from(file.bytes).toString('base64') };
      },
    },
    'bundle:checkImport': {
      handle: async ([r]) => {
        const { allowed, reason } = await gate.decideImport(r.clientId, r.policy, r.place, r.clientLabel ?? undefined);
        return { allowed, reason };
      },
    },
    'bundle:recordImport': {
      handle: ([r]) => gate.recordImport(r.clientId, r.policy, r.place, r.clientLabel ?? undefined),
    },
  };
}

/** The decision at the moment of writing; a refusal (recorded by the gate) or a lock throws, with nothing written. */
async function decideAfterDialog(gate: BundleGate, clientId: string, label: string | undefined): Promise<CheckResult> {
  if (!gate.isOpen)
    throw new UserFacingError('refused', 'Nothing was saved: the vault locked while you chose where to save the bundle. Unlock it and export again.');
  const decision = await gate.decideExport(clientId, label);
  if (!decision.allowed) throw new UserFacingError('refused', `Nothing was saved: ${decision.reason}`);
  return decision;
}
