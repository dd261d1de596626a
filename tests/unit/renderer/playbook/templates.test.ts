import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PHASE_TEMPLATES, phasesFromTemplate, type PhaseTemplateId } from '../../../../src-renderer/playbook/templates.ts';
import { phaseFields } from '../../../../src-renderer/domain/phase.ts';

const WITH_PHASES: PhaseTemplateId[] = ['ai-lifecycle', 'crisp-dm'];

describe('PHASE_TEMPLATES', () => {
  it('lists the AI lifecycle and CRISP-DM stages in order', () => {
    expect(PHASE_TEMPLATES['ai-lifecycle'].phases.map((p) => p.name)).toEqual([
      'Discovery',
      'Feasibility / POC',
      'Iterative development',
      'Integration and deployment',
      'Monitoring and maintenance',
    ]);
    expect(PHASE_TEMPLATES['crisp-dm'].phases.map((p) => p.name)).toEqual([
      'Business understanding',
      'Data understanding',
      'Data preparation',
      'Modeling',
      'Evaluation',
      'Deployment',
    ]);
    expect(PHASE_TEMPLATES.custom.phases).toEqual([]);
  });

  it.each(WITH_PHASES)('%s: shares are whole percents adding to 100, criteria one line each', (id) => {
    const { phases } = PHASE_TEMPLATES[id];
    expect(phases.reduce((sum, p) => sum + p.sharePercent, 0)).toBe(100);
    for (const p of phases) {
      expect(Number.isInteger(p.sharePercent) && p.sharePercent > 0).toBe(true);
      expect(p.exitCriteria).toMatch(/^[^\n]{10,120}$/u);
    }
    expect(PHASE_TEMPLATES[id].id).toBe(id);
  });
});

describe('phasesFromTemplate', () => {
  it('splits 40 h of the AI lifecycle by share, first phase active', () => {
    expect(phasesFromTemplate('ai-lifecycle', 40)).toEqual([
      { name: 'Discovery', order: 0, budgetHours: 4, exitCriteria: expect.any(String), status: 'active' },
      { name: 'Feasibility / POC', order: 1, budgetHours: 8, exitCriteria: expect.stringContaining('or we stop'), status: 'planned' },
      { name: 'Iterative development', order: 2, budgetHours: 16, exitCriteria: expect.any(String), status: 'planned' },
      { name: 'Integration and deployment', order: 3, budgetHours: 8, exitCriteria: expect.any(String), status: 'planned' },
      { name: 'Monitoring and maintenance', order: 4, budgetHours: 4, exitCriteria: expect.any(String), status: 'planned' },
    ]);
  });

  it('rounds to half hours and puts the remainder on the largest phase', () => {
    // 33 h of CRISP-DM: 3.3, 4.95, (9.9), 6.6, 4.95, 3.3 → 3.5, 5, 6.5, 5, 3.5 and the rest, 9.5.
    expect(phasesFromTemplate('crisp-dm', 33).map((p) => p.budgetHours)).toEqual([3.5, 5, 9.5, 6.5, 5, 3.5]);
    // Ties go down, so a tiny budget is not eaten by the small phases.
    expect(phasesFromTemplate('crisp-dm', 2.5).map((p) => p.budgetHours)).toEqual([0, 0.5, 1, 0.5, 0.5, 0]);
  });

  it('gives no phases for custom, and zero budgets for a zero estimate', () => {
    expect(phasesFromTemplate('custom', 100)).toEqual([]);
    expect(phasesFromTemplate('ai-lifecycle', 0).map((p) => p.budgetHours)).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses a negative or non-finite estimate', () => {
    expect(() => phasesFromTemplate('crisp-dm', -1)).toThrow(RangeError);
    expect(() => phasesFromTemplate('crisp-dm', Number.NaN)).toThrow(RangeError);
  });

  it('property: budgets are non-negative half hours (but the largest) that sum exactly to a half-hour total', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WITH_PHASES), fc.integer({ min: 0, max: 200_000 }), (id, halves) => {
        const total = halves / 2;
        const phases = phasesFromTemplate(id, total);
        expect(phases.reduce((sum, p) => sum + p.budgetHours, 0)).toBe(total);
        for (const p of phases) {
          expect(p.budgetHours).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(p.budgetHours * 2)).toBe(true);
        }
      }),
    );
  });

  it('property: any total still sums to it, with valid phase fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WITH_PHASES), fc.double({ min: 0, max: 10_000, noNaN: true }), (id, total) => {
        const phases = phasesFromTemplate(id, total);
        const sum = phases.reduce((s, p) => s + p.budgetHours, 0);
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
        for (const p of phases) {
          expect(phaseFields.pick({ name: true, order: true, budgetHours: true, exitCriteria: true, status: true }).safeParse(p).success).toBe(true);
        }
      }),
    );
  });
});
