/**
 * The window's half of the timer's exactly-once delivery, and the tray's project names.
 *
 * Blocks: whenever main's outbox holds blocks and the vault is open, each in turn (never two at
 * once, see timer-delivery.ts) is stored under its timer id and then acknowledged; main drops it
 * only on that acknowledgement. A block stored but not acknowledged (window closed, crash) comes
 * back and is recognised by its id. A stretch under a minute is folded into its neighbour or
 * dropped, then acknowledged; one whose neighbour is still to come waits in main's outbox. A
 * stored block gets the project's active phase and the session's note.
 *
 * Tray: while unlocked, the active projects (most recently worked on first) go to main with their
 * names, leaving out those a triggered kill switch halts until it is acknowledged; on lock,
 * store.ts tells main to forget them.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';
import { foldMemory } from './folded-stretches.ts';
import { timerBlockInput } from './timer-blocks.ts';
import { deliverOutbox } from './timer-delivery.ts';

/** How many projects the tray may offer (the presenter shows at most 8). */
const TRAY_PROJECTS = 12;

export function useTimerBridge(zone: string): void {
  const outbox = useStore((s) => s.timer?.outbox);
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const addBlock = useStore((s) => s.addBlock);
  const patchBlock = useStore((s) => s.patchBlock);
  const notify = useStore((s) => s.notify);
  // One pass over the outbox at a time; an outbox that changes meanwhile gets another pass after
  // it, with what the latest render knows (`pass`).
  const pump = useRef<{ busy: boolean; again: boolean; pass?: () => Promise<void> }>({ busy: false, again: false });

  useEffect(() => {
    if (!ready || !outbox || outbox.length === 0) return;
    const p = pump.current;
    p.pass = () => {
      const { timer } = useStore.getState();
      return deliverOutbox(timer?.outbox ?? [], {
        stored: () => useStore.getState().blocks,
        running:
          timer && timer.status !== 'idle' && timer.sessionId && timer.projectId ? { sessionId: timer.sessionId, projectId: timer.projectId } : undefined,
        addBlock,
        patchBlock,
        input: (block) => {
          const { phases, timerNote } = useStore.getState();
          const note = timerNote?.sessionId === block.sessionId ? timerNote.text : '';
          return timerBlockInput(block, zone, { phases, note });
        },
        folded: foldMemory,
        acknowledge: (id) => caravan().timer.blockStored(id),
        open: () => useStore.getState().workspace.kind === 'ready',
        failed: (_block, error) =>
          notify(`A timer block could not be saved: ${errorMessage(error)} It stays with the timer and is tried again after the next unlock.`, {
            tone: 'error',
          }),
      });
    };
    if (p.busy) {
      p.again = true;
      return;
    }
    p.busy = true;
    void (async () => {
      try {
        do {
          p.again = false;
          await p.pass?.();
        } while (p.again);
      } finally {
        p.busy = false;
      }
    })();
  }, [outbox, ready, addBlock, patchBlock, zone, notify]);

  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const blocks = useStore((s) => s.blocks);
  const killSwitches = useStore((s) => s.killSwitches);
  const halted = useStore((s) => s.timer?.halted);
  const trayProjects = useMemo(() => {
    const stopped = new Set([...(halted ?? []), ...killSwitches.filter((k) => k.state === 'tripped' && k.stopsTimer).map((k) => k.projectId)]);
    const lastWorked = new Map<string, number>();
    for (const b of blocks) lastWorked.set(b.projectId, Math.max(lastWorked.get(b.projectId) ?? 0, b.end));
    const names = new Map(clients.map((c) => [c.id, c.name]));
    return projects
      .filter((p) => (p.status === 'active' || p.status === 'lead') && !stopped.has(p.id))
      .sort((a, b) => (lastWorked.get(b.id) ?? 0) - (lastWorked.get(a.id) ?? 0) || a.name.localeCompare(b.name))
      .slice(0, TRAY_PROJECTS)
      .map((p) => ({ id: p.id, name: `${names.get(p.clientId) ?? ''} · ${p.name}` }));
  }, [clients, projects, blocks, killSwitches, halted]);
  useEffect(() => {
    if (ready) void caravan().timer.trayProjects({ unlocked: true, projects: trayProjects });
  }, [ready, trayProjects]);
}
