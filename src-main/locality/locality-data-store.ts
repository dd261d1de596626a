/**
 * The locality data in use: the files shipped with this build, replaced by a
 * newer file the person imported (kept in main's data folder). An imported
 * file is validated exactly like the shipped ones and must not be older than
 * what is in use; a saved import that no longer validates (a newer Caravan
 * changed the schema, or the file was edited) is ignored and reported, and
 * the shipped data is used.
 */
import { builtInLocalityData, applyLocalityUpdate, parseLocalityData, type LocalityData, type LocalityDataError } from './locality-data.ts';
import { ZONES_KIND, type LocalityDataFile } from '../../src-preload/contract/places/data-schema.ts';
import type { LocalityDataSummary } from '../../src-preload/contract/locality.ts';
import type { JsonStore } from './target-registry.ts';

export type ImportResult = { ok: true; file: LocalityDataFile; summary: LocalityDataSummary } | { ok: false; error: LocalityDataError };

export class LocalityDataStore {
  private data: LocalityData = builtInLocalityData();
  private imported = { zones: false, regions: false };
  private problem: string | undefined;

  private readonly stores: { zones: JsonStore; regions: JsonStore };

  constructor(stores: { zones: JsonStore; regions: JsonStore }) {
    this.stores = stores;
  }

  async load(): Promise<void> {
    for (const kind of ['zones', 'regions'] as const) {
      const raw = await this.stores[kind].read();
      if (raw === null || raw === undefined) continue;
      const parsed = parseLocalityData(raw);
      const applied = parsed.ok ? applyLocalityUpdate(this.data, parsed.file) : parsed;
      if (applied.ok) {
        this.data = applied.data;
        this.imported[kind] = true;
      } else {
        this.problem = `The imported ${kind} file could not be used (${applied.error.message}); Caravan's own data is in use.`;
      }
    }
  }

  current(): LocalityData {
    return this.data;
  }

  summary(): LocalityDataSummary {
    const part = (kind: 'zones' | 'regions') => ({
      asOf: this.data[kind].asOf,
      sources: this.data[kind].sources.map((s) => ({ title: s.title, ...(s.url ? { url: s.url } : {}) })),
      imported: this.imported[kind],
    });
    return { zones: part('zones'), regions: part('regions'), ...(this.problem ? { problem: this.problem } : {}) };
  }

  /** Validates and applies a file the person chose; nothing changes unless it is valid and not older. */
  async import(text: string): Promise<ImportResult> {
    const parsed = parseLocalityData(text);
    if (!parsed.ok) return parsed;
    const applied = applyLocalityUpdate(this.data, parsed.file);
    if (!applied.ok) return applied;
    const kind = parsed.file.kind === ZONES_KIND ? 'zones' : 'regions';
    await this.stores[kind].write(JSON.parse(text));
    this.data = applied.data;
    this.imported[kind] = true;
    this.problem = undefined;
    return { ok: true, file: parsed.file, summary: this.summary() };
  }
}
