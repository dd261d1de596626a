/**
 * One invoice lifecycle operation at a time. Issuing, voiding, paying and editing drafts each read
 * the register, await a render or a write, then write on what they read: two at once (a
 * double-clicked Void, a delete while Issue renders, two issues in flight) would both act on the
 * same read and write two credit notes, one number twice, or a register entry whose document was
 * deleted. A promise chain runs them in the order they were asked; a failed one does not stop the
 * next. Never call a serialised operation from inside another: it would wait for itself.
 */
export type Serial = <T>(work: () => Promise<T>) => Promise<T>;

export function serialQueue(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
