/**
 * Whatever a person types, a form's refusal is in words: no schema path, no validator wording.
 * Each form's checker gets arbitrary text in every field (long, empty, symbols, other scripts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFormValues, toClientInput } from '../../../../src-renderer/clients/client-form.ts';
import { checkTargetForm, EMPTY_TARGET_FORM } from '../../../../src-renderer/locality/target-form.ts';
import { projectFormValues, toProjectInput } from '../../../../src-renderer/projects/project-form.ts';
import { validatorText } from '../../support/validator-text.ts';

/** Typed text; without quote marks, since a message quotes what was typed and the scan skips quoted text. */
const typed = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ minLength: 190, maxLength: 400 }),
    fc.constantFrom('', ' ', '€', '-12', '12,5', '1e9', 'Mars/Olympus', 'eur', 'XX', 'not an email', '０１２', '٣', '\u0000'),
  )
  .filter((text) => !/["“”]/u.test(text));

describe('form refusals are words', () => {
  it('the client form', () => {
    fc.assert(
      fc.property(
        fc.record({ name: typed, email: typed, phone: typed, country: typed, timeZone: typed, currency: typed, rate: typed, retention: typed, address: typed }),
        (fields) => {
          const result = toClientInput({ ...clientFormValues(), ...fields });
          if (result.ok) return;
          for (const message of Object.values(result.errors)) expect(validatorText(message ?? ''), message).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the add-target form', () => {
    fc.assert(
      fc.property(
        fc.record({
          label: typed,
          kind: fc.constantFrom('s3', 'webdav', 'folder'),
          region: typed,
          endpoint: typed,
          bucket: typed,
          declaredCountry: typed,
          user: typed,
          secret: typed,
        }),
        (fields) => {
          const result = checkTargetForm({ ...EMPTY_TARGET_FORM, ...fields } as typeof EMPTY_TARGET_FORM);
          if (!result.ok) expect(validatorText(result.message), result.message).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the project form, under every billing model', () => {
    fc.assert(
      fc.property(
        fc.record({
          clientId: fc.constantFrom('', 'c1'),
          name: typed,
          billingKind: fc.constantFrom('hourly' as const, 'fixed' as const, 'value' as const, 'retainer' as const),
          rate: typed,
          fee: typed,
          hoursPerMonth: typed,
          estimateHours: typed,
          start: fc.constantFrom('', '2026-12-01', '2026-12-10'),
          due: fc.constantFrom('', '2026-12-01', '2026-12-10'),
          valueBasis: typed,
        }),
        (fields) => {
          const result = toProjectInput({ ...projectFormValues(undefined, undefined), ...fields });
          if (result.ok) return;
          for (const message of Object.values(result.errors)) expect(validatorText(message ?? ''), message).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
