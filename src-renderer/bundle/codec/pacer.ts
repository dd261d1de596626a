/**
 * Lets a long encode or decode give the event loop a turn now and then, so that a progress bar
 * driven by `onProgress` can repaint when the codec runs on the page's thread. Time based, not
 * per chunk: a setTimeout turn costs up to 4 ms in browsers, which per 64 KiB chunk would
 * double the time of a large bundle; once per 50 ms costs under 10%.
 */

/** Returns a function to await between chunks; it yields at most once per `intervalMs`. */
export function createPacer(intervalMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < intervalMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
