/** Layout checks a person would notice: a control cut off at the edge of its screen. */
import type { Locator } from '@playwright/test';

/** No control runs past the right edge of `scope`. */
export async function overflowing(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    return [...root.querySelectorAll('input, select, textarea, button, p')]
      .filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > right + 1)
      .map((c) => c.id || c.getAttribute('aria-label') || c.tagName);
  });
}
