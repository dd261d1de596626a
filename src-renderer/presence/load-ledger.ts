/**
 * Reads what the ledger of a range needs (stored days, trips, the range's blocks, this device's
 * zones, travel mode) and assembles it (ledger.ts). Read-only.
 */
import { listPresenceDays } from '../vault/repos/presence-days.ts';
import { listTimeBlocks } from '../vault/repos/time-blocks.ts';
import { listTrips } from '../vault/repos/trips.ts';
import { dayNumber, dayText } from './calendar-days.ts';
import { readDeviceZones } from './device-zones.ts';
import { blockHints, dayInZone, deviceHints, travelHints } from './hints.ts';
import { assembleLedger, type LedgerRow } from './ledger.ts';
import { ledgerDeps, type LedgerDeps } from './runtime-deps.ts';

const DAY_MS = 86_400_000;
/** The widest offset from UTC a zone has (Kiribati, +14 h): a block's own day can begin this far from UTC's. */
const MAX_OFFSET_MS = 14 * 3_600_000;

/** Options of {@link loadLedger}. */
export interface LoadLedgerOptions {
  /** This device's zone now (travel mode's start is read as a day there); the system's by default. */
  zone?: string;
  /** Today in that zone, 'YYYY-MM-DD'; travel mode's hint runs to here. */
  today?: string;
  deps?: LedgerDeps;
}

/** The system's zone. */
export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The assembled ledger rows from `from` to `to` (both included, 'YYYY-MM-DD'). */
export async function loadLedger(from: string, to: string, options: LoadLedgerOptions = {}): Promise<LedgerRow[]> {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) throw new RangeError(`The range ends (${to}) before it starts (${from}).`);
  const deps = options.deps ?? ledgerDeps();
  const zone = options.zone ?? systemZone();
  const today = options.today ?? dayInZone(Date.now(), zone);
  const [days, trips, blocks, zones, travel] = await Promise.all([
    listPresenceDays(deps.ctx, { from, to }),
    listTrips(deps.ctx),
    listTimeBlocks(deps.ctx, { from: first * DAY_MS - MAX_OFFSET_MS, to: (last + 1) * DAY_MS + MAX_OFFSET_MS }),
    readDeviceZones(deps.zones),
    deps.travel(),
  ]);
  const travelTo = dayText(Math.min(dayNumber(today), last));
  const hints = [...travelHints(travel, travelTo, zone, zones).filter((h) => h.day >= from), ...blockHints(blocks), ...deviceHints(zones)];
  return assembleLedger({ from, to, days, trips, hints });
}
