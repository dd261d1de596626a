/**
 * Days per country per tax year (tax-year.ts `daysPerCountry`), so far and with planned trips, each
 * with its status against the country's threshold and the days whose end is unknown (uncertain under
 * the midnight rule). Each country's rule is edited in place and stored in `presence.rules`.
 */
import { Fragment, useId, useMemo, useState } from 'react';
import type { PresenceRules } from '../../domain/presence.ts';
import { daysPerCountry, defaultRule, type CountryYearCount, type TaxYearRule } from '../tax-year.ts';
import type { SourcedDay } from '../export/accountant-report.ts';
import { countryLabel, dayRange } from './day-words.ts';
import type { WriteOutcome } from './presence-backend.ts';
import { RuleEditor } from './RuleEditor.tsx';

const STATUS_WORDS = { ok: 'ok', warning: 'warning', over: 'over' } as const;

export function TaxYearsSection({
  days,
  rules,
  today,
  saveRule,
}: {
  days: readonly SourcedDay[];
  rules: PresenceRules;
  today: string;
  saveRule: (country: string, rule: TaxYearRule | null) => Promise<WriteOutcome>;
}) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const counts = useMemo(() => {
    const soFar = daysPerCountry(
      days.filter((d) => d.day <= today),
      rules.taxYears,
    );
    const planned = new Map(daysPerCountry(days, rules.taxYears).map((c) => [`${c.country} ${c.year.start}`, c]));
    const rows = soFar.map((c) => ({ count: c, withPlanned: planned.get(`${c.country} ${c.year.start}`)?.days ?? c.days }));
    // Years still to come (only planned days) after the ones already under way.
    for (const [key, c] of planned)
      if (!soFar.some((s) => `${s.country} ${s.year.start}` === key)) rows.push({ count: { ...c, days: 0, uncertain: 0, status: 'ok' }, withPlanned: c.days });
    return rows.sort((a, b) => b.count.year.start.localeCompare(a.count.year.start) || b.count.days - a.count.days);
  }, [days, rules.taxYears, today]);

  const ruleText = (c: CountryYearCount) =>
    `${c.rule.counting === 'midnight' ? 'midnight' : 'any part of a day'}, ${c.rule.threshold} days${c.rule.warnAt === undefined ? '' : `, warn at ${c.rule.warnAt}`}`;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Tax years</h2>
      <p className="muted">Days counted per country and tax year. Caravan counts the days; whether they make you resident is your accountant’s call.</p>
      {counts.length === 0 ? (
        <p className="muted">No confirmed days yet: add trips or confirm the ledger’s hints, and the counts appear here.</p>
      ) : (
        <table className="list-table presence-tax">
          <caption className="visually-hidden">Days per country per tax year</caption>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col">Tax year</th>
              <th scope="col" className="num">
                Days so far
              </th>
              <th scope="col" className="num">
                With planned
              </th>
              <th scope="col" className="num">
                Uncertain
              </th>
              <th scope="col">Status</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          <tbody>
            {counts.map(({ count: c, withPlanned }) => {
              const key = `${c.country} ${c.year.start}`;
              const editKey = `${key} rule`;
              return (
                <Fragment key={key}>
                  <tr data-testid="tax-row" data-country={c.country} data-year={c.year.label}>
                    <th scope="row">{countryLabel(c.country)}</th>
                    <td>
                      {c.year.label} <span className="muted small">({dayRange(c.year.start, c.year.end, today)})</span>
                    </td>
                    <td className="num" data-testid="tax-days">
                      {c.days}
                    </td>
                    <td className="num">{withPlanned}</td>
                    <td className="num" title="Days in several countries where you did not say where the day ended">
                      {c.uncertain}
                    </td>
                    <td>
                      <span className={`status-badge presence-status-${c.status}`}>{STATUS_WORDS[c.status]}</span>
                    </td>
                    <td>
                      {ruleText(c)}{' '}
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={editing === editKey}
                        onClick={() => setEditing(editing === editKey ? null : editKey)}
                        aria-label={`Edit the rule for ${countryLabel(c.country)}, ${c.year.label}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                  {editing === editKey && (
                    <tr>
                      <td colSpan={7}>
                        <RuleEditor
                          country={c.country}
                          rule={rules.taxYears[c.country] ?? defaultRule(c.country)}
                          custom={rules.taxYears[c.country] !== undefined}
                          onSave={(rule) => saveRule(c.country, rule)}
                          onDone={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
