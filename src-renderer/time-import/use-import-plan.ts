/**
 * The preview's plan, planned again whenever the person changes the zone, the date order or a new
 * client's details; and the keys of blocks imported before from this source, read from the vault
 * for the days the file covers (the cache may not hold older blocks yet).
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';
import { listTimeBlocks } from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { type NewClientChoice, planTimeImport, type TimePlan } from './plan.ts';
import { readEntries, type RawReport } from './read-report.ts';
import type { TimeEntry } from './read-entries.ts';
import type { TimeMapping } from './time-mapping.ts';

const DAY = 86_400_000;
/** Zones are at most 14 hours from UTC; two days either side cover any zone a row may be in. */
const MARGIN = 2 * DAY;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const NONE: ReadonlySet<string> = new Set();

interface Range {
  from: number;
  to: number;
}

/** Import keys of `source` among the blocks of the days `entries` cover; null while reading. */
function useImportedKeys(source: string, entries: readonly TimeEntry[]): { keys: ReadonlySet<string> | null; problem: string | null } {
  const [loaded, setLoaded] = useState<{ range: Range; source: string; keys: ReadonlySet<string> } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const range = useMemo((): Range | null => {
    if (entries.length === 0) return null;
    let from = Infinity;
    let to = -Infinity;
    for (const e of entries) {
      from = Math.min(from, dayMs(e.day));
      to = Math.max(to, dayMs(e.endDay ?? e.day));
    }
    return { from: from - MARGIN, to: to + MARGIN };
  }, [entries]);
  useEffect(() => {
    if (range === null) return;
    let live = true;
    listTimeBlocks(repoContext(), range).then(
      (blocks) => live && setLoaded({ range, source, keys: new Set(blocks.flatMap((b) => (b.imported?.source === source ? [b.imported.key] : []))) }),
      (e: unknown) => live && setProblem(`The blocks imported before could not be read: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [range, source]);
  const keys = range === null ? NONE : loaded?.range === range && loaded.source === source ? loaded.keys : null;
  return { keys, problem };
}

export function useImportPlan(
  report: RawReport,
  mapping: TimeMapping,
  zone: string,
  choices: ReadonlyMap<string, NewClientChoice>,
): { plan: TimePlan | null; problem: string | null } {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const read = useMemo(() => readEntries(report, mapping), [report, mapping]);
  const { keys, problem } = useImportedKeys(mapping.source, read.entries);
  const plan = useMemo(
    () =>
      keys === null
        ? null
        : planTimeImport({
            entries: read.entries,
            readErrors: read.errors,
            readErrorCount: read.errorCount,
            zone,
            clients,
            projects,
            imported: keys,
            choices,
          }),
    [read, keys, zone, clients, projects, choices],
  );
  return { plan, problem };
}
