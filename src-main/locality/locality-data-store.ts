/**
 * The locality data in use: the files shipped with this build, replaced by a
 * newer file the person imported (kept in main's data folder). An imported
 * file is validated exactly like the shipped ones, must not be older than
 * what is in use nor dated after today; a saved import that no longer
 * validates (a newer Caravan changed the schema, the file was edited, or it
 * is dated ahead of the clock) is ignored and reported, and the shipped data
 * is used.
 *
 * An import is two steps, so the guard can show the person what a file
 * changes and apply it only on their yes: `prepare` checks it and computes
 * the data that would be in use, `commit` saves and uses it.
 */
import { builtInLocalityData, applyLocalityUpdate, parseLocalityData, refuseFutureDate, type LocalityData, type LocalityDataError } from './locality-data.ts';
import { ZONES_KIND, type LocalityDataFile } from '../../src-preload/contract/places/data-schema.ts';
import type { LocalityDataSummary } from '../../src-preload/contract/locality.ts';
import type { JsonStore } from './target-registry.ts';

export type ImportResult = { ok: true; file: LocalityDataFile; summary: LocalityDataSummary } | { ok: false; error: LocalityDataError };

/** A checked file and the data that would be in use with it; nothing is saved yet. */
export interface PreparedImport {
  ok: true;
  kind: 'zones' | 'regions';
  file: LocalityDataFile;
  /** The data the guard would decide with after `commit`. */
  next: LocalityData;
  /** The data in use when it was prepared: `commit` refuses if that changed meanwhile. */
  base: LocalityData;
  text: string;
}

export class LocalityDataStore {
  private data: LocalityData = builtInLocalityData();
  private imported = { zones: false, regions: false };
  private problem: string | undefined;

  private readonly stores: { zones: JsonStore; regions: JsonStore };
  private readonly now: () => number;

  constructor(stores: { zones: JsonStore; regions: JsonStore }, now: () => number = Date.now) {
    this.stores = stores;
    this.now = now;
  }

  async load(): Promise<void> {
    for (const kind of ['zones', 'regions'] as const) {
      const raw = await this.stores[kind].read();
      if (raw === null || raw === undefined) continue;
      const parsed = parseLocalityData(raw);
      const applied = parsed.ok ? (refuseFutureDate(parsed.file, this.now()) ?? applyLocalityUpdate(this.data, parsed.file)) : parsed;
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

  /** Checks a file the person chose: valid, not older than the data in use, not dated after today. Changes nothing. */
  prepare(text: string): PreparedImport | { ok: false; error: LocalityDataError } {
    const parsed = parseLocalityData(text);
    if (!parsed.ok) return parsed;
    const future = refuseFutureDate(parsed.file, this.now());
    if (future && !future.ok) return future;
    const applied = applyLocalityUpdate(this.data, parsed.file);
    if (!applied.ok) return applied;
    const kind = parsed.file.kind === ZONES_KIND ? 'zones' : 'regions';
    return { ok: true, kind, file: parsed.file, next: applied.data, base: this.data, text };
  }

  /** Saves a prepared file and decides with it from now on. */
  async commit(prepared: PreparedImport): Promise<ImportResult> {
    if (prepared.base !== this.data) throw new Error('the locality data changed after this import was prepared');
    await this.stores[prepared.kind].write(JSON.parse(prepared.text));
    this.data = prepared.next;
    this.imported[prepared.kind] = true;
    this.problem = undefined;
    return { ok: true, file: prepared.file, summary: this.summary() };
  }
}
