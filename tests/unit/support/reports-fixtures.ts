/** Record builders for the report tests: valid records with only the fields a test cares about spelled out. */
import type { Client } from '../../../src-renderer/domain/client.ts';
import type { Phase } from '../../../src-renderer/domain/phase.ts';
import type { Billing, Project } from '../../../src-renderer/domain/project.ts';
import type { TimeBlock } from '../../../src-renderer/domain/time-block.ts';

export const MIN = 60_000;
export const H = 3_600_000;

export function client(id: string, name = `Client ${id}`, currency = 'EUR'): Client {
  return {
    id,
    name,
    contact: {},
    country: 'DE',
    timeZone: 'Europe/Berlin',
    currency,
    defaultRateMinor: 0,
    residency: { kind: 'device-only' },
    notes: '',
    archived: false,
    createdAt: 0,
    updatedAt: 0,
  };
}

export function project(id: string, clientId: string, billing: Billing, currency = 'EUR', name = `Project ${id}`): Project {
  return { id, clientId, name, status: 'active', billing, currency, notes: '', createdAt: 0, updatedAt: 0 };
}

export function phase(id: string, projectId: string, clientId: string, order: number, name = `Phase ${id}`): Phase {
  return { id, projectId, clientId, name, order, budgetHours: 10, status: 'active', exitCriteria: '', createdAt: 0, updatedAt: 0 };
}

let seq = 0;

/** A block of `ms` starting at `start`; billable deep work unless `extra` says otherwise. */
export function block(p: Project, start: number, ms: number, extra: Partial<TimeBlock> = {}): TimeBlock {
  seq += 1;
  return {
    id: `b${seq}`,
    projectId: p.id,
    clientId: p.clientId,
    start,
    end: start + ms,
    zone: 'Europe/Berlin',
    kind: 'deep',
    billable: true,
    billed: false,
    note: '',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}
