import { describe, expect, it } from 'vitest';
import { outcomeLabel, suggestOutcome } from '../../../../src-renderer/projects/experiment-outcome.ts';
import { parseDecimal } from '../../../../src-renderer/projects/form-fields.ts';

describe('suggestOutcome', () => {
  it('F1 0.66 against a 0.70 target is not met: refuted, never supported', () => {
    expect(suggestOutcome({ metricName: 'F1', baseline: 0.62, target: 0.7, value: 0.66 })).toEqual({
      outcome: 'refuted',
      reason: 'F1 0.66 is below the 0.7 target: target not met.',
    });
  });

  it('a value at or above the target meets it', () => {
    expect(suggestOutcome({ metricName: 'F1', target: 0.7, value: 0.7 })?.outcome).toBe('supported');
    expect(suggestOutcome({ metricName: 'F1', target: 0.7, value: 0.73 })?.reason).toBe('F1 0.73 is above the 0.7 target: target met.');
  });

  it('a target under the baseline means lower is better (latency)', () => {
    expect(suggestOutcome({ metricName: 'p95 ms', baseline: 400, target: 250, value: 240 })).toEqual({
      outcome: 'supported',
      reason: 'p95 ms 240 is below the 250 target (lower is better): target met.',
    });
    expect(suggestOutcome({ metricName: 'p95 ms', baseline: 400, target: 250, value: 300 })?.outcome).toBe('refuted');
  });

  it('suggests nothing without a target or a measured value', () => {
    expect(suggestOutcome({ metricName: 'F1', baseline: 0.62, value: 0.66 })).toBeNull();
    expect(suggestOutcome({ metricName: 'F1', target: 0.7 })).toBeNull();
  });
});

describe('outcomeLabel', () => {
  it('says pending until an outcome is chosen, and never "Confirmed"', () => {
    expect(outcomeLabel({ status: 'running' })).toBe('Running · outcome pending');
    expect(outcomeLabel({ status: 'concluded' })).toBe('Pending');
    expect(outcomeLabel({ status: 'concluded', outcome: 'refuted' })).toBe('Refuted');
    expect(outcomeLabel({ status: 'concluded', outcome: 'supported' })).toBe('Supported');
  });
});

describe('parseDecimal', () => {
  it('reads a point or a comma, empty as absent, anything else as NaN', () => {
    expect(parseDecimal('0,73')).toBe(0.73);
    expect(parseDecimal(' 0.7 ')).toBe(0.7);
    expect(parseDecimal('-12')).toBe(-12);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('0.7x')).toBeNaN();
    expect(parseDecimal('1e3')).toBeNaN();
  });
});
