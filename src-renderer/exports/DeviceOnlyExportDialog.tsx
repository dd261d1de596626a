/** Shows the device-only export question (see device-only-question.ts); mounted once, in App. */
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useDeviceOnlyQuestion } from './device-only-question.ts';

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `“${n}”`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export function DeviceOnlyExportDialog() {
  const question = useDeviceOnlyQuestion();
  const many = (question?.clientNames.length ?? 0) > 1;
  return (
    <ConfirmDialog
      open={question !== null}
      title="Export data kept on this device only?"
      message={
        question
          ? `This ${question.what} holds data of ${listNames(question.clientNames)}, ${many ? 'clients' : 'a client'} whose data is kept on this device only${question.unsettled ? ' (or whose residency policy is not in force on this device yet, so Caravan treats it the same way)' : ''}. The file is not encrypted and can go anywhere you put it. Export anyway? Caravan records it in the audit log.`
          : ''
      }
      confirmLabel="Export anyway"
      onCancel={() => question?.answer(false)}
      onConfirm={() => question?.answer(true)}
    />
  );
}
