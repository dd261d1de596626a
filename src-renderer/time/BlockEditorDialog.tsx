/**
 * The "Edit time block" dialog, shared by Today, Time and the week; deleting from it offers undo.
 * With `creating`, "New time block": a prefilled draft (a range dragged on the week, an imported event
 * converted); Save adds it once it has a project.
 */
import type { ReactNode } from 'react';
import type { TimeBlock } from '../domain/time-block.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { BlockEditor } from './BlockEditor.tsx';
import { useDeleteBlock } from './use-delete-block.ts';

export function BlockEditorDialog({
  block,
  onClose,
  creating = false,
  intro,
}: {
  block: TimeBlock | null;
  onClose: () => void;
  creating?: boolean;
  intro?: ReactNode;
}) {
  const removeWithUndo = useDeleteBlock();
  return (
    <Dialog title={creating ? 'New time block' : 'Edit time block'} open={block !== null} onClose={onClose} wide>
      {intro}
      {block && (
        <BlockEditor
          block={block}
          creating={creating}
          onDone={onClose}
          onDelete={(b) => {
            onClose();
            void removeWithUndo(b);
          }}
        />
      )}
    </Dialog>
  );
}
