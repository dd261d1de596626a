/** The workspace's slices combined as app/store.ts combines them, without the rest of the app. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createWorkspaceLifecycleSlice, type WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import { createClientsSlice } from '../../../../src-renderer/clients/clients-slice.ts';
import { createProjectsSlice } from '../../../../src-renderer/projects/projects-slice.ts';
import { createProjectRecordsSlice } from '../../../../src-renderer/projects/project-records-slice.ts';
import { createTimeSlice } from '../../../../src-renderer/time/time-slice.ts';
import { createWorkspaceSettingsSlice } from '../../../../src-renderer/settings/workspace-settings-slice.ts';
import { createBillingSlice } from '../../../../src-renderer/reports/billing-slice.ts';
import type { RemindersSlice } from '../../../../src-renderer/reminders/reminders-slice.ts';
import { createOverlaySlice, type OverlaySlice } from '../../../../src-renderer/calendar/ics/overlay-slice.ts';

/** The workspace's slices, and the reminders and imported calendars its clear drops. */
export type WorkspaceStoreState = WorkspaceSlice & Pick<RemindersSlice, 'reminders'> & OverlaySlice;

export function createWorkspaceStore(): StoreApi<WorkspaceStoreState> {
  return createStore<WorkspaceStoreState>()((...a) => ({
    reminders: [],
    ...createWorkspaceLifecycleSlice(...a),
    ...createClientsSlice(...a),
    ...createProjectsSlice(...a),
    ...createProjectRecordsSlice(...a),
    ...createTimeSlice(...a),
    ...createWorkspaceSettingsSlice(...a),
    ...createBillingSlice(...a),
    ...createOverlaySlice(...a),
  }));
}
