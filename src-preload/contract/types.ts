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

export interface PowerState {
  kind: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';
  at: number;
}

export interface SaveTextRequest {
  /** File name offered in the dialog, e.g. `caravan-recovery-kit.txt`. */
  suggestedName: string;
  content: string;
  /** e.g. `[{ name: 'Text', extensions: ['txt'] }]` */
  filters: { name: string; extensions: string[] }[];
}

export type SaveTextResult = { saved: true; path: string } | { saved: false };

export type DeviceKeyStatus =
  | { available: true; enrolled: boolean }
  /** `reason` says why in words a person can act on (e.g. no secret store on this Linux desktop). */
  | { available: false; enrolled: false; reason: string };
