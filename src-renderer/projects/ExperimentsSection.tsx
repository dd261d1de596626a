/**
 * A project's experiments: hypotheses with the metric that decides them, measured against the
 * baseline, and how many were tested each week. Links to runs are kept as text and never fetched.
 */
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import type { Project } from '../domain/project.ts';
import { isoWeek } from '../time/zoned-time.ts';
import { formatHours } from '../time/format.ts';
import { ExperimentForm } from './ExperimentForm.tsx';
import { outcomeLabel } from './experiment-outcome.ts';

export function ExperimentsSection({ project, zone, now }: { project: Project; zone: string; now: number }) {
  const all = useStore((s) => s.experiments);
  const blocks = useStore((s) => s.blocks);
  const experiments = useMemo(() => all.filter((e) => e.projectId === project.id), [all, project.id]);
  const [adding, setAdding] = useState(false);
  /** The experiment whose form is open (to edit it or record its result). */
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();

  const attached = useMemo(() => {
    const ms = new Map<string, number>();
    for (const b of blocks)
      if (b.experimentId !== undefined && b.projectId === project.id) ms.set(b.experimentId, (ms.get(b.experimentId) ?? 0) + (b.end - b.start));
    return ms;
  }, [blocks, project.id]);
  const perWeek = useMemo(() => {
    const thisWeek = isoWeek(now, zone);
    const key = (w: { year: number; week: number }) => `${w.year}-W${String(w.week).padStart(2, '0')}`;
    const counts = new Map<string, number>();
    for (const e of experiments)
      if (e.status === 'concluded' && e.endedAt !== undefined) counts.set(key(isoWeek(e.endedAt, zone)), (counts.get(key(isoWeek(e.endedAt, zone))) ?? 0) + 1);
    return { thisWeek: counts.get(key(thisWeek)) ?? 0, total: [...counts.values()].reduce((a, b) => a + b, 0) };
  }, [experiments, now, zone]);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Experiments</h3>
      <p className="field-hint">
        Hypotheses tested this week: <strong>{perWeek.thisWeek}</strong> · in all: {perWeek.total}
      </p>
      {experiments.length === 0 && !adding && <p className="muted">Log what you try as a hypothesis with the metric that decides it.</p>}
      <ul className="kill-list">
        {experiments.map((e) => (
          <li key={e.id} className="kill-item">
            <div>
              <strong>{e.hypothesis}</strong>
              <div className="small">
                {e.metricName}: {e.value ?? '—'}
                {e.baseline !== undefined ? ` (baseline ${e.baseline}` : ' ('}
                {e.target !== undefined ? `, target ${e.target})` : ')'} · {outcomeLabel(e)}
                {attached.has(e.id) && ` · ${formatHours(attached.get(e.id) ?? 0)} of work attached`}
              </div>
              {e.setup && <div className="small muted">Setup: {e.setup}</div>}
              {e.links.length > 0 && (
                <ul className="run-links small" aria-label="Runs">
                  {e.links.map((link) => (
                    <li key={link}>
                      <code>{link}</code>
                    </li>
                  ))}
                </ul>
              )}
              {editing === e.id && <ExperimentForm project={project} experiment={e} onDone={() => setEditing(null)} />}
            </div>
            {editing !== e.id && (
              <button
                type="button"
                className="button"
                aria-label={`${e.outcome ? 'Edit' : 'Record result of'} “${e.hypothesis}”`}
                onClick={() => setEditing(e.id)}
              >
                {e.outcome ? 'Edit' : 'Record result'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <ExperimentForm project={project} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add experiment
        </button>
      )}
    </section>
  );
}
