/**
 * The locality part of main's handler table. Every argument is validated
 * here; policies and target settings are validated again, strictly, by the
 * guard's own schemas, which refuse anything they do not understand.
 */
import { z } from 'zod';
import type { HandlerTable } from '../ipc/handler-table.ts';
import { auditReport } from './audit-report.ts';
import type { LocalityService } from './locality-service.ts';
import { residencyPolicySchema, targetLocationInputSchema } from './policy.ts';
import { newTargetSchema } from './target-registry.ts';
import { isoCountrySchema } from './data-schema.ts';
import type { NewTargetWire, PolicyWire, TargetLocationWire } from '../../src-preload/contract/locality-types.ts';

type LocalityChannels = Extract<keyof HandlerTable, `locality:${string}`>;

const noArgs = z.tuple([]);
const clientId = z.string().min(1).max(128).regex(/^[^|\p{Cc}]+$/u, 'must be a record id');
const targetId = z.uuid({ message: 'must be a target id' });
const publicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a 32-byte key in base64');
// The schemas' outputs equal the wire types; zod cannot see readonly-vs-mutable arrays.
const policy = residencyPolicySchema as unknown as z.ZodType<PolicyWire>;
const location = targetLocationInputSchema as unknown as z.ZodType<TargetLocationWire>;
const newTarget = newTargetSchema as unknown as z.ZodType<NewTargetWire>;

export interface LocalityHooks {
  /** After a target is removed (sync forgets its credentials). */
  targetRemoved?: (targetId: string) => Promise<void>;
}

export function localityHandlers(locality: LocalityService, hooks: LocalityHooks = {}): Pick<HandlerTable, LocalityChannels> {
  return {
    'locality:open': {
      args: z.tuple([z.uuid(), publicKey, z.array(z.strictObject({ clientId, policy })).max(100_000)]),
      handle: ([vaultId, key, policies]) => locality.open(vaultId, key, policies),
    },
    'locality:close': { args: noArgs, handle: () => locality.close() },
    'locality:previewPolicy': { args: z.tuple([clientId, policy]), handle: ([id, p]) => locality.preview(id, p) },
    'locality:setPolicy': { args: z.tuple([clientId, policy, z.boolean()]), handle: ([id, p, confirmed]) => locality.setPolicy(id, p, confirmed) },
    'locality:recordClientAction': {
      args: z.tuple([z.enum(['client-exported', 'client-erased']), clientId]),
      handle: ([kind, id]) => locality.guard.recordClientAction(kind, id),
    },
    'locality:travelPlan': {
      args: z.tuple([isoCountrySchema, z.array(clientId).max(100_000)]),
      handle: ([country, safe]) => locality.guard.travelPlan(country, safe),
    },
    'locality:recordTravel': {
      args: z.tuple([z.enum(['start', 'end', 'removed', 'restored']), isoCountrySchema.nullable(), clientId.nullable()]),
      handle: ([event, country, id]) => locality.guard.recordTravel(event, country, id),
    },
    'locality:targets': { args: noArgs, handle: () => locality.listTargets() },
    'locality:addTarget': { args: z.tuple([newTarget]), handle: ([target]) => locality.addTarget(target) },
    'locality:removeTarget': {
      args: z.tuple([targetId]),
      handle: async ([id]) => {
        await locality.removeTarget(id);
        await hooks.targetRemoved?.(id);
      },
    },
    'locality:resolve': { args: z.tuple([location]), handle: ([l]) => locality.resolve(l) },
    'locality:regions': { args: noArgs, handle: () => locality.regionChoices() },
    'locality:placement': {
      args: z.tuple([z.array(z.strictObject({ id: clientId, label: z.string().max(400).optional() })).max(100_000)]),
      handle: ([clients]) => locality.placement(clients),
    },
    'locality:audit': { args: noArgs, handle: () => locality.auditLines() },
    'locality:verifyAudit': {
      args: z.tuple([
        z.array(z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(64), entry: z.unknown() })).max(1_000_000),
        z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
        z.strictObject({ clients: z.record(z.string().max(128), z.string().max(400)), targets: z.record(z.string().max(128), z.string().max(400)) }),
      ]),
      handle: ([lines, anchor, names]) => auditReport(lines, anchor, names),
    },
    'locality:data': { args: noArgs, handle: () => locality.dataSummary() },
    'locality:importData': { args: z.tuple([z.string().min(1).max(5 * 1024 * 1024)]), handle: ([text]) => locality.importData(text) },
  };
}
