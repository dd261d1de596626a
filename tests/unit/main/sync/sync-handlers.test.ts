/**
 * The `sync:list` handler carries each object's modification time to the renderer (compaction's
 * second clock on S3 and WebDAV), and nothing else a transport might attach to a listing.
 */
import { describe, expect, it } from 'vitest';
import { syncHandlers } from '../../../../src-main/sync/sync-handlers.ts';
import type { SyncService } from '../../../../src-main/sync/sync-service.ts';
import type { CallContext } from '../../../../src-main/ipc/handler-table.ts';

const TARGET = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

describe('sync:list', () => {
  it('passes key, size and modified through, drops other fields, and omits modified where the store gave none', async () => {
    const listed = [
      { key: 'p/workspace/snap/a.snap', size: 10, modified: 1_767_600_000_000, etag: 'internal' },
      { key: 'p/workspace/log/d/1.seg', size: 3 },
    ];
    const service = { list: async (id: string, prefix: string) => (id === TARGET && prefix === 'p/' ? listed : []) } as unknown as SyncService;
    const result = await syncHandlers(service, { join: () => Promise.reject(new Error('unused')), completeJoin: () => Promise.reject(new Error('unused')) })[
      'sync:list'
    ].handle([TARGET, 'p/'], { senderUrl: 'app://caravan/' } satisfies CallContext);
    expect(result).toEqual([
      { key: 'p/workspace/snap/a.snap', size: 10, modified: 1_767_600_000_000 },
      { key: 'p/workspace/log/d/1.seg', size: 3 },
    ]);
    expect(result[1]).not.toHaveProperty('modified');
  });
});
