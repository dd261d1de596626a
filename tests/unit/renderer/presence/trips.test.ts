/** Trip rules (pure) and saving trips in bulk: all or nothing, refusals in words naming the other trip. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import type { Trip } from '../../../../src-renderer/domain/presence.ts';
import { checkTrips, tripContact } from '../../../../src-renderer/presence/trips.ts';
import { deleteTrip, saveTrips } from '../../../../src-renderer/presence/save-trips.ts';
import { listTrips } from '../../../../src-renderer/vault/repos/trips.ts';
import { readChanges } from '../../../../src-renderer/vault/repos/change-log.ts';
import { openTestVault, type TestVault } from '../../support/store-helpers.ts';

const stored = (id: string, from: string, to: string, country: string): Trip => ({ id, from, to, country, note: '', createdAt: 1, updatedAt: 1 });
const LISBON = stored('t1', '2026-03-01', '2026-03-20', 'PT');

describe('checkTrips (pure)', () => {
  it('allows a shared travel day and refuses any longer overlap, naming the other trip by country and dates', () => {
    expect(checkTrips([LISBON], [{ from: '2026-03-20', to: '2026-03-28', country: 'es' }], 'en-GB')).toEqual([]);
    expect(checkTrips([LISBON], [{ from: '2026-02-10', to: '2026-03-01', country: 'FR' }], 'en-GB')).toEqual([]);
    const problems = checkTrips([LISBON], [{ from: '2026-03-19', to: '2026-03-28', country: 'ES' }], 'en-GB');
    // ICU spaces the range dash by version ("1–20", "1 – 20"); the words around it are ours.
    expect(problems).toEqual([
      {
        index: 0,
        field: 'trip',
        message: expect.stringMatching(
          /^Trip overlaps Portugal, 1\s?–\s?20 March 2026\. Trips may share only a travel day: one ending on the day the next starts\.$/u,
        ),
      },
    ]);
    // A trip inside another shares more than a boundary day.
    expect(checkTrips([LISBON], [{ from: '2026-03-05', to: '2026-03-06', country: 'ES' }])).toHaveLength(1);
    expect(tripContact({ from: '2026-03-20', to: '2026-03-20' }, LISBON)).toBe('travel-day');
    expect(tripContact({ from: '2026-03-21', to: '2026-03-22' }, LISBON)).toBe('none');
  });

  it('an edit of a trip that already overlaps another (two devices, synced) is refused only when it widens the overlap', () => {
    const france = stored('fr', '2026-03-01', '2026-03-20', 'FR');
    const germany = stored('de', '2026-03-05', '2026-03-15', 'DE');
    // The note, or a shorter trip: the overlap is no wider than it was.
    expect(checkTrips([france, germany], [{ id: 'fr', from: '2026-03-01', to: '2026-03-20', country: 'FR', note: 'Zürich' }])).toEqual([]);
    expect(checkTrips([france, germany], [{ id: 'fr', from: '2026-03-01', to: '2026-03-10', country: 'FR' }])).toEqual([]);
    // Wider (now from 4 March), or a new trip into those days: refused.
    expect(checkTrips([france, germany], [{ id: 'de', from: '2026-03-04', to: '2026-03-15', country: 'DE' }])).toHaveLength(1);
    expect(checkTrips([france, germany], [{ from: '2026-03-06', to: '2026-03-07', country: 'AT' }])).toHaveLength(2);
  });

  it('refuses the same trip twice in one entry, on the later row, in words', () => {
    const problems = checkTrips(
      [LISBON],
      [
        { id: 't1', from: '2026-03-01', to: '2026-03-10', country: 'PT' },
        { id: 't1', from: '2026-03-11', to: '2026-03-20', country: 'PT' },
      ],
    );
    expect(problems).toEqual([{ index: 1, field: 'trip', message: 'This trip is entered twice in this entry (also row 1); keep one of the two rows.' }]);
  });

  it('an edited trip is not checked against its old self', () => {
    expect(checkTrips([LISBON], [{ id: 't1', from: '2026-03-02', to: '2026-03-25', country: 'PT' }])).toEqual([]);
  });

  it('says in words what is wrong with each field: To before From, an unknown country, too long, a bad day', () => {
    const messages = checkTrips(
      [],
      [
        { from: '2026-03-10', to: '2026-03-01', country: 'PT' },
        { from: '2026-03-10', to: '2026-03-12', country: 'QQ' },
        { from: '2020-01-01', to: '2026-01-01', country: 'PT' },
        { from: '2026-02-30', to: '2026-03-01', country: '' },
      ],
    ).map((p) => `${p.index}:${p.field}:${p.message}`);
    expect(messages).toEqual([
      '0:to:To: must not be before From.',
      '1:country:Country: "QQ" is not a country Caravan knows.',
      '2:to:To: a trip can be at most 1100 days long (this one is 2193); enter it as several trips.',
      '3:from:From: enter a day such as 2026-03-01.',
      '3:country:Country: choose the country of the trip.',
    ]);
  });

  it('checks the trips of one batch against each other, naming the row', () => {
    const problems = checkTrips(
      [],
      [
        { from: '2026-05-01', to: '2026-05-10', country: 'GR' },
        { from: '2026-05-10', to: '2026-05-12', country: 'IT' },
        { from: '2026-05-09', to: '2026-05-11', country: 'CH' },
      ],
      'en-GB',
    );
    expect(problems.map((p) => [p.index, p.message.split('.')[0]!.replace(/\s?–\s?/u, '–')])).toEqual([
      [2, 'Trip overlaps Greece, 1–10 May 2026 (row 1 of this entry)'],
      [2, 'Trip overlaps Italy, 10–12 May 2026 (row 2 of this entry)'],
    ]);
  });
});

describe('saveTrips', () => {
  let v: TestVault;
  beforeAll(async () => {
    await getSodium();
  });
  beforeEach(async () => {
    v = await openTestVault();
  });
  afterEach(async () => {
    await v.close();
  });

  it('saves several trips in one go, sharing boundary days', async () => {
    const outcome = await saveTrips(
      [
        { from: '2026-03-01', to: '2026-03-20', country: 'pt', note: 'Łódź Analytics' },
        { from: '2026-03-20', to: '2026-04-02', country: 'ES' },
      ],
      v.ctx,
    );
    expect(outcome.ok).toBe(true);
    expect((await listTrips(v.ctx)).map((t) => `${t.country} ${t.from}`)).toEqual(['PT 2026-03-01', 'ES 2026-03-20']);
  });

  it('is all or nothing: one bad trip of the batch, or an overlap with a stored one, writes none', async () => {
    await saveTrips([{ from: '2026-03-01', to: '2026-03-20', country: 'PT' }], v.ctx);
    const logged = (await readChanges(v.db, 'workspace')).length;
    const outcome = await saveTrips(
      [
        { from: '2026-06-01', to: '2026-06-05', country: 'FR' },
        { from: '2026-03-15', to: '2026-03-25', country: 'ES' },
      ],
      v.ctx,
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.map((p) => [p.index, p.field])).toEqual([[1, 'trip']]);
    expect((await listTrips(v.ctx)).map((t) => t.country)).toEqual(['PT']);
    expect((await readChanges(v.db, 'workspace')).length).toBe(logged);
  });

  it('a deleted trip comes back whole under its id', async () => {
    const saved = await saveTrips([{ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: 'Αθήνα' }], v.ctx);
    const trip = saved.ok ? saved.trips[0]! : undefined;
    const removed = await deleteTrip(trip!.id, v.ctx);
    expect(await listTrips(v.ctx)).toEqual([]);
    const back = await saveTrips([removed], v.ctx);
    expect(back.ok && back.trips[0]).toMatchObject({ id: trip!.id, note: 'Αθήνα', country: 'PT' });
  });
});
