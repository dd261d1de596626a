import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREEN_ONLY_SPECS } from '../../e2e/support/shell-coverage.ts';

const E2E = join(import.meta.dirname, '../../e2e');

describe('specs that run under the browser host only', () => {
  it.each(SCREEN_ONLY_SPECS)('%s exists and asks nothing of main (else it belongs under both shells)', (spec) => {
    const path = join(E2E, spec);
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    // app.main is the handle on main's own dialogs, files, notifications and targets.
    expect(text).not.toMatch(/\bapp\.main\b|\bmain\.(?:notifications|savedFiles|answer|confirm)\b|window\.caravan/u);
  });
});
