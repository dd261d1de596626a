/** The sync part of main's handler table: validated arguments, then the guarded SyncService. */
import { z } from 'zod';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { NewTargetWire, StoredObjectWire, TargetCredentials } from '../../src-preload/contract/locality-types.ts';
import { newTargetSchema } from '../locality/target-registry.ts';
import { credentialsSchema } from './credential-store.ts';
import type { SyncService } from './sync-service.ts';
import type { StoredObject } from './transport.ts';

type SyncChannels = Extract<keyof HandlerTable, `sync:${string}`>;

const targetId = z.uuid({ message: 'must be a target id' });
const key = z.string().min(1).max(512);
/** Segments are at most 1 MiB; snapshots may be larger. 64 MiB bounds a message either way. */
const bytes = z.string().max(90 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const credentials = credentialsSchema as unknown as z.ZodType<TargetCredentials>;
const newTarget = newTargetSchema as unknown as z.ZodType<NewTargetWire>;

/** Exactly the wire fields, so nothing else a transport attaches to a listing crosses to the renderer. */
function toWire(object: StoredObject): StoredObjectWire {
  return { key: object.key, size: object.size, ...(object.modified !== undefined ? { modified: object.modified } : {}) };
}

export function syncHandlers(sync: SyncService): Pick<HandlerTable, SyncChannels> {
  return {
    'sync:setCredentials': { args: z.tuple([targetId, credentials]), handle: ([id, c]) => sync.setCredentials(id, c) },
    'sync:readVaultHeader': {
      args: z.tuple([newTarget, credentials.nullable()]),
      handle: ([target, c]) => sync.readVaultHeader(target, c),
    },
    'sync:test': { args: z.tuple([targetId]), handle: ([id]) => sync.test(id) },
    'sync:put': { args: z.tuple([targetId, key, bytes]), handle: ([id, k, b]) => sync.put(id, k, new Uint8Array(Buffer.from(b, 'base64'))) },
    'sync:get': {
      args: z.tuple([targetId, key]),
      handle: async ([id, k]) => {
        const found = await sync.get(id, k);
        return found === null ? null : Buffer.from(found).toString('base64');
      },
    },
    'sync:list': { args: z.tuple([targetId, z.string().max(512)]), handle: async ([id, prefix]) => (await sync.list(id, prefix)).map(toWire) },
    'sync:deletePartition': { args: z.tuple([targetId, z.uuid()]), handle: ([id, clientId]) => sync.deletePartition(id, clientId) },
    'sync:delete': { args: z.tuple([targetId, key]), handle: ([id, k]) => sync.delete(id, k) },
  };
}
