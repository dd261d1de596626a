import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupOptions } from '../../../../src-main/app/startup-options.ts';

const env = { CARAVAN_USER_DATA_DIR: '/tmp/profile', ELECTRON_RENDERER_URL: 'http://localhost:5173' };

describe('start-up options from the environment', () => {
  it('takes another profile folder and the dev server while developing', () => {
    expect(startupOptions(env, false)).toEqual({ userDataDir: '/tmp/profile', devOrigin: 'http://localhost:5173' });
  });

  it('ignores both in a packaged app', () => {
    expect(startupOptions(env, true)).toEqual({});
  });

  it('treats empty values as unset', () => {
    expect(startupOptions({ CARAVAN_USER_DATA_DIR: '', ELECTRON_RENDERER_URL: '' }, false)).toEqual({});
  });
  it('makes a relative profile folder absolute, as app.setPath requires', () => {
    expect(startupOptions({ CARAVAN_USER_DATA_DIR: 'profiles/test' }, false)).toEqual({ userDataDir: join(process.cwd(), 'profiles/test') });
  });
});
