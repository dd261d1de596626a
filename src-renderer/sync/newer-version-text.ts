/**
 * The Sync screen's words for devices that run a newer Caravan (engine/newer-version.ts): one line
 * per device, whatever number of segments, snapshots or targets showed it.
 */
import type { TargetSyncReport } from './sync-slice.ts';

/** One line per newer device over every target's last round, named with `nameOf`. */
export function newerVersionLines(reports: readonly TargetSyncReport[], nameOf: (device: string) => string | undefined): string[] {
  const byDevice = new Map<string, boolean>();
  for (const report of reports) {
    for (const d of report.newerDevices ?? []) {
      const key = d.device ?? '';
      byDevice.set(key, (byDevice.get(key) ?? false) || d.waiting);
    }
  }
  return [...byDevice].map(([device, waiting]) => {
    const who = (device === '' ? undefined : nameOf(device)) ?? 'Another of your devices';
    const what = waiting
      ? 'what it wrote since waits here until you do; nothing of it is lost'
      : 'its new kinds of data are kept and passed on, but not shown here';
    return `Update Caravan on this device: ${who} uses a newer version; ${what}.`;
  });
}
