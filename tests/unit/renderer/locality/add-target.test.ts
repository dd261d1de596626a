/**
 * Adding a target with its credentials against main's real handler table: both land or neither
 * does, and a retry never makes a second target.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NewTargetInput } from '../../../../src-preload/contract/target.ts';
import { addTargetWithCredentials, type AddTargetDeps } from '../../../../src-renderer/locality/add-target.ts';
import { startRealMain, type RealMain } from '../../support/real-main.ts';

let main: RealMain | undefined;
afterEach(async () => {
  await main?.stop();
  main = undefined;
});

// A closed port on this machine: the connection test fails at once, and nothing leaves the machine.
const BUCKET: NewTargetInput = {
  label: 'Frankfurt bucket',
  kind: 's3',
  location: { provider: 'minio', declaredCountry: 'DE' },
  endpoint: 'http://127.0.0.1:9',
  bucket: 'caravan-test',
};
const S3_KEYS = { kind: 's3', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' } as const;
const DAV_LOGIN = { kind: 'webdav', username: 'me', password: 'pw' } as const;

async function world() {
  main = await startRealMain();
  await main.unlock();
  const deps: AddTargetDeps = { locality: main.api.locality, sync: main.api.sync };
  const labels = async () => {
    const listed = await main!.api.locality.targets();
    return listed.ok ? listed.value.targets.map((t) => t.label) : [];
  };
  return { main, deps, labels };
}

describe('addTargetWithCredentials against main', () => {
  it('adds the target with its credentials (the connection test’s failure is reported, not fatal)', async () => {
    const { deps, labels } = await world();
    const outcome = await addTargetWithCredentials(deps, BUCKET, S3_KEYS);
    expect(outcome.kind).toBe('added');
    expect(outcome.kind === 'added' && outcome.testProblem).toBeTruthy();
    expect(await labels()).toEqual(['Frankfurt bucket']);
  });

  it('credentials main refuses: the target is removed again, and the retry adds exactly one', async () => {
    const { deps, labels } = await world();
    const refused = await addTargetWithCredentials(deps, BUCKET, DAV_LOGIN);
    expect(refused).toEqual({
      kind: 'not-added',
      message: 'The credentials were refused, so the target was not added: A s3 target does not take webdav credentials.',
    });
    expect(await labels()).toEqual([]);
    expect((await addTargetWithCredentials(deps, BUCKET, S3_KEYS)).kind).toBe('added');
    expect(await labels()).toEqual(['Frankfurt bucket']);
  });

  it('when the half-added target cannot be removed, the retry sends only the credentials to it', async () => {
    const { main: m, deps, labels } = await world();
    const stuck: AddTargetDeps = {
      ...deps,
      locality: { ...deps.locality, removeTarget: async () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }) },
    };
    const first = await addTargetWithCredentials(stuck, BUCKET, DAV_LOGIN);
    expect(first.kind).toBe('incomplete');
    const pending = first.kind === 'incomplete' ? first.target : undefined;
    const retry = await addTargetWithCredentials(deps, BUCKET, S3_KEYS, pending);
    expect(retry.kind === 'added' && retry.target.id).toBe(pending?.id);
    expect(await labels()).toEqual(['Frankfurt bucket']);
    expect(m.dialogs.confirmations).toHaveLength(1);
  });

  it('the person cancelling main’s question adds nothing and sends no credentials', async () => {
    const { main: m, deps, labels } = await world();
    m.dialogs.nextConfirm = 'cancel';
    const outcome = await addTargetWithCredentials(deps, BUCKET, S3_KEYS);
    expect(outcome.kind).toBe('not-added');
    expect(await labels()).toEqual([]);
  });
});
