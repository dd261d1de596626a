/**
 * Finding the file's clients and projects among the workspace's by name, ignoring case, accents and
 * spacing ("Zurich Re" is "Zürich  RE"), and naming what the import must create. A row without a
 * client takes the client of the only project of its name, else "No client"; a row without a
 * project goes to "No project": Caravan keeps every block under a project.
 */
import type { Client } from '../domain/client.ts';
import type { Project } from '../domain/project.ts';

export const NO_CLIENT = 'No client';
export const NO_PROJECT = 'No project';

/** A name as compared: accents and case dropped, spaces collapsed. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** A client of the workspace, or one the import creates (by its name key). */
export type ClientRef = { readonly id: string } | { readonly newKey: string };
/** A project of the workspace, or one the import creates (by client and name key). */
export type ProjectRef = { readonly id: string } | { readonly newKey: string };

export interface Match {
  readonly client: ClientRef;
  readonly clientName: string;
  readonly project: ProjectRef;
  readonly projectName: string;
}

/** Matches names against the workspace; one per import, it remembers the names it has seen. */
export function matcher(clients: readonly Client[], projects: readonly Project[]): (client: string, project: string) => Match {
  const clientsByKey = new Map<string, Client>();
  // Active clients first, so an archived namesake is found only when it is the only one.
  for (const c of [...clients].sort((a, b) => Number(a.archived) - Number(b.archived)))
    if (!clientsByKey.has(nameKey(c.name))) clientsByKey.set(nameKey(c.name), c);
  const projectsByKey = new Map<string, Project>();
  const projectsByName = new Map<string, Project[]>();
  for (const p of projects) {
    const k = `${p.clientId}|${nameKey(p.name)}`;
    if (!projectsByKey.has(k)) projectsByKey.set(k, p);
    projectsByName.set(nameKey(p.name), [...(projectsByName.get(nameKey(p.name)) ?? []), p]);
  }
  const clientById = new Map(clients.map((c) => [c.id, c]));
  return (clientText, projectText) => {
    const projectName = projectText || NO_PROJECT;
    let clientName = clientText;
    if (clientName === '') {
      const only = projectsByName.get(nameKey(projectName));
      const owner = only?.length === 1 ? clientById.get(only[0]!.clientId) : undefined;
      clientName = owner?.name ?? NO_CLIENT;
    }
    const existing = clientsByKey.get(nameKey(clientName));
    if (!existing) {
      const newKey = nameKey(clientName);
      return { client: { newKey }, clientName, project: { newKey: `${newKey}|${nameKey(projectName)}` }, projectName };
    }
    const project = projectsByKey.get(`${existing.id}|${nameKey(projectName)}`);
    return {
      client: { id: existing.id },
      clientName: existing.name,
      project: project ? { id: project.id } : { newKey: `${existing.id}|${nameKey(projectName)}` },
      projectName: project?.name ?? projectName,
    };
  };
}
