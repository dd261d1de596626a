/** The "Edit time block" dialog, shared by Today and Time; deleting from it offers undo. */
import type { TimeBlock } from '../domain/time-block.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { BlockEditor } from './BlockEditor.tsx';
import { useDeleteBlock } from './use-delete-block.ts';

export function BlockEditorDialog({ block, onClose }: { block: TimeBlock | null; onClose: () => void }) {
  const removeWithUndo = useDeleteBlock();
  return (
    <Dialog title="Edit time block" open={block !== null} onClose={onClose} wide>
      {block && (
        <BlockEditor
          block={block}
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
