/** The Sync screen's line per newer device: once per device over every target and object. */
import { describe, expect, it } from 'vitest';
import { newerVersionLines } from '../../../../src-renderer/sync/newer-version-text.ts';
import type { TargetSyncReport } from '../../../../src-renderer/sync/sync-slice.ts';

function report(newerDevices: TargetSyncReport['newerDevices']): TargetSyncReport {
  return {
    targetId: crypto.randomUUID(),
    ok: true,
    paused: [],
    pushedSegments: 0,
    appliedSegments: 0,
    bytesSent: 0,
    heldBack: [],
    rejected: [],
    quarantined: 0,
    incomplete: 0,
    newerDevices,
    missingKeys: [],
    devices: [],
    at: 0,
  };
}

const names = new Map([['d1', 'Device added 3 Dec']]);

describe('newerVersionLines', () => {
  it('says it once per device, whatever number of targets and objects showed it', () => {
    const lines = newerVersionLines([report([{ device: 'd1', waiting: false }]), report([{ device: 'd1', waiting: false }])], (d) => names.get(d));
    expect(lines).toEqual([
      'Update Caravan on this device: Device added 3 Dec uses a newer version; its new kinds of data are kept and passed on, but not shown here.',
    ]);
  });

  it('says the log waits when any target has a newer format from it, and names an unknown writer in words', () => {
    const lines = newerVersionLines([report([{ device: 'd1', waiting: false }]), report([{ device: 'd1', waiting: true }, { waiting: true }])], (d) =>
      names.get(d),
    );
    expect(lines).toEqual([
      'Update Caravan on this device: Device added 3 Dec uses a newer version; what it wrote since waits here until you do; nothing of it is lost.',
      'Update Caravan on this device: Another of your devices uses a newer version; what it wrote since waits here until you do; nothing of it is lost.',
    ]);
  });

  it('says nothing when no device is newer, and copes with a report stored before the field existed', () => {
    expect(newerVersionLines([report([])], () => undefined)).toEqual([]);
    const old = { ...report([]) } as Partial<TargetSyncReport>;
    delete old.newerDevices;
    expect(newerVersionLines([old as TargetSyncReport], () => undefined)).toEqual([]);
  });
});
