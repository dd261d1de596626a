import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type EntryContext, type EntryErrorCode, parseTimeEntry } from '../../../../src-renderer/time/entry-parser.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
// Friday 2026-11-20, 16:00 in Berlin (UTC+1).
const NOW = Date.parse('2026-11-20T15:00:00Z');
const BERLIN: EntryContext = { now: NOW, zone: 'Europe/Berlin' };

function read(text: string, context: EntryContext = BERLIN) {
  const result = parseTimeEntry(text, context);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  return { start: iso(result.start), end: iso(result.end), description: result.description, future: result.future };
}

function refusal(text: string, context: EntryContext = BERLIN): { code: EntryErrorCode; message: string } {
  const result = parseTimeEntry(text, context);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${iso(result.start)}..${iso(result.end)}`);
  return { code: result.code, message: result.message };
}

describe('ranges', () => {
  it.each([
    ['9:30-11', '2026-11-20T08:30Z', '2026-11-20T10:00Z'],
    ['9:30 - 11:15', '2026-11-20T08:30Z', '2026-11-20T10:15Z'],
    ['9-11', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['09:30–11:00', '2026-11-20T08:30Z', '2026-11-20T10:00Z'],
    ['09:30—11:00', '2026-11-20T08:30Z', '2026-11-20T10:00Z'],
    ['9.30-11', '2026-11-20T08:30Z', '2026-11-20T10:00Z'],
    ['9 to 11', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['0930-1100', '2026-11-20T08:30Z', '2026-11-20T10:00Z'],
    ['9am-11:30am', '2026-11-20T08:00Z', '2026-11-20T10:30Z'],
    ['9 a.m. - 11 a.m.', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['2pm-3pm', '2026-11-20T13:00Z', '2026-11-20T14:00Z'],
    ['2PM-3PM', '2026-11-20T13:00Z', '2026-11-20T14:00Z'],
    ['12pm-1pm', '2026-11-20T11:00Z', '2026-11-20T12:00Z'],
    ['14h-15h30', '2026-11-20T13:00Z', '2026-11-20T14:30Z'],
    // am/pm on one side only: the shortest reading wins.
    ['2-3pm', '2026-11-20T13:00Z', '2026-11-20T14:00Z'],
    ['11-1pm', '2026-11-20T10:00Z', '2026-11-20T12:00Z'],
    ['9am-1', '2026-11-20T08:00Z', '2026-11-20T12:00Z'],
    ['10pm-1', '2026-11-20T21:00Z', '2026-11-21T00:00Z'],
    // No am/pm and an unpadded small end: a 12-hour clock.
    ['9-5', '2026-11-20T08:00Z', '2026-11-20T16:00Z'],
    // Crossing midnight ends the next day.
    ['22:00-01:00', '2026-11-20T21:00Z', '2026-11-21T00:00Z'],
    ['23-2', '2026-11-20T22:00Z', '2026-11-21T01:00Z'],
    ['22:00-24:00', '2026-11-20T21:00Z', '2026-11-20T23:00Z'],
    ['0:00-24:00', '2026-11-19T23:00Z', '2026-11-20T23:00Z'],
    ['14:00-now', '2026-11-20T13:00Z', '2026-11-20T15:00Z'],
    // "now" without a day reaches back to the most recent 23:00.
    ['23:00-now', '2026-11-19T22:00Z', '2026-11-20T15:00Z'],
  ])('%s', (text, start, end) => {
    expect(read(text)).toMatchObject({ start, end });
  });
});

describe('durations', () => {
  it.each([
    ['1h30', 90],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['1h30 min', 90],
    ['1 hour 30 minutes', 90],
    ['90m', 90],
    ['90 min', 90],
    ['1.5h', 90],
    ['1,5h', 90],
    ['45m', 45],
    ['2h', 120],
    ['2 hrs', 120],
    ['24h', 24 * 60],
  ])('%s alone ends now', (text, minutes) => {
    const result = parseTimeEntry(text, BERLIN);
    expect(result).toMatchObject({ ok: true, end: NOW, start: NOW - minutes * MIN, future: false });
  });

  it('ends now even when the user is looking at another day', () => {
    expect(parseTimeEntry('45m', { ...BERLIN, defaultDate: Date.parse('2026-11-02T12:00Z') })).toMatchObject({ ok: true, end: NOW });
  });

  it.each([
    ['14:00 45m', '2026-11-20T13:00Z', '2026-11-20T13:45Z'],
    ['14:00 for 45m', '2026-11-20T13:00Z', '2026-11-20T13:45Z'],
    ['14:00+45m', '2026-11-20T13:00Z', '2026-11-20T13:45Z'],
    ['14:00 + 1h30', '2026-11-20T13:00Z', '2026-11-20T14:30Z'],
    ['9 2h', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['2pm 30m', '2026-11-20T13:00Z', '2026-11-20T13:30Z'],
  ])('start and duration: %s', (text, start, end) => {
    expect(read(text)).toMatchObject({ start, end });
  });
});

describe('days', () => {
  it.each([
    ['yesterday 14:00 45m', '2026-11-19T13:00Z', '2026-11-19T13:45Z'],
    ['Yesterday, 9-11', '2026-11-19T08:00Z', '2026-11-19T10:00Z'],
    ['yesterday at 14:00 for 1h', '2026-11-19T13:00Z', '2026-11-19T14:00Z'],
    ['today 9-11', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['tomorrow 9-10', '2026-11-21T08:00Z', '2026-11-21T09:00Z'],
    // Weekdays: the most recent one that is not in the future, today included.
    ['mon 9-11', '2026-11-16T08:00Z', '2026-11-16T10:00Z'],
    ['Monday 9-11', '2026-11-16T08:00Z', '2026-11-16T10:00Z'],
    ['fri 9-11', '2026-11-20T08:00Z', '2026-11-20T10:00Z'],
    ['sat 9-11', '2026-11-14T08:00Z', '2026-11-14T10:00Z'],
    ['thurs. 9-11', '2026-11-19T08:00Z', '2026-11-19T10:00Z'],
    ['2026-11-02 9-11', '2026-11-02T08:00Z', '2026-11-02T10:00Z'],
    ['2026-11-02 22:00-01:00', '2026-11-02T21:00Z', '2026-11-03T00:00Z'],
  ])('%s', (text, start, end) => {
    expect(read(text)).toMatchObject({ start, end });
  });

  it('uses defaultDate when a time is given without a day', () => {
    const context = { ...BERLIN, defaultDate: Date.parse('2026-11-02T23:30Z') }; // 00:30 on 3 Nov in Berlin
    expect(read('9-11', context)).toMatchObject({ start: '2026-11-03T08:00Z', end: '2026-11-03T10:00Z' });
    expect(read('14:00 45m', context)).toMatchObject({ start: '2026-11-03T13:00Z' });
    expect(read('yesterday 9-11', context)).toMatchObject({ start: '2026-11-19T08:00Z' });
  });

  it('reads wall times in the given zone', () => {
    expect(read('9-11', { now: NOW, zone: 'Asia/Kathmandu' })).toMatchObject({ start: '2026-11-20T03:15Z', end: '2026-11-20T05:15Z' });
    expect(read('9-11', { now: NOW, zone: 'America/New_York' })).toMatchObject({ start: '2026-11-20T14:00Z', end: '2026-11-20T16:00Z' });
    // 01:00 UTC on the 21st is still the 20th in New York.
    expect(read('yesterday 9-11', { now: Date.parse('2026-11-21T01:00Z'), zone: 'America/New_York' })).toMatchObject({ start: '2026-11-19T14:00Z' });
  });
});

describe('DST days', () => {
  it.each([
    // Berlin springs forward at 02:00 on 29 March 2026: the day has 23 hours.
    ['2026-03-29 1:30-3:30', '2026-03-29T00:30Z', '2026-03-29T01:30Z'],
    ['2026-03-29 0:00-24:00', '2026-03-28T23:00Z', '2026-03-29T22:00Z'],
    ['2026-03-29 1:00 for 2h', '2026-03-29T00:00Z', '2026-03-29T02:00Z'],
    // And falls back at 03:00 on 25 October: 03:00 itself is the second pass's end, 01:30 is before the change.
    ['2026-10-25 1:30-3:30', '2026-10-24T23:30Z', '2026-10-25T02:30Z'],
    ['2026-10-24 23:00-04:00', '2026-10-24T21:00Z', '2026-10-25T03:00Z'],
  ])('%s', (text, start, end) => {
    expect(read(text, { now: NOW, zone: 'Europe/Berlin' })).toMatchObject({ start, end });
  });

  /** The context with the person's answer to each question asked, picked by `pick` (0 = first button). */
  function answering(text: string, pick: (question: { key: string }) => 0 | 1): EntryContext {
    const answers = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const result = parseTimeEntry(text, { ...BERLIN, answers });
      if (result.ok || result.question === undefined) break;
      answers.set(result.question.key, result.question.choices[pick(result.question)].at);
    }
    return { ...BERLIN, answers };
  }

  it('asks, in words, which reading of a start in the spring gap was meant, and saves nothing until answered', () => {
    const result = parseTimeEntry('2026-03-29 2:30-4:00', BERLIN);
    expect(result).toMatchObject({ ok: false, code: 'ambiguous-time' });
    if (result.ok) return;
    expect(result.message).toBe('02:30 does not exist on 29 March in Berlin (clocks went forward at 02:00). Use 01:59 CET or 03:30 CEST?');
    expect(result.question?.choices.map((c) => c.label)).toEqual(['01:59 CET', '03:30 CEST']);
    expect(
      read(
        '2026-03-29 2:30-4:00',
        answering('2026-03-29 2:30-4:00', () => 1),
      ),
    ).toMatchObject({ start: '2026-03-29T01:30Z', end: '2026-03-29T02:00Z' });
    expect(
      read(
        '2026-03-29 2:30-4:00',
        answering('2026-03-29 2:30-4:00', () => 0),
      ),
    ).toMatchObject({ start: '2026-03-29T00:59Z', end: '2026-03-29T02:00Z' });
  });

  it('asks which pass of the repeated hour each end means, and reads the answers', () => {
    expect(refusal('2026-10-25 2:15-2:45').message).toBe('02:15 happens twice on 25 October in Berlin. The first (CEST, UTC+2) or the second (CET, UTC+1)?');
    expect(
      read(
        '2026-10-25 2:15-2:45',
        answering('2026-10-25 2:15-2:45', () => 0),
      ),
    ).toMatchObject({ start: '2026-10-25T00:15Z', end: '2026-10-25T00:45Z' });
    expect(
      read(
        '2026-10-25 2:15-2:45',
        answering('2026-10-25 2:15-2:45', () => 1),
      ),
    ).toMatchObject({ start: '2026-10-25T01:15Z', end: '2026-10-25T01:45Z' });
    // The first 02:15 to the second 02:45 is an hour and a half of real time.
    const crossing = answering('2026-10-25 2:15-2:45', (q) => (q.key.endsWith('T02:15') ? 0 : 1));
    expect(read('2026-10-25 2:15-2:45', crossing)).toMatchObject({ start: '2026-10-25T00:15Z', end: '2026-10-25T01:45Z' });
  });

  it('refuses a range that the gap empties, once its start is read after the gap', () => {
    expect(
      refusal(
        '2026-03-29 2:30-3:00',
        answering('2026-03-29 2:30-3:00', () => 1),
      ).code,
    ).toBe('empty-range');
  });

  it('refuses a 0:00-24:00 block on a 25-hour day', () => {
    expect(refusal('2026-10-25 0:00-24:00').code).toBe('too-long');
  });
});

describe('descriptions and the future flag', () => {
  it.each([
    ['9-11 call with Acme', 'call with Acme'],
    ['9-11: call with Acme', 'call with Acme'],
    ['9-11, call', 'call'],
    ['9-11 - Call', 'Call'],
    ['2h writing report', 'writing report'],
    ['14:00 45m  review   PR', 'review PR'],
    ['9-11 3 calls', '3 calls'],
    ['9-11 amazing', 'amazing'],
  ])('%s', (text, description) => {
    expect(read(text).description).toBe(description);
  });

  it('flags blocks that end more than a minute after now, without refusing them', () => {
    expect(read('tomorrow 9-10').future).toBe(true);
    expect(read('15:00-17:00').future).toBe(true);
    expect(read('15:00-16:01').future).toBe(false);
    expect(read('15:00-16:02').future).toBe(true);
    expect(read('2h').future).toBe(false);
  });
});

describe('refusals', () => {
  it.each<[string, EntryErrorCode, string]>([
    ['', 'empty', 'Type a time. Try 9:30-11, 1h30 or yesterday 14:00 45m.'],
    ['   ', 'empty', 'Type a time.'],
    ['9:3o', 'unreadable', 'Could not read "9:3o". Try 9:30-11, 1h30 or yesterday 14:00 45m.'],
    ['yesterday 9:3o', 'unreadable', 'Could not read "9:3o".'],
    ['lunch', 'unreadable', 'Could not read "lunch".'],
    ['9-11x', 'unreadable', 'Could not read "9-11x".'],
    ['9-11 30m', 'unreadable', 'more than one time or duration'],
    ['9-11 14:00', 'unreadable', 'more than one time or duration'],
    ['2h 30', 'unreadable', 'more than one time or duration'],
    ['25:00-26:00', 'invalid-time', '"25:00" is not a time of day: hours go from 0 to 23.'],
    ['9:75-10', 'invalid-time', '"9:75" is not a time of day: minutes go from 00 to 59.'],
    ['9-10:60', 'invalid-time', 'minutes go from 00 to 59'],
    ['13pm-2pm', 'invalid-time', 'with am or pm, hours go from 1 to 12'],
    ['24:00-1:00', 'invalid-time', 'cannot start at 24:00'],
    ['9-24:30', 'invalid-time', 'hours go from 0 to 23'],
    ['0m', 'invalid-time', 'no time at all'],
    ['1.5h30', 'invalid-time', 'mixes decimal hours with minutes'],
    ['2026-02-30 9-11', 'invalid-date', '"2026-02-30" is not a date on the calendar.'],
    ['14:00', 'missing-end', '"14:00" has a start but no end.'],
    ['9am', 'missing-end', 'such as 9am 45m'],
    ['yesterday', 'missing-time', '"yesterday" needs a time'],
    ['2026-11-02', 'missing-time', 'needs a time'],
    ['yesterday 45m', 'missing-time', 'needs a start time on that day, such as 14:00 45m'],
    ['9-9', 'empty-range', 'starts and ends at the same time'],
    ['9:00-09:00', 'empty-range', 'starts and ends at the same time'],
    ['today 17:00-now', 'empty-range', 'does not end after it starts'],
    ['25h', 'too-long', 'longer than 24 hours'],
    ['9:00 25h', 'too-long', 'longer than 24 hours'],
    ['1500m', 'too-long', 'longer than 24 hours'],
  ])('%j: %s', (text, code, message) => {
    const got = refusal(text);
    expect(got.code).toBe(code);
    expect(got.message).toContain(message);
  });

  it('shortens a long unreadable word in the message', () => {
    expect(refusal('x'.repeat(200)).message).toBe(`Could not read "${'x'.repeat(23)}…". Try 9:30-11, 1h30 or yesterday 14:00 45m.`);
  });
});

describe('properties', () => {
  const piece = fc.constantFrom(
    '9',
    '09',
    '9:30',
    '9.30',
    '14h',
    '14h30',
    '23:59',
    '0:00',
    '12',
    '24:00',
    '25:00',
    '9:75',
    '2pm',
    '12am',
    '11 a.m.',
    '0930',
    '-',
    ' - ',
    '–',
    ' to ',
    ' ',
    '+',
    ' for ',
    ', ',
    ':',
    '45m',
    '1h30',
    '1h 30m',
    '1.5h',
    '1,5h',
    '90 min',
    '24h',
    '0m',
    'yesterday ',
    'today ',
    'tomorrow ',
    'mon ',
    'sun ',
    '2026-03-29 ',
    '2026-10-25 ',
    '2026-02-30 ',
    'now',
    'call',
    'x',
  );
  const typed = fc.oneof(
    fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
    fc.string({ maxLength: 20 }),
  );
  const context = fc.record({
    now: fc.integer({ min: Date.parse('2020-01-01T00:00Z'), max: Date.parse('2030-01-01T00:00Z') }),
    zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'),
    defaultDate: fc.option(fc.integer({ min: Date.parse('2020-01-01T00:00Z'), max: Date.parse('2030-01-01T00:00Z') }), { nil: undefined }),
  });

  it('every accepted entry starts before it ends and lasts at most 24 h; every refusal says something', () => {
    fc.assert(
      fc.property(typed, context, (text, ctx) => {
        const result = parseTimeEntry(text, ctx);
        if (result.ok) {
          expect(result.start).toBeLessThan(result.end);
          expect(result.end - result.start).toBeLessThanOrEqual(24 * HOUR);
          expect(result.future).toBe(result.end > ctx.now + MIN);
        } else {
          expect(result.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
