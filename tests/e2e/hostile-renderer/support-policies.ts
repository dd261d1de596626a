/**
 * What a compromised page knows and does, for the policy attacks: it reads its own vault's clear
 * ids from IndexedDB (ids are stored in clear, by design), calls `window.caravan` with whatever it
 * likes, and probes which policy main has in force through main's own answers (`previewPolicy`
 * says "same" only for the policy in force; `travelPlan` lists a client whose policy in force
 * excludes a country). Every call returns main's IpcResult as is, never throws.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { IpcResult } from '../../../src-preload/contract/errors.ts';
import type { ResidencyPolicyInput } from '../../../src-preload/contract/residency.ts';

export const EEA: ResidencyPolicyInput = { kind: 'zone', zone: 'EEA' };
export const EEA_ADEQUACY: ResidencyPolicyInput = { kind: 'zone', zone: 'EEA+adequacy' };
export const US_ONLY: ResidencyPolicyInput = { kind: 'countries', countries: ['US'], attestations: [{ country: 'US', basis: 'trust me', recordedAt: 1 }] };

/** A vault id and audit key the page makes up: main has never seen them. */
export function forgedVault(): { vaultId: string; key: string } {
  return { vaultId: randomUUID(), key: randomBytes(32).toString('base64') };
}

/** The ids of the clients in the page's own vault, read from IndexedDB as any script in the page can. */
export async function clientIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name ?? '').find((n) => n.startsWith('caravan-vault-'));
    if (!name) throw new Error('no vault database in this profile');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    try {
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('clients').objectStore('clients').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      return keys.map(String);
    } finally {
      db.close();
    }
  });
}

/** `window.caravan.locality.<method>(...args)` from the page, main's answer as it comes. */
export function locality<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<IpcResult<T>> {
  return page.evaluate(
    async ([m, a]) => {
      const api = (window as unknown as { caravan: { locality: Record<string, (...x: unknown[]) => Promise<unknown>> } }).caravan.locality;
      const fn = api[m as string];
      if (!fn) throw new Error(`window.caravan.locality.${String(m)} does not exist`);
      return fn(...(a as unknown[]));
    },
    [method, args] as const,
  ) as Promise<IpcResult<T>>;
}

/** The value of a call that must succeed. */
export async function value<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`main refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** How main compares `policy` with the one it has in force for the client: 'same' means it is in force. */
export async function comparedWithInForce(page: Page, clientId: string, policy: ResidencyPolicyInput): Promise<string> {
  return (await value(locality<{ change: string }>(page, 'previewPolicy', clientId, policy))).change;
}

/** Clients whose policy in force keeps their data out of `country` (travel mode's plan, nothing marked safe). */
export async function excludedFrom(page: Page, country: string): Promise<string[]> {
  return (await value(locality<{ excluded: string[] }>(page, 'travelPlan', country, []))).excluded;
}

/** The shipped zones file with `edit` applied, as the text a page would hand `locality:importData`. */
export async function zonesText(
  edit: (file: { asOf: string; zones: { EU: { members: string[] } }; adequacy: { country: string }[] }) => void,
): Promise<string> {
  const file = JSON.parse(await readFile(join(import.meta.dirname, '../../../src-preload/contract/places/data/zones.json'), 'utf8')) as Parameters<
    typeof edit
  >[0];
  edit(file);
  return JSON.stringify(file);
}

/** The US in the EU (and out of the adequacy list, as the schema then demands): what an unsigned file could claim. */
export function putUsInTheEu(asOf: string) {
  return (file: Parameters<Parameters<typeof zonesText>[0]>[0]) => {
    file.asOf = asOf;
    file.zones.EU.members.push('US');
    file.adequacy = file.adequacy.filter((a) => a.country !== 'US');
  };
}
