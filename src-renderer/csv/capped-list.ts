/** Problems found while reading a file: all counted, the first {@link MAX_LISTED} kept for the preview. */
export const MAX_LISTED = 200;

export class CappedList<T> {
  readonly items: T[] = [];
  count = 0;

  add(item: T): void {
    this.count++;
    if (this.items.length < MAX_LISTED) this.items.push(item);
  }
}
