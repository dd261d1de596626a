/**
 * Saving a range the week's drag or keys produced: checked as the editor checks it
 * (week-edits.ts), saved as one patch, and recorded as one undoable edit that puts the old range
 * back, unless the block changed since (then undo says so rather than overwrite the later work).
 * Warnings (an overlap, a kill switch that only warns) are shown with the saved edit.
 */
import { useCallback } from 'react';
import { useStore } from '../../app/store.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { useRecordUndo } from '../../ui/use-undo.ts';
import { formatRange } from '../../time/format.ts';
import { checkEdit, type Range } from './week-edits.ts';
import { rangeWords } from './week-labels.ts';

/** Saves `next` for `block`; resolves to the refusal's words, or null when saved (or unchanged). */
export function useWeekEdit(zone: string): (block: TimeBlock, next: Range, verb: 'Moved' | 'Resized') => Promise<string | null> {
  const patchBlock = useStore((s) => s.patchBlock);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  return useCallback(
    async (block, next, verb) => {
      if (next.start === block.start && next.end === block.end) return null;
      const { projects, blocks, killSwitches } = useStore.getState();
      const names = new Map(projects.map((p) => [p.id, p.name]));
      const projectName = names.get(block.projectId) ?? 'this project';
      const check = checkEdit(block, next, {
        projectName,
        killSwitches,
        blocks,
        zone,
        describe: (other) => {
          const stored = blocks.find((b) => b.id === other.id);
          return `${formatRange(other.start, other.end, zone)} ${stored ? (names.get(stored.projectId) ?? '') : ''}`.trim();
        },
      });
      if (!check.ok) {
        notify(check.message, { tone: 'error' });
        return check.message;
      }
      const before = { start: block.start, end: block.end };
      try {
        await patchBlock(block.id, next);
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
        return errorMessage(error);
      }
      const warning = check.warnings.length > 0 ? ` ${check.warnings.join(' ')}` : '';
      recordUndo(`${verb} ${projectName} to ${rangeWords(next.start, next.end, zone)}.${warning}`, {
        label: `the ${verb === 'Moved' ? 'move' : 'resize'}`,
        undo: async () => {
          const now = useStore.getState().blocks.find((b) => b.id === block.id);
          if (now?.start !== next.start || now.end !== next.end) throw new Error('the block changed since; edit it instead.');
          await patchBlock(block.id, before);
        },
      });
      return null;
    },
    [patchBlock, notify, recordUndo, zone],
  );
}
