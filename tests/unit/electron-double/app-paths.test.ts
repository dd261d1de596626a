/** app.setPath in the double refuses what Electron refuses, so main's own mkdir before it is tested. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { app } from '../../electron-double/main/app.ts';
import { resetLifecycleForTests } from '../../electron-double/runtime/lifecycle.ts';

afterEach(() => resetLifecycleForTests());

it('takes an existing absolute folder, and refuses a missing or relative one (electron.d.ts: "an Error is thrown")', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'double-paths-'));
  try {
    app.setPath('userData', dir);
    expect(app.getPath('userData')).toBe(dir);
    expect(() => app.setPath('userData', join(dir, 'missing'))).toThrow(/does not exist/);
    expect(() => app.setPath('userData', 'relative/profile')).toThrow(/must be absolute/);
    expect(app.getPath('userData')).toBe(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
