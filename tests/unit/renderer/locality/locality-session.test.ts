/** What the person is told when main holds a client back at unlock: who, why, and that the others sync. */
import { describe, expect, it } from 'vitest';
import { awaitingMessage, heldBackMessage, toPolicyWire } from '../../../../src-renderer/locality/locality-session.ts';

describe('heldBackMessage', () => {
  it('says nothing when every policy was read', () => {
    expect(heldBackMessage([])).toBeNull();
  });

  it('names each client held back with main’s reason, and says the others sync', () => {
    const one = heldBackMessage([{ clientId: 'c1', name: 'Prishtina Studio', problem: 'countries.0: "ZZ" is not an ISO 3166-1 alpha-2 country code' }]);
    expect(one).toBe(
      'The locality guard could not read the residency policy of Prishtina Studio ("ZZ" is not an ISO 3166-1 alpha-2 country code). Nothing of this client will be synced until the policy is saved again in the client\'s settings; the other clients sync as usual.',
    );
    const two = heldBackMessage([
      { clientId: 'c1', name: 'A', problem: 'x' },
      { clientId: 'c2', name: 'B', problem: 'y' },
    ]);
    expect(two).toContain('A (x); B (y)');
    expect(two).toContain('Nothing of these clients');
  });
});

describe('toPolicyWire', () => {
  it('copies a policy without sharing its arrays, and drops an empty attestation list', () => {
    const stored = { kind: 'countries' as const, countries: ['DE', 'XK'], attestations: [] };
    const wire = toPolicyWire(stored);
    expect(wire).toEqual({ kind: 'countries', countries: ['DE', 'XK'] });
    expect(wire.kind === 'countries' && wire.countries).not.toBe(stored.countries);
  });
});

describe('awaitingMessage', () => {
  it('names the clients whose wider policy waits, says they do not leave the device, and where to review', () => {
    expect(awaitingMessage([])).toBeNull();
    expect(awaitingMessage([{ clientId: 'c1', name: 'Acme', added: ['GB'] }])).toBe(
      'A wider residency policy for Acme was made on another device or in a bundle. Nothing of this client leaves this device until you allow it here: Clients, Review.',
    );
    const two = awaitingMessage([
      { clientId: 'c1', name: 'A', added: ['GB'] },
      { clientId: 'c2', name: 'B', added: ['US'] },
    ]);
    expect(two).toContain('Wider residency policies for A, B were made');
    expect(two).toContain('Nothing of these clients');
  });
});
