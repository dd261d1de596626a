/**
 * The shared test vault: a vault created through first run (the kit typed back) and the clients and
 * projects a spec needs, made through the UI. Specs used to copy this setup; the clients several of
 * them use are named here once.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';
import { VaultPage } from './vault-page.ts';
import { WorkspacePage, type ClientDetails } from './workspace-page.ts';

export interface ProjectDetails {
  client: string;
  name: string;
  notes?: string;
  estimate?: string;
}

export interface Seed {
  clients?: ClientDetails[];
  projects?: ProjectDetails[];
}

export interface TestVault {
  shell: AppShell;
  ws: WorkspacePage;
  vault: VaultPage;
}

/** An EEA client in Germany: the one most locality, travel and bundle specs hold back or carry. */
export const ACME: ClientDetails = { name: 'Acme Analytics', country: 'Germany', currency: 'EUR', rate: '120', residency: 'EEA' };
/** An EU client in the Netherlands with an estimated project: the playbook specs' client. */
export const HELIX: ClientDetails = { name: 'Helix Bio', country: 'Netherlands', currency: 'EUR', rate: '120', residency: 'EU' };
export const HELIX_PROJECT: ProjectDetails = { client: HELIX.name, name: 'Assay classifier', estimate: '40' };

/** A second EU client, there so a spec can show the first one's data is kept apart from it. */
export const OTHER_CLIENT: ClientDetails = { name: 'Other Client', country: 'France', currency: 'EUR', rate: '90', residency: 'EU' };

/** Opens the app on an unlocked vault (creating it on first run) holding `seed`, clients first. */
export async function testVault(page: Page, seed: Seed = {}): Promise<TestVault> {
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  for (const client of seed.clients ?? []) await ws.createClient(client);
  for (const project of seed.projects ?? []) await ws.createProject(project);
  return { shell, ws, vault: new VaultPage(page) };
}

/** Every file under `dir`, as paths relative to it (what a sync target holds). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}
