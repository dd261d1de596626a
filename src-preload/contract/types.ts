/** Data that crosses the IPC boundary. Plain, structured-clone-safe objects only. */

export type Platform = 'darwin' | 'win32' | 'linux' | 'other';

export interface AppInfo {
  /** Semantic version of the running app, from package.json. */
  version: string;
  platform: Platform;
  /** Absolute path of the folder that holds the user's data on this machine. */
  dataFolder: string;
  /** True in the browser test host, where main's handlers run without Electron. */
  hosted: boolean;
}

export interface NetStatus {
  online: boolean;
  /** Epoch milliseconds (UTC) of the last change main observed. */
  since: number;
}
