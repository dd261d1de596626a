// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayNumber, dayText } from '../../../../../src-renderer/presence/calendar-days.ts';
import type { SourcedDay } from '../../../../../src-renderer/presence/export/accountant-report.ts';
import { shortDay } from '../../../../../src-renderer/presence/screen/day-words.ts';
import { LedgerMonth } from '../../../../../src-renderer/presence/screen/LedgerMonth.tsx';
import { PlanTripCard } from '../../../../../src-renderer/presence/screen/PlanTripCard.tsx';
import type { LedgerDayView, TripDraft, TripsOutcome } from '../../../../../src-renderer/presence/screen/presence-backend.ts';
import { TripRowsForm } from '../../../../../src-renderer/presence/screen/TripRowsForm.tsx';

afterEach(cleanup);

const type = (label: HTMLElement, value: string) => fireEvent.change(label, { target: { value } });

function span(country: string, from: string, to: string): SourcedDay[] {
  const out: SourcedDay[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n += 1) out.push({ day: dayText(n), country, source: 'trip' });
  return out;
}

describe('TripRowsForm (bulk)', () => {
  it('checks every row before sending, skips empty rows, and sends the rest at once', async () => {
    const submit = vi.fn(async (_drafts: TripDraft[]): Promise<TripsOutcome> => ({ ok: true, trips: [] }));
    const done = vi.fn();
    const empty = { from: '', to: '', country: '', note: '' };
    render(<TripRowsForm initial={[empty, empty, empty]} bulk submitLabel="Save trips" onSubmit={submit} onDone={done} />);
    const rows = screen.getAllByRole('group');
    const first = within(rows[0] as HTMLElement);
    type(first.getByLabelText('From'), '2026-03-20');
    type(first.getByLabelText('To'), '2026-03-01');
    type(first.getByLabelText('Country'), 'PT');
    fireEvent.click(screen.getByRole('button', { name: 'Save trips' }));
    expect(await screen.findByText('To: must not be before From')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();

    type(first.getByLabelText('To'), '2026-03-25');
    const second = within(rows[2] as HTMLElement);
    type(second.getByLabelText('From'), '2026-03-25');
    type(second.getByLabelText('To'), '2026-04-02');
    type(second.getByLabelText('Country'), 'ES');
    type(second.getByLabelText('Note'), 'Zürich → Αθήνα via Madrid');
    fireEvent.click(screen.getByRole('button', { name: 'Save trips' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(submit).toHaveBeenCalledWith([
      { from: '2026-03-20', to: '2026-03-25', country: 'PT', note: '' },
      { from: '2026-03-25', to: '2026-04-02', country: 'ES', note: 'Zürich → Αθήνα via Madrid' },
    ]);
  });

  it("puts the ledger's refusal on the row it names, counted among the rows on screen", async () => {
    const submit = vi.fn(async (): Promise<TripsOutcome> => ({
      ok: false,
      errors: [{ row: 1, field: null, message: 'Trip overlaps Portugal, 1–20 March 2026.' }],
    }));
    const empty = { from: '', to: '', country: '', note: '' };
    render(
      <TripRowsForm
        initial={[{ from: '2026-05-01', to: '2026-05-02', country: 'FR', note: '' }, empty, { from: '2026-03-10', to: '2026-03-12', country: 'PT', note: '' }]}
        bulk
        submitLabel="Save trips"
        onSubmit={submit}
        onDone={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save trips' }));
    // The ledger saw two rows; its row 1 (the second sent) is the third on screen.
    expect((await screen.findByRole('alert')).textContent).toBe('Row 3: Trip overlaps Portugal, 1–20 March 2026.');
  });
});

describe('PlanTripCard', () => {
  const days = [...span('PT', '2026-09-01', '2026-09-30'), ...span('DE', '2026-11-20', '2026-12-20')];

  it('answers whether a trip fits, and saves it as a planned trip on request', async () => {
    const save = vi.fn(async (_d: TripDraft): Promise<TripsOutcome> => ({ ok: true, trips: [] }));
    render(<PlanTripCard days={days} today="2026-12-07" save={save} />);
    type(screen.getByLabelText('From'), '2027-03-01');
    type(screen.getByLabelText('To'), '2027-04-30');
    type(screen.getByLabelText('Country'), 'FR');
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    const answer = await screen.findByTestId('plan-answer');
    // Dates in the person's locale (the test runner's): "1 Mar 2027" or "Mar 1, 2027".
    const d = (day: string) => shortDay(day, '2026-12-07');
    expect(answer.textContent).toContain(`Does not fit: 2 days too long. Entering on ${d('2027-03-01')}, the latest exit is ${d('2027-04-28')}.`);

    type(screen.getByLabelText('To'), '2027-04-28');
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect((await screen.findByTestId('plan-answer')).textContent).toContain(`Fits: on ${d('2027-04-28')} you will have used 90 days, 0 left.`);
    fireEvent.click(screen.getByRole('button', { name: 'Save as a planned trip' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ from: '2027-03-01', to: '2027-04-28', country: 'FR', note: '' }));
    expect((await screen.findByText(/^Saved: /u)).textContent).toBe(`Saved: France, ${d('2027-03-01')} – ${d('2027-04-28')}.`);
  });

  it('asks for what is missing, in the words of the fields', () => {
    render(<PlanTripCard days={[]} today="2026-12-07" save={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText('From: choose the first day')).toBeTruthy();
    expect(screen.getByText('Country: choose a country')).toBeTruthy();
    expect(screen.queryByTestId('plan-answer')).toBeNull();
  });
});

describe('LedgerMonth', () => {
  const days: LedgerDayView[] = [
    {
      day: '2026-12-05',
      corrected: true,
      note: 'Train Wien → München',
      conflict: null,
      countries: [
        { country: 'AT', source: 'manual', midnight: false, confirmed: true },
        { country: 'DE', source: 'manual', midnight: true, confirmed: true },
      ],
    },
    {
      day: '2026-12-06',
      corrected: false,
      note: '',
      conflict: 'Your blocks were in Lisbon (PT), the trip says Germany',
      countries: [
        { country: 'DE', source: 'trip', midnight: false, confirmed: true },
        { country: 'PT', source: 'blocks', midnight: false, confirmed: false },
      ],
    },
    { day: '2026-12-07', corrected: false, note: '', conflict: null, countries: [{ country: 'DE', source: 'device', midnight: false, confirmed: false }] },
  ];

  it('shows each day with its sources, hints marked as such, conflicts and corrections', () => {
    render(
      <LedgerMonth days={days} today="2026-12-07" actions={{ setDay: vi.fn(), clearDay: vi.fn(), confirmHints: vi.fn(), changed: vi.fn(), told: vi.fn() }} />,
    );
    const rows = screen.getAllByTestId('ledger-day');
    expect(rows.map((r) => r.getAttribute('data-day'))).toEqual(['2026-12-05', '2026-12-06', '2026-12-07']);
    expect(rows[0]?.textContent).toContain('Train Wien → München');
    expect(within(rows[0] as HTMLElement).getByRole('button', { name: /^Clear the correction of/u })).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByRole('button', { name: /^Clear/u })).toBeNull();
    expect(rows[1]?.textContent).toContain('⚠ Your blocks were in Lisbon (PT), the trip says Germany');
    const hints = (rows[1] as HTMLElement).querySelectorAll('.presence-country.hint');
    expect([...hints].map((h) => h.textContent)).toEqual(['Portugal blockshint']);
  });

  it('confirms the hints of a range at once', async () => {
    const confirmHints = vi.fn(async (list: string[]) => list.length);
    const told = vi.fn();
    render(<LedgerMonth days={days} today="2026-12-07" actions={{ setDay: vi.fn(), clearDay: vi.fn(), confirmHints, changed: vi.fn(), told }} />);
    const form = screen.getByRole('form', { name: 'Confirm hints' });
    type(within(form).getByLabelText('From'), '2026-12-06');
    fireEvent.click(within(form).getByRole('button', { name: 'Confirm these hints (2)' }));
    await waitFor(() => expect(confirmHints).toHaveBeenCalledWith(['2026-12-06', '2026-12-07']));
    expect(told).toHaveBeenCalledWith('Confirmed the hints of 2 days.');
  });
});
