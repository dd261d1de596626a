/** The sync part of main's handler table: arguments validated by the contract, then the guarded SyncService. */
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { StoredObject as StoredObjectWire } from '../../src-preload/contract/sync.ts';
import type { SyncService } from './sync-service.ts';
import type { TargetAdmission } from './target-admission.ts';
import type { StoredObject } from './transport.ts';

type SyncChannels = Extract<keyof HandlerTable, `sync:${string}`>;

/** Exactly the wire fields, so nothing else a transport attaches to a listing crosses to the renderer. */
function toWire(object: StoredObject): StoredObjectWire {
  return { key: object.key, size: object.size, ...(object.modified !== undefined ? { modified: object.modified } : {}) };
}

export function syncHandlers(sync: SyncService, admission: Pick<TargetAdmission, 'join' | 'completeJoin'>): Pick<HandlerTable, SyncChannels> {
  return {
    'sync:setCredentials': { handle: ([id, c]) => sync.setCredentials(id, c) },
    'sync:join': { handle: ([target, c]) => admission.join(target, c) },
    'sync:completeJoin': { handle: ([joinId]) => admission.completeJoin(joinId) },
    'sync:test': { handle: ([id]) => sync.test(id) },
    'sync:put': { handle: ([id, k, b]) => sync.put(id, k, new Uint8Array(Buffer.from(b, 'base64'))) },
    'sync:get': {
      handle: async ([id, k]) => {
        const found = await sync.get(id, k);
        return found === null ? null : Buffer.from(found).toString('base64');
      },
    },
    'sync:list': { handle: async ([id, prefix]) => (await sync.list(id, prefix)).map(toWire) },
    'sync:deletePartition': { handle: ([id, clientId]) => sync.deletePartition(id, clientId) },
    'sync:delete': { handle: ([id, k]) => sync.delete(id, k) },
  };
}
