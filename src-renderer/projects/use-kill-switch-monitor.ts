/**
 * Checks every active kill switch whenever time, spend or the switches change, and acts on a
 * change of level: approaching is stored as `warned` and said once; triggered is stored as
 * `tripped` with its instant, said as an error, and (where agreed) stops main's timer on the
 * project until acknowledged. Stored transitions are field changes in the change log, with HLCs:
 * that is the record of every trigger.
 *
 * Main's timer keeps the halt in its journal; this also re-sends it for any tripped switch the
 * timer does not know (a new device, a lost journal), so the two cannot disagree for long.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { evaluateKillSwitch, spendFacts } from '../playbook/kill-switch-eval.ts';
import { formatIsoDate, zonedDate } from '../time/zoned-time.ts';

export function useKillSwitchMonitor(zone: string, now: number): void {
  const ready = useStore((s) => s.workspace.kind === 'ready' && s.blocksComplete);
  const killSwitches = useStore((s) => s.killSwitches);
  const blocks = useStore((s) => s.blocks);
  const projects = useStore((s) => s.projects);
  const expenses = useStore((s) => s.expenses);
  const experiments = useStore((s) => s.experiments);
  const halted = useStore((s) => s.timer?.halted);
  const patchKillSwitch = useStore((s) => s.patchKillSwitch);
  const timerCommand = useStore((s) => s.timerCommand);
  const notify = useStore((s) => s.notify);
  const acting = useRef(new Set<string>());

  useEffect(() => {
    if (!ready) return;
    const today = formatIsoDate(zonedDate(now, zone));
    const watched = killSwitches.filter((k) => k.state === 'armed' || k.state === 'warned');
    const byProject = new Map<string, typeof blocks>();
    for (const k of watched) byProject.set(k.projectId, []);
    for (const b of blocks) byProject.get(b.projectId)?.push(b);
    for (const k of watched) {
      if (acting.current.has(k.id)) continue;
      const own = byProject.get(k.projectId) ?? [];
      const project = projects.find((p) => p.id === k.projectId);
      const facts = {
        trackedMs: own.reduce((sum, b) => sum + (b.kind === 'break' ? 0 : b.end - b.start), 0),
        spendMinor: spendFacts(
          own,
          expenses.filter((e) => e.projectId === k.projectId),
          project ? [project] : [],
        ),
        today,
        metrics: new Map(experiments.filter((e) => e.projectId === k.projectId).map((e) => [e.id, e.value])),
      };
      const evaluation = evaluateKillSwitch(k, facts);
      const name = project?.name ?? 'a project';
      if (evaluation.level === 'triggered') {
        acting.current.add(k.id);
        void (async () => {
          try {
            await patchKillSwitch(k.id, { state: 'tripped', trippedAt: Date.now() });
            if (k.stopsTimer) await timerCommand({ type: 'killSwitchTriggered', projectId: k.projectId, switchId: k.id });
            // Main notifies when it halts a running timer; otherwise the OS hears it from here.
            const timerOnIt = useStore.getState().timer?.projectId === k.projectId;
            if (!(k.stopsTimer && timerOnIt)) void caravan().app.notify({ title: 'Kill switch reached', body: `${name}: ${k.consequence}`.slice(0, 500) });
            notify(`Kill switch on ${name} triggered: ${evaluation.progress}. Agreed: ${k.consequence}`, { tone: 'error' });
          } finally {
            acting.current.delete(k.id);
          }
        })();
      } else if (evaluation.level === 'approaching' && k.state === 'armed') {
        acting.current.add(k.id);
        void patchKillSwitch(k.id, { state: 'warned' })
          .then(() => notify(`Kill switch on ${name} is close: ${evaluation.progress}.`))
          .finally(() => acting.current.delete(k.id));
      }
    }
  }, [ready, killSwitches, blocks, projects, expenses, experiments, zone, now, patchKillSwitch, timerCommand, notify]);

  // Reconcile: a tripped switch that stops the timer must be known to main.
  useEffect(() => {
    if (!ready || !halted) return;
    for (const k of killSwitches) {
      if (k.state === 'tripped' && k.stopsTimer && !halted.includes(k.projectId)) {
        void timerCommand({ type: 'killSwitchTriggered', projectId: k.projectId, switchId: k.id });
      }
    }
  }, [ready, halted, killSwitches, timerCommand]);
}
