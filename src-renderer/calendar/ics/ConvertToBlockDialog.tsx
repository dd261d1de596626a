/**
 * "Convert to block": the block editor, prefilled from an imported event (block-draft.ts), asking
 * for the project. The week view opens it from an overlay event; the Calendars card from its list.
 */
import { useMemo } from 'react';
import { BlockEditorDialog } from '../../time/BlockEditorDialog.tsx';
import type { OverlayEvent } from '../overlay-event.ts';
import { draftBlock, overlayToBlockDraft } from './block-draft.ts';

export function ConvertToBlockDialog({ event, zone, onClose }: { event: OverlayEvent | null; zone: string; onClose: () => void }) {
  const draft = useMemo(() => (event ? overlayToBlockDraft(event, zone) : null), [event, zone]);
  return (
    <BlockEditorDialog
      block={draft ? draftBlock(draft) : null}
      creating
      onClose={onClose}
      intro={
        event && (
          <p className="field-hint">
            From “{event.summary}”, an imported event. Choose the project this time belongs to.{draft?.notice ? ` ${draft.notice}` : ''}
          </p>
        )
      }
    />
  );
}
