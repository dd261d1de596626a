/**
 * The clients cache of the workspace (see workspace/workspace-slice.ts for its life cycle): every
 * write goes through the repository and the cache takes only what the repository returned.
 */
import type { StateCreator } from 'zustand';
import type { Client } from '../domain/client.ts';
import { type ClientPatch, createClient, type NewClient, updateClient } from '../vault/repos/clients.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { byName, upsert } from '../workspace/sorted-lists.ts';

export interface ClientsSlice {
  /** Every client, by name. */
  clients: Client[];
  saveClient: (input: NewClient, id?: string) => Promise<Client>;
  patchClient: (id: string, patch: ClientPatch) => Promise<Client>;
}

export const EMPTY_CLIENTS = { clients: [] } satisfies Partial<ClientsSlice>;

export const createClientsSlice: StateCreator<ClientsSlice, [], [], ClientsSlice> = (set, get) => ({
  ...EMPTY_CLIENTS,
  saveClient: async (input, id) => {
    const client = id === undefined ? await createClient(repoContext(), input) : await updateClient(repoContext(), id, input);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
  patchClient: async (id, patch) => {
    const client = await updateClient(repoContext(), id, patch);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
});
