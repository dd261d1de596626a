/**
 * The "Edit time block" dialog, shared by Today and Time; deleting from it offers undo. With
 * `create`, the "New time block" dialog for a prefilled draft (an imported event converted).
 */
import type { ReactNode } from 'react';
import type { TimeBlock } from '../domain/time-block.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { BlockEditor } from './BlockEditor.tsx';
import { useDeleteBlock } from './use-delete-block.ts';

export function BlockEditorDialog({
  block,
  onClose,
  create = false,
  intro,
}: {
  block: TimeBlock | null;
  onClose: () => void;
  create?: boolean;
  intro?: ReactNode;
}) {
  const removeWithUndo = useDeleteBlock();
  return (
    <Dialog title={create ? 'New time block' : 'Edit time block'} open={block !== null} onClose={onClose} wide>
      {intro}
      {block && (
        <BlockEditor
          block={block}
          create={create}
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
