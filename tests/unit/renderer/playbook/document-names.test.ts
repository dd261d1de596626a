import { describe, expect, it } from 'vitest';
import { slug, weeklyUpdateStem } from '../../../../src-renderer/playbook/document-names.ts';

describe('weeklyUpdateStem', () => {
  it('derives the name from client and week, in safe characters', () => {
    expect(weeklyUpdateStem('Acme AI GmbH', { year: 2026, week: 49 })).toBe('weekly-update-acme-ai-gmbh-2026-W49');
    expect(weeklyUpdateStem('Müller & Söhne (Straße)', { year: 2027, week: 1 })).toBe('weekly-update-muller-sohne-strasse-2027-W01');
  });

  it('never starts with a dash or a dot, whatever the client is called', () => {
    for (const name of ['-rf', '--help', '.hidden', '— Acme', '日本', '   ', '../../etc/passwd', '\u202Eexe.pdf']) {
      const stem = weeklyUpdateStem(name, { year: 2026, week: 49 });
      expect(stem).toMatch(/^weekly-update-[a-z0-9-]*2026-W49$/u);
      expect(stem).not.toMatch(/--/u);
    }
    expect(weeklyUpdateStem('日本', { year: 2026, week: 49 })).toBe('weekly-update-2026-W49');
  });

  it('keeps a long name short', () => {
    expect(slug('a'.repeat(300))).toHaveLength(40);
    expect(slug(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});
