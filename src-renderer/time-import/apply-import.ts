/**
 * Writes a planned import and puts what was written into the workspace cache: the clients,
 * projects and blocks the repository returned, nothing else (workspace/workspace-slice.ts). The
 * caches are set here rather than through one slice action per kind: one import creates all three,
 * and three separate updates would show blocks whose project is not listed yet.
 */
import { useStore } from '../app/store.ts';
import { byName, byStart } from '../workspace/sorted-lists.ts';
import { newId } from '../vault/repos/entity-repo.ts';
import { writeImportedWork } from '../vault/repos/imported-work.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { importTime, type TimeImportOutcome } from './import-time.ts';
import type { TimePlan } from './plan.ts';
import type { TimeSource } from './time-mapping.ts';

export function applyTimeImport(plan: TimePlan, source: TimeSource): Promise<TimeImportOutcome> {
  return importTime(
    {
      newId,
      write: async (work) => {
        const result = await writeImportedWork(repoContext(), work);
        useStore.setState((s) => ({
          clients: [...s.clients, ...result.clients].sort(byName),
          projects: [...s.projects, ...result.projects].sort(byName),
          // One sort of the whole list, not a binary insert per block: an import can add 10 000.
          blocks: [...s.blocks, ...result.blocks].sort(byStart),
        }));
        return result;
      },
    },
    plan,
    source,
  );
}
