/** What a project's kill switches are checked against, from the workspace's cache. */
import { useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { type KillSwitchFacts, spendFacts } from '../playbook/kill-switch-eval.ts';
import { formatIsoDate, zonedDate } from '../time/zoned-time.ts';

export function useKillFacts(projectId: string, now: number, zone: string): KillSwitchFacts {
  const allBlocks = useStore((s) => s.blocks);
  const allExpenses = useStore((s) => s.expenses);
  const allExperiments = useStore((s) => s.experiments);
  const project = useStore((s) => s.projects.find((p) => p.id === projectId));
  const today = formatIsoDate(zonedDate(now, zone));
  return useMemo(() => {
    const blocks = allBlocks.filter((b) => b.projectId === projectId);
    return {
      trackedMs: blocks.reduce((sum, b) => sum + (b.kind === 'break' ? 0 : b.end - b.start), 0),
      spendMinor: spendFacts(
        blocks,
        allExpenses.filter((e) => e.projectId === projectId),
        project ? [project] : [],
      ),
      today,
      metrics: new Map(allExperiments.filter((e) => e.projectId === projectId).map((e) => [e.id, e.value])),
    };
  }, [allBlocks, allExpenses, allExperiments, project, projectId, today]);
}
