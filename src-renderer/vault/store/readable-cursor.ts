/**
 * A DBCore cursor over an encrypted table that only ever stops on rows that open.
 *
 * Rows that do not decrypt are stepped over inside `start()`, before the consumer's callback
 * runs, so Collection.each/filter/offset/first see a table without them; `advance(n)` counts
 * readable rows only. The cursor underneath is moved only through these wrappers, so the opened
 * value always belongs to the raw cursor's current position.
 */
import type { DBCoreCursor } from 'dexie';

/** A row opened, or the fact that it did not open (already reported by whoever opened it). */
export type Opened = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** Wraps `cursor` (opened with values) so that rows for which `open` fails are skipped. */
export function readableCursor(cursor: DBCoreCursor, open: (value: unknown, primaryKey: unknown) => Opened): DBCoreCursor {
  let current: Opened | undefined;
  // Readable rows still to pass over for a pending advance(n).
  let skip = 0;
  const openCurrent = (): Opened => (current ??= open(cursor.value, cursor.primaryKey));
  const step = (): void => {
    current = undefined;
    cursor.continue();
  };
  // Object.create keeps the raw cursor's own, reassigned members (stop, fail, done, trans, next)
  // visible; accessors are redefined because native IDBCursor getters refuse a foreign `this`.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get: () => {
        const opened = openCurrent();
        return opened.ok ? opened.value : undefined;
      },
    },
    continue: {
      value: (key?: unknown) => {
        skip = 0;
        current = undefined;
        cursor.continue(key);
      },
    },
    continuePrimaryKey: {
      value: (key: unknown, primaryKey: unknown) => {
        skip = 0;
        current = undefined;
        cursor.continuePrimaryKey(key, primaryKey);
      },
    },
    advance: {
      value: (count: number) => {
        skip = count - 1;
        step();
      },
    },
    start: {
      value: (onNext: () => void) =>
        cursor.start(() => {
          if (!openCurrent().ok) return step();
          if (skip > 0) {
            skip--;
            return step();
          }
          onNext();
        }),
    },
  }) as DBCoreCursor;
}
