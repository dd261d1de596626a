/**
 * Adding a target with its credentials against main's real handler table: both land or neither
 * does, and a retry never makes a second target.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NewTargetInput } from '../../../../src-preload/contract/target.ts';
import { abandonPending, addTargetWithCredentials, type AddTargetDeps } from '../../../../src-renderer/locality/add-target.ts';
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

/** Main whose removal of a target fails: a target is left without its credentials. */
function stuckRemoval(deps: AddTargetDeps): AddTargetDeps {
  return { ...deps, locality: { ...deps.locality, removeTarget: async () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }) } };
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
    const pending = first.kind === 'incomplete' ? first.pending : undefined;
    const retry = await addTargetWithCredentials(deps, BUCKET, S3_KEYS, pending);
    expect(retry.kind === 'added' && retry.target.id).toBe(pending?.target.id);
    expect(await labels()).toEqual(['Frankfurt bucket']);
    expect(m.dialogs.confirmations).toHaveLength(1);
  });

  it('a retry after the person changed the target removes the one left behind and adds what the form says now', async () => {
    const { main: m, deps, labels } = await world();
    const first = await addTargetWithCredentials(stuckRemoval(deps), BUCKET, DAV_LOGIN);
    const pending = first.kind === 'incomplete' ? first.pending : undefined;
    expect(pending).toBeDefined();
    const changed: NewTargetInput = { ...BUCKET, bucket: 'caravan-other' };
    const retry = await addTargetWithCredentials(deps, changed, S3_KEYS, pending);
    expect(retry.kind).toBe('added');
    expect(retry.kind === 'added' && retry.target.id).not.toBe(pending?.target.id);
    const listed = await m.api.locality.targets();
    expect(listed.ok && listed.value.targets.map((t) => [t.id, t.bucket])).toEqual([[retry.kind === 'added' && retry.target.id, 'caravan-other']]);
    expect(await labels()).toEqual(['Frankfurt bucket']);
    expect(m.dialogs.confirmations).toHaveLength(2);
  });

  it('a changed retry with no credentials is never “added” on the old target', async () => {
    const { deps } = await world();
    const first = await addTargetWithCredentials(stuckRemoval(deps), BUCKET, DAV_LOGIN);
    const pending = first.kind === 'incomplete' ? first.pending : undefined;
    const retry = await addTargetWithCredentials(deps, { ...BUCKET, endpoint: 'http://127.0.0.1:10' }, null, pending);
    expect(retry.kind === 'added' && retry.target.id).not.toBe(pending?.target.id);
    expect(retry.kind === 'added' && retry.target.endpoint).toBe('http://127.0.0.1:10');
  });

  it('when the target left behind still cannot be removed, the changed one is not added and the person is told where to remove it', async () => {
    const { deps, labels } = await world();
    const stuck = stuckRemoval(deps);
    const first = await addTargetWithCredentials(stuck, BUCKET, DAV_LOGIN);
    const pending = first.kind === 'incomplete' ? first.pending : undefined;
    const retry = await addTargetWithCredentials(stuck, { ...BUCKET, bucket: 'caravan-other' }, S3_KEYS, pending);
    expect(retry).toEqual({
      kind: 'incomplete',
      message:
        'The target “Frankfurt bucket” added earlier without its credentials could not be removed (disk full): remove it in the list of sync targets. The changed target was not added.',
      pending,
    });
    expect(await labels()).toEqual(['Frankfurt bucket']);
  });

  it('leaving the form removes the target left without credentials', async () => {
    const { deps, labels } = await world();
    const first = await addTargetWithCredentials(stuckRemoval(deps), BUCKET, DAV_LOGIN);
    expect(await labels()).toEqual(['Frankfurt bucket']);
    expect(await abandonPending(deps, first.kind === 'incomplete' ? first.pending : (undefined as never))).toBeNull();
    expect(await labels()).toEqual([]);
  });

  it('the person cancelling main’s question adds nothing and sends no credentials', async () => {
    const { main: m, deps, labels } = await world();
    m.dialogs.nextConfirm = 'cancel';
    const outcome = await addTargetWithCredentials(deps, BUCKET, S3_KEYS);
    expect(outcome.kind).toBe('not-added');
    expect(await labels()).toEqual([]);
  });
});
