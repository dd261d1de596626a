import type { AppInfo, Platform } from '../../src-preload/contract/app.ts';

export function toPlatform(value: string): Platform {
  return value === 'darwin' || value === 'win32' || value === 'linux' ? value : 'other';
}

export function makeAppInfo(version: string, platform: string, dataFolder: string, hosted: boolean): AppInfo {
  return { version, platform: toPlatform(platform), dataFolder, hosted };
}
