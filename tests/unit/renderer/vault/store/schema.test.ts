/** The schema's clear fields: indexed only where declared, and each one justified in the threat model. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_TABLES, STORES } from '../../../../../src-renderer/vault/store/schema.ts';

/** Field names of each index declaration: 'id, [projectId+day]' -> id, projectId, day. */
function indexedFields(declaration: string): string[] {
  return declaration
    .split(',')
    .map((part) => part.trim().replace(/^(\+\+|&|\*)/, ''))
    .flatMap((part) => (part.startsWith('[') ? part.slice(1, -1).split('+') : [part]));
}

/** Rows of the store's table in docs/threat-model.md: [table cell, field cell]. */
function threatModelRows(): Array<[string, string]> {
  const doc = readFileSync(new URL('../../../../../docs/threat-model.md', import.meta.url), 'utf8');
  const lines = doc.slice(doc.indexOf('### The encrypted workspace store')).split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Table | Clear field |'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines
    .slice(start + 2, end)
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1] ?? '', cells[2] ?? ''] as [string, string]);
}

describe('store schema', () => {
  it('indexes only clear fields', () => {
    for (const [table, spec] of Object.entries(ENCRYPTED_TABLES)) {
      for (const field of indexedFields(STORES[table as keyof typeof STORES])) expect(spec.clearFields, `${table}.${field}`).toContain(field);
    }
    expect(indexedFields(STORES.clientKeys)).toEqual(['clientId']);
  });

  it('lists every clear field in docs/threat-model.md with a reason', () => {
    const rows = threatModelRows();
    const listed = (table: string, field: string) =>
      rows.some(
        ([tables, fields]) =>
          (tables.includes(`\`${table}\``) || tables === 'every encrypted table') &&
          fields
            .split(',')
            .map((f) => f.trim())
            .includes(`\`${field}\``),
      );
    for (const [table, spec] of Object.entries(ENCRYPTED_TABLES)) {
      for (const field of [...spec.clearFields, 'v', 'ct']) expect(listed(table, field), `${table}.${field}`).toBe(true);
    }
    expect(listed('clientKeys', 'clientId') && listed('clientKeys', 'wrapped') && listed('clientKeys', 'epoch')).toBe(true);
    // And nothing listed that the schema does not store.
    for (const [tables, fields] of rows) {
      if (tables === 'every encrypted table') continue;
      const table = tables.replaceAll('`', '');
      const known = table === 'clientKeys' ? ['clientId', 'wrapped', 'epoch'] : ENCRYPTED_TABLES[table as keyof typeof ENCRYPTED_TABLES]?.clearFields;
      expect(known, table).toBeDefined();
      for (const field of fields.split(',').map((f) => f.trim().replaceAll('`', ''))) expect(known, `${table}.${field}`).toContain(field);
    }
  });

  it('derives key ids and associated-data ids from clear fields only', () => {
    const record = { id: 'r1', clientId: 'c1', projectId: 'p1', start: 86_400_000 * 3 + 5, seq: 7, partition: 'client:c1', name: 'secret' };
    for (const [table, spec] of Object.entries(ENCRYPTED_TABLES)) {
      const clear = spec.clear(record);
      expect(
        Object.keys(clear).every((k) => spec.clearFields.includes(k)),
        table,
      ).toBe(true);
      expect(() => spec.keyId(clear), table).not.toThrow();
      expect(() => spec.adId(clear), table).not.toThrow();
    }
    expect(ENCRYPTED_TABLES.timeBlocks.clear(record)).toEqual({ id: 'r1', clientId: 'c1', projectId: 'p1', day: 3 });
    expect(ENCRYPTED_TABLES.clients.keyId({ id: 'r1' })).toBe('client:r1');
    expect(ENCRYPTED_TABLES.settings.keyId({ id: 'theme' })).toBe('workspace');
    expect(() => ENCRYPTED_TABLES.changes.clear({ seq: 1, partition: 'client:' })).toThrow(TypeError);
  });
});
