/**
 * The "Edit time block" dialog, shared by Today, Time and the week; deleting from it offers undo.
 * With `creating`, "New time block": the draft's range and project prefilled, Save adds it.
 */
import type { TimeBlock } from '../domain/time-block.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { BlockEditor } from './BlockEditor.tsx';
import { useDeleteBlock } from './use-delete-block.ts';

export function BlockEditorDialog({ block, onClose, creating = false }: { block: TimeBlock | null; onClose: () => void; creating?: boolean }) {
  const removeWithUndo = useDeleteBlock();
  return (
    <Dialog title={creating ? 'New time block' : 'Edit time block'} open={block !== null} onClose={onClose} wide>
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
