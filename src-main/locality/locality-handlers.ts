/**
 * The locality part of main's handler table. Arguments arrive validated by the
 * contract's schemas (the same ones the renderer's forms use); the policy book
 * and the registry start from those schemas and refuse anything else they do not
 * understand.
 */
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { NewTarget, TargetView } from '../../src-preload/contract/target.ts';
import { auditReport } from './audit-report.ts';
import type { ClientGate } from './client-gate.ts';
import type { LocalityService } from './locality-service.ts';

type LocalityChannels = Extract<keyof HandlerTable, `locality:${string}`>;

export interface LocalityHooks {
  /** Adds a target the renderer proposes, once the person confirms it in main's dialog (`target-admission.ts`). */
  addTarget: (target: NewTarget) => Promise<TargetView>;
  /** After a target is removed (sync forgets its credentials). */
  targetRemoved?: (targetId: string) => Promise<void>;
}

export function localityHandlers(locality: LocalityService, clients: ClientGate, hooks: LocalityHooks): Pick<HandlerTable, LocalityChannels> {
  return {
    'locality:open': { handle: ([vaultId, key, policies, source]) => locality.open(vaultId, key, policies, source) },
    'locality:close': { handle: () => locality.close() },
    'locality:previewPolicy': { handle: ([id, p]) => locality.preview(id, p) },
    // `ask` only requests main's own question; the answer is the person's, in main's dialog.
    'locality:setPolicy': { handle: ([id, p, ask, label]) => locality.setPolicy(id, p, ask, label) },
    'locality:recordClientAction': { handle: ([kind, id]) => clients.recordClientAction(kind, id) },
    'locality:travelPlan': { handle: ([country, safe]) => clients.travelPlan(country, safe) },
    'locality:recordTravel': { handle: ([event, country, id]) => clients.recordTravel(event, country, id) },
    'locality:targets': { handle: () => locality.listTargets() },
    'locality:addTarget': { handle: ([target]) => hooks.addTarget(target) },
    'locality:removeTarget': {
      handle: async ([id]) => {
        await locality.removeTarget(id);
        await hooks.targetRemoved?.(id);
      },
    },
    'locality:resolve': { handle: ([l, endpoint]) => locality.resolve(l, endpoint) },
    'locality:previewPlacement': { handle: ([l, endpoint, clients]) => locality.previewPlacement(l, endpoint ?? undefined, clients) },
    'locality:regions': { handle: () => locality.regionChoices() },
    'locality:placement': { handle: ([clients]) => locality.placement(clients) },
    'locality:audit': { handle: () => locality.auditLines() },
    'locality:verifyAudit': { handle: ([lines, anchor, names, start]) => auditReport(lines, anchor, names, start ?? null) },
    'locality:data': { handle: () => locality.dataSummary() },
    'locality:importData': { handle: ([text]) => locality.importData(text) },
  };
}
