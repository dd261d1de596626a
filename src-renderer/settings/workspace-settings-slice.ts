/**
 * Workspace settings (encrypted under the workspace key), e.g. the seller's details for invoices
 * or the saved contacts. Not cached: a screen reads what it needs when it shows.
 */
import type { StateCreator } from 'zustand';
import { getSetting, setSetting } from '../vault/repos/settings.ts';
import { repoContext } from '../vault/session/runtime.ts';

export interface WorkspaceSettingsSlice {
  readSetting: (key: string) => Promise<unknown>;
  writeSetting: (key: string, value: unknown) => Promise<void>;
}

export const createWorkspaceSettingsSlice: StateCreator<WorkspaceSettingsSlice, [], [], WorkspaceSettingsSlice> = () => ({
  readSetting: (key) => getSetting(repoContext(), key),
  writeSetting: async (key, value) => {
    await setSetting(repoContext(), key, value);
  },
});
