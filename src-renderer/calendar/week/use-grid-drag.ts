/**
 * The pointer on the week's grid: press and drag over empty time to draw a new block, drag a block
 * to move it (across days too), drag its top or bottom edge to resize it. One gesture is one edit,
 * saved when the pointer is released; until then a preview shows where it will land. A press that
 * does not move is a click: on a block it opens the editor. A billed block does not move; trying
 * says why.
 */
import { type PointerEvent as ReactPointerEvent, type RefObject, useCallback, useState } from 'react';
import type { TimeBlock } from '../../domain/time-block.ts';
import { applyGesture, type Gesture, type Range, slotRange } from './week-edits.ts';
import { DAY_MINUTES, type WeekDay } from './week-days.ts';

/** Pixels per hour on the grid. */
export const HOUR_PX = 40;
/** A press that moves less than this is a click. */
const CLICK_SLOP_PX = 4;

type Handle = 'move' | 'resize-start' | 'resize-end';

type Drag =
  | { kind: 'create'; day: number; from: number; to: number }
  | { kind: Handle; block: TimeBlock; x: number; y: number; day: number; minutes: number; days: number; moved: boolean };

export interface GridDragOptions {
  bodyRef: RefObject<HTMLElement | null>;
  days: readonly WeekDay[];
  blocks: readonly TimeBlock[];
  zone: string;
  snap: number;
  onCreate: (range: Range) => void;
  onEdit: (block: TimeBlock, next: Range, verb: 'Moved' | 'Resized') => void;
  onOpen: (block: TimeBlock) => void;
  onLocked: (block: TimeBlock) => void;
}

export interface GridDrag {
  /** The block being dragged and where it would land, or the new block being drawn. */
  preview: ({ id: string } & Range) | null;
  onPointerDown: (event: ReactPointerEvent<HTMLElement>) => void;
  onPointerMove: (event: ReactPointerEvent<HTMLElement>) => void;
  onPointerUp: (event: ReactPointerEvent<HTMLElement>) => void;
  onPointerCancel: () => void;
}

export function useGridDrag(options: GridDragOptions): GridDrag {
  const { bodyRef, days, blocks, zone, snap, onCreate, onEdit, onOpen, onLocked } = options;
  const [drag, setDrag] = useState<Drag | null>(null);

  /** The day column and wall minute under a point, clamped to the grid. */
  const pointAt = useCallback(
    (clientX: number, clientY: number) => {
      const rect = bodyRef.current?.getBoundingClientRect();
      if (!rect) return { day: 0, minute: 0 };
      const day = Math.min(days.length - 1, Math.max(0, Math.floor(((clientX - rect.left) / rect.width) * days.length)));
      const minute = Math.min(DAY_MINUTES, Math.max(0, ((clientY - rect.top) / HOUR_PX) * 60));
      return { day, minute };
    },
    [bodyRef, days.length],
  );

  const gestureOf = (d: Extract<Drag, { block: TimeBlock }>): Gesture =>
    d.kind === 'move' ? { kind: 'move', minutes: d.minutes, days: d.days } : { kind: d.kind, minutes: d.minutes };

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0 || drag) return;
    const target = event.target as HTMLElement;
    if (target.closest('[data-overlay-key], [data-slot-cursor]')) return;
    const blockElement = target.closest<HTMLElement>('[data-block-id]');
    const { day, minute } = pointAt(event.clientX, event.clientY);
    if (blockElement) {
      const block = blocks.find((b) => b.id === blockElement.dataset['blockId']);
      if (!block) return;
      const handle = (target.closest<HTMLElement>('[data-handle]')?.dataset['handle'] as Handle | undefined) ?? 'move';
      setDrag({ kind: handle, block, x: event.clientX, y: event.clientY, day, minutes: 0, days: 0, moved: false });
    } else {
      setDrag({ kind: 'create', day, from: minute, to: minute });
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    // No text selection or native drag while the pointer draws. That also keeps focus where it was,
    // so move it by hand: to the pressed block (Ctrl+Z then undoes the drag, not the typing in the
    // entry field that had focus), or off any field when drawing a new block.
    event.preventDefault();
    if (blockElement) blockElement.focus({ preventScroll: true });
    else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag) return;
    const { day, minute } = pointAt(event.clientX, event.clientY);
    if (drag.kind === 'create') {
      setDrag({ ...drag, to: minute });
      return;
    }
    const moved = drag.moved || Math.abs(event.clientX - drag.x) > CLICK_SLOP_PX || Math.abs(event.clientY - drag.y) > CLICK_SLOP_PX;
    setDrag({ ...drag, moved, minutes: ((event.clientY - drag.y) / HOUR_PX) * 60, days: drag.kind === 'move' ? day - drag.day : 0 });
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag) return;
    setDrag(null);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    if (drag.kind === 'create') {
      const date = days[drag.day]?.date;
      if (date) onCreate(slotRange(date, drag.from, drag.to, zone, snap));
      return;
    }
    if (!drag.moved) return onOpen(drag.block);
    if (drag.block.billed) return onLocked(drag.block);
    onEdit(drag.block, applyGesture(drag.block, gestureOf(drag), zone, snap), drag.kind === 'move' ? 'Moved' : 'Resized');
  };

  let preview: GridDrag['preview'] = null;
  if (drag?.kind === 'create') {
    const date = days[drag.day]?.date;
    if (date) preview = { id: 'new', ...slotRange(date, drag.from, drag.to, zone, snap) };
  } else if (drag?.moved && !drag.block.billed) {
    preview = { id: drag.block.id, ...applyGesture(drag.block, gestureOf(drag), zone, snap) };
  }
  return { preview, onPointerDown, onPointerMove, onPointerUp, onPointerCancel: () => setDrag(null) };
}
