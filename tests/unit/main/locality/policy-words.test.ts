import { describe, expect, it } from 'vitest';
import { declinedWeakening, describePolicy, unaskedWeakening, weakeningQuestion } from '../../../../src-main/locality/policy-words.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('policy words', () => {
  it('main’s question names the client, both policies, every country it opens and each new attestation', () => {
    const q = weakeningQuestion({
      clientId: CLIENT,
      label: 'Acme GmbH',
      from: { kind: 'zone', zone: 'EEA' },
      to: { kind: 'zone', zone: 'EEA+adequacy' },
      added: ['GB', 'US'],
      removed: [],
      attestations: [{ country: 'US', basis: 'DPF list, checked 2026-11-30', recordedAt: 1 }],
      arrived: { device: '0123456789abcdef0123456789abcdef' },
    });
    expect(q.title).toBe('Allow this client’s data to go further?');
    expect(q.message).toBe('Let “Acme GmbH”’s data go to 2 more countries?');
    expect(q.detail).toContain('Client: “Acme GmbH” (client 3f2a1b2c)');
    expect(q.detail).toContain('In force: the EEA');
    expect(q.detail).toContain('New: the EEA and countries with an EU adequacy decision');
    expect(q.detail).toContain('Newly allowed (2): United Kingdom (GB), United States (US)');
    expect(q.detail).toContain('Attestation for United States (US): “DPF list, checked 2026-11-30”');
    expect(q.detail).toContain('made elsewhere (device 01234567)');
    expect(q.confirmLabel).toBe('Allow');
  });

  it('refusals say what happened and what to do', () => {
    expect(unaskedWeakening(['GB'])).toMatch(/1 more country \(GB\).*nothing changed.*confirm it to apply/);
    expect(declinedWeakening({ clientId: CLIENT, from: { kind: 'countries', countries: ['DE'] }, added: ['FR'] })).toBe(
      'You did not allow client 3f2a1b2c to send data to FR, so nothing changed: the policy in force is still only Germany (DE).',
    );
    expect(describePolicy({ kind: 'device-only' })).toBe('this device only');
  });
});
