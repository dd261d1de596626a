/**
 * This device's time zone, day by day: the presence ledger's 'device' hint. Nothing else keeps
 * where the device was on a past day, so the window records today's zone when the vault is
 * unlocked and again at each day change (use-device-zone.ts). Device-local (another device's zone
 * says nothing of this one's) and per vault, in the meta store; bounded to the newest
 * {@link MAX_ZONE_DAYS} recorded days up to today and {@link MAX_ZONES_PER_DAY} zones a day (a flight changes zone once
 * or twice, not more).
 *
 * The meta store is readable without unlocking, and a zone per day is a travel history: the map is
 * stored ENCRYPTED under the vault's workspace key, with the vault id in the associated data. A
 * value that does not open (a damaged row, a vault restored under a new key) is read as empty: the
 * hint is lost for those days, nothing else.
 */
import { decryptJson, encryptJson, type RecordContext } from '../vault/crypto/record-cipher.ts';
import { WORKSPACE_KEY_ID } from '../vault/store/schema.ts';
import { dayNumber } from './calendar-days.ts';

/** Zones recorded per day ('YYYY-MM-DD' -> zones in the order seen). */
export type DeviceZones = Record<string, string[]>;

/** Days kept: a tax year and a Schengen window fit, with room. */
export const MAX_ZONE_DAYS = 400;
/** Zones kept per day. */
export const MAX_ZONES_PER_DAY = 3;

/** Where the encrypted map lives, and the key that opens it (while unlocked). */
export interface DeviceZoneStore {
  vaultId: string;
  read(): Promise<unknown>;
  write(bytes: Uint8Array): Promise<void>;
  /** The workspace key (key ring `keyFor('workspace')`); throws while locked. */
  key(): Uint8Array;
}

function context(vaultId: string): RecordContext {
  return { table: 'meta', id: `presenceZones:${vaultId}`, schema: 1, keyId: WORKSPACE_KEY_ID };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** Only well-formed entries of a decrypted value. */
function readZones(value: unknown): DeviceZones {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: DeviceZones = {};
  for (const [day, zones] of Object.entries(value)) {
    if (!DAY.test(day) || !Array.isArray(zones)) continue;
    const list = zones.filter((z): z is string => typeof z === 'string' && z.length > 0 && z.length <= 64).slice(0, MAX_ZONES_PER_DAY);
    if (list.length > 0) out[day] = list;
  }
  return out;
}

/** Days after today a recorded day may lie (a zone ahead of this one is already on tomorrow); later ones are a wrong clock. */
const MAX_DAYS_AHEAD = 2;

/**
 * `zones` with `zone` added on `day`: days more than {@link MAX_DAYS_AHEAD} after `today` (`day` when
 * not given) are dropped, then the newest {@link MAX_ZONE_DAYS} recorded days are kept. Bounded by
 * COUNT, not by a window back from the newest day: one reading from a clock set years ahead would
 * otherwise push every real day out at once. That reading is itself dropped once the clock is right.
 */
export function withZone(zones: DeviceZones, day: string, zone: string, today: string = day): DeviceZones {
  const latest = dayNumber(today) + MAX_DAYS_AHEAD;
  const next: DeviceZones = { ...zones };
  const list = zones[day] ?? [];
  if (!list.includes(zone)) next[day] = [...list, zone].slice(-MAX_ZONES_PER_DAY);
  const days = Object.keys(next).sort();
  for (const d of days) if (dayNumber(d) > latest) delete next[d];
  const kept = days.filter((d) => next[d] !== undefined);
  for (const d of kept.slice(0, Math.max(0, kept.length - MAX_ZONE_DAYS))) delete next[d];
  return next;
}

/** The recorded zones (empty when none are stored or the value does not open). */
export async function readDeviceZones(store: DeviceZoneStore): Promise<DeviceZones> {
  const stored = await store.read();
  if (!(stored instanceof Uint8Array)) return {};
  try {
    return readZones(decryptJson(store.key(), stored, context(store.vaultId)));
  } catch {
    // Does not open: the hint for those days is lost (module comment); recording starts afresh.
    return {};
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Records that this device was in `zone` on `day`; true when that was new. Writes one at a time.
 * `today` (`day` by default) bounds what is kept ({@link withZone}).
 */
export function recordDeviceZone(store: DeviceZoneStore, day: string, zone: string, today: string = day): Promise<boolean> {
  const run = queue.then(async () => {
    dayNumber(day);
    const zones = await readDeviceZones(store);
    if (zones[day]?.includes(zone)) return false;
    const next = withZone(zones, day, zone, today);
    await store.write(encryptJson(store.key(), next, context(store.vaultId)));
    return next[day]?.includes(zone) === true;
  });
  queue = run.catch(() => undefined);
  return run;
}
