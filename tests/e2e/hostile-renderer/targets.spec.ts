/**
 * A compromised renderer against main's sync targets: paths, hosts, locations and the workspace
 * partition (issue 17, items 1 to 4). Every attack runs from the page through `window.caravan`,
 * as any script in it could, and is judged by its effects: no planted secret in any answer, no
 * request reaching a loopback listener the guard should have refused, no file written outside the
 * chosen folder or outside the sync layout. Positive controls show that a folder the person
 * picked, and an S3 bucket, still sync.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, needs, test } from '../support/fixtures.ts';
import { VaultPage } from '../support/vault-page.ts';
import { REPO_ROOT } from '../../host/server.ts';
import { startS3, type S3Server } from '../../servers/s3rver.ts';
import {
  addPickedFolder,
  b64,
  call,
  unlockedVault,
  CLIENT,
  DEVICE,
  filesUnder,
  leaks,
  listen,
  plantHome,
  redirectTo,
  value,
  type CallResult,
  type Listener,
  type PlantedHome,
} from './support.ts';

let planted: PlantedHome;
const listeners: Listener[] = [];
test.beforeEach(async () => {
  planted = await plantHome();
});
test.afterEach(async () => {
  await planted.close();
  for (const l of listeners.splice(0)) await l.close();
});

async function listener(make: () => Promise<Listener> = () => listen()): Promise<Listener> {
  const l = await make();
  listeners.push(l);
  return l;
}

const SEGMENT = `p/workspace/log/${DEVICE}/1.seg`;
const CLIENT_SEGMENT = `p/${CLIENT}/log/${DEVICE}/1.seg`;

test('typed folder paths are refused: /etc, a planted ~/.ssh, "..", UNC and /proc/self read nothing back and add no target', async ({ app }) => {
  const { page } = app;
  await unlockedVault(page);
  const typed = ['/etc', join(planted.home, '.ssh'), `${planted.syncFolder}/../home/.ssh`, '\\\\server\\share', '/proc/self', planted.autostart];
  const answers: CallResult[] = [];
  for (const [i, path] of typed.entries()) {
    const added = await call(page, 'locality.addTarget', {
      label: `typed ${i}`,
      kind: 'folder',
      location: { provider: 'folder', declaredCountry: 'DE' },
      path,
    });
    answers.push(added);
    if (!('absent' in added) && added.ok) {
      const id = (added.value as { id: string }).id;
      for (const key of ['passwd', 'id_ed25519', 'environ', 'vault.json']) answers.push(await call(page, 'sync.get', id, key));
      answers.push(await call(page, 'sync.list', id, ''));
      answers.push(await call(page, 'sync.put', id, 'caravan.desktop', b64('[Desktop Entry]\nExec=sh -c "curl evil"\n')));
    }
  }
  for (const answer of answers) {
    expect(leaks(answer, planted.secret)).toBe(false);
    expect(leaks(answer, 'root:x:0:0')).toBe(false);
    expect(leaks(answer, 'PATH=')).toBe(false);
  }
  expect(await filesUnder(planted.autostart)).toEqual([]);
  // A UNC path on Linux would resolve under main's working directory: nothing lands there.
  expect(existsSync(join(REPO_ROOT, '\\\\server\\share'))).toBe(false);
  const { targets } = await value<{ targets: unknown[] }>(page, 'locality.targets');
  expect(targets).toEqual([]);
});

test('main’s own picker refuses /proc, /dev and a missing folder, and its handle is the only way to name a folder', async ({ app }) => {
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  const { page, main } = app;
  await unlockedVault(page);
  for (const path of ['/proc/self', '/dev', join(planted.root, 'missing')]) {
    await main.answerFolder(path);
    const picked = await call(page, 'files.chooseFolder');
    expect(picked).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }
  // A made-up handle is not a folder.
  const forged = await call(page, 'locality.addTarget', {
    label: 'forged',
    kind: 'folder',
    location: { provider: 'folder', declaredCountry: 'DE' },
    folder: 'f'.repeat(32),
  });
  expect(forged).toMatchObject({ ok: false });
  expect((await value<{ targets: unknown[] }>(page, 'locality.targets')).targets).toEqual([]);
});

test('inside a chosen folder only the sync layout is read or written, and no symlink is followed', async ({ app }) => {
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  const { page } = app;
  await unlockedVault(page);
  const sync = planted.syncFolder;
  // Planted before the target is added: links out of the folder where the layout has names.
  await symlink(planted.sshKey, join(sync, 'vault.json'));
  await symlink(planted.autostart, join(sync, 'devices'));
  await mkdir(join(sync, 'p'), { recursive: true });
  await symlink(join(planted.home, '.ssh'), join(sync, 'p', 'workspace'));
  await writeFile(join(sync, 'notes.txt'), `not Caravan's ${planted.secret}`);
  const id = await addPickedFolder(app, sync, 'Picked folder');

  const answers: CallResult[] = [
    await call(page, 'sync.get', id, 'vault.json'),
    await call(page, 'sync.get', id, 'notes.txt'),
    await call(page, 'sync.get', id, 'p/workspace/id_ed25519'),
    await call(page, 'sync.list', id, ''),
    await call(page, 'sync.list', id, 'devices/'),
    await call(page, 'sync.list', id, 'p/workspace/'),
    await call(page, 'sync.put', id, `devices/${DEVICE}.json`, b64('{"written":"through a link"}')),
    await call(page, 'sync.put', id, 'caravan.desktop', b64('[Desktop Entry]\nExec=evil\n')),
    await call(page, 'sync.put', id, 'p/workspace/evil.desktop', b64('[Desktop Entry]\nExec=evil\n')),
    await call(page, 'sync.put', id, SEGMENT, b64('segment through a linked folder')),
    await call(page, 'sync.delete', id, 'notes.txt'),
  ];
  for (const answer of answers) expect(leaks(answer, planted.secret)).toBe(false);
  expect(await filesUnder(planted.autostart)).toEqual([]);
  expect(await filesUnder(join(planted.home, '.ssh'))).toEqual(['id_ed25519']);
  expect(await readFile(join(sync, 'notes.txt'), 'utf8')).toContain(planted.secret);
  expect(existsSync(join(sync, 'caravan.desktop'))).toBe(false);
});

test('a picked folder still syncs its layout (positive control), and nothing of it is reachable while the vault is locked', async ({ app }) => {
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  const { page } = app;
  await unlockedVault(page);
  const id = await addPickedFolder(app, planted.syncFolder, 'Picked folder');
  const marker = `SEGMENT-${planted.secret}`;
  expect(await call(page, 'sync.put', id, SEGMENT, b64(marker))).toEqual({ ok: true });
  expect(await value<string>(page, 'sync.get', id, SEGMENT)).toBe(b64(marker));
  expect((await value<{ key: string }[]>(page, 'sync.list', id, 'p/workspace/')).map((o) => o.key)).toContain(SEGMENT);

  await new VaultPage(page).lock();
  const locked = [
    await call(page, 'sync.get', id, SEGMENT),
    await call(page, 'sync.list', id, ''),
    await call(page, 'sync.delete', id, SEGMENT),
    await call(page, 'sync.test', id),
  ];
  for (const answer of locked) {
    expect(answer).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(leaks(answer, marker)).toBe(false);
  }
  expect(await readFile(join(planted.syncFolder, SEGMENT), 'utf8')).toBe(marker);
});

test('reading a vault header from a URL the page names reaches nothing without main’s confirmation, credentials included', async ({ app }) => {
  needs(app, 'main', 'answers main’s own confirmation dialog');
  const { page, main } = app;
  // First run: no vault, so locked.
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  const outside = await listener();
  await main.answerConfirm('cancel');
  const password = `PASSWORD-${planted.secret}`;
  const webdav = { label: 'Outside', kind: 'webdav', location: { provider: 'webdav', declaredCountry: 'DE' }, endpoint: `${outside.origin}/dav` };
  const s3 = { label: 'Outside S3', kind: 's3', location: { provider: 'custom-s3', declaredCountry: 'DE' }, endpoint: outside.origin, bucket: 'any-bucket' };
  const answers: CallResult[] = [];
  for (const member of ['sync.join', 'sync.readVaultHeader']) {
    answers.push(await call(page, member, webdav, { kind: 'webdav', username: 'me', password }));
    answers.push(await call(page, member, s3, { kind: 's3', accessKeyId: `AKIA-${planted.secret}`, secretAccessKey: password }));
  }
  for (const answer of answers) expect(leaks(answer, outside.bodyCanary)).toBe(false);
  expect(outside.hits).toEqual([]);
});

test('a cancelled confirmation adds no target; a confirmed one names the host and the declared place in main’s dialog', async ({ app }) => {
  needs(app, 'main', 'answers main’s own confirmation dialog');
  const { page, main } = app;
  await unlockedVault(page);
  const outside = await listener();
  const target = { label: 'NAS', kind: 'webdav', location: { provider: 'webdav', declaredCountry: 'AT' }, endpoint: `${outside.origin}/dav` };
  await main.answerConfirm('cancel');
  expect(await call(page, 'locality.addTarget', target)).toMatchObject({ ok: false, error: { code: 'refused' } });
  expect((await value<{ targets: unknown[] }>(page, 'locality.targets')).targets).toEqual([]);
  await main.answerConfirm('confirm');
  await value(page, 'locality.addTarget', target);
  const asked = await main.confirmations();
  expect(asked).toHaveLength(2);
  expect(`${asked[1]?.message} ${asked[1]?.detail}`).toContain(outside.host);
  expect(`${asked[1]?.message} ${asked[1]?.detail}`).toMatch(/AT \(Austria\)/);
});

test('no transport follows a redirect: a WebDAV or S3 target answering 307 sends nothing to the other host', async ({ app }) => {
  needs(app, 'main', 'answers main’s own confirmation dialog');
  const { page } = app;
  await unlockedVault(page);
  const elsewhere = await listener();
  const redirecting = await listener(() => redirectTo(elsewhere.origin));
  const password = `PASSWORD-${planted.secret}`;
  const dav = await value<{ id: string }>(page, 'locality.addTarget', {
    label: 'Redirecting DAV',
    kind: 'webdav',
    location: { provider: 'webdav', declaredCountry: 'DE' },
    endpoint: `${redirecting.origin}/dav`,
  });
  await value(page, 'sync.setCredentials', dav.id, { kind: 'webdav', username: 'me', password });
  const s3 = await value<{ id: string }>(page, 'locality.addTarget', {
    label: 'Redirecting S3',
    kind: 's3',
    location: { provider: 'custom-s3', declaredCountry: 'DE' },
    endpoint: redirecting.origin,
    bucket: 'caravan-sync',
  });
  await value(page, 'sync.setCredentials', s3.id, { kind: 's3', accessKeyId: 'AKIAREDIRECT', secretAccessKey: password });
  for (const id of [dav.id, s3.id]) {
    const put = await call(page, 'sync.put', id, SEGMENT, b64('segment'));
    expect(put).toMatchObject({ ok: false });
    expect(await call(page, 'sync.get', id, 'vault.json')).toMatchObject({ ok: false });
  }
  expect(redirecting.hits.length).toBeGreaterThan(0);
  expect(elsewhere.hits).toEqual([]);
});

test('a provider’s region with a custom endpoint is not that region: AWS eu-central-1 and R2 "eu" on a loopback endpoint get no client data', async ({
  app,
}) => {
  needs(app, 'main', 'answers main’s own confirmation dialog');
  const { page } = app;
  await unlockedVault(page);
  expect(await call(page, 'locality.setPolicy', CLIENT, { kind: 'zone', zone: 'EEA' }, false)).toMatchObject({ ok: true });
  const bucket = await listener();
  const fake = [
    { label: 'Fake Frankfurt', kind: 's3', location: { provider: 'aws', region: 'eu-central-1' }, endpoint: bucket.origin, bucket: 'caravan-sync' },
    { label: 'Fake R2 EU', kind: 's3', location: { provider: 'r2', r2Jurisdiction: 'eu' }, endpoint: bucket.origin, bucket: 'caravan-sync' },
  ];
  for (const target of fake) {
    const where = await value<{ guarantee: string; country?: string; zone?: string; description: string }>(
      page,
      'locality.resolve',
      target.location,
      target.endpoint,
    );
    expect(where.guarantee).toBe('unknown');
    expect(where.description).not.toMatch(/Frankfurt|keeps data in the EU/);
    const added = await call(page, 'locality.addTarget', target);
    if ('absent' in added || !added.ok) continue;
    const id = (added.value as { id: string }).id;
    const view = (
      await value<{ targets: { id: string; resolved: { guarantee: string; country?: string; zone?: string } }[] }>(page, 'locality.targets')
    ).targets.find((t) => t.id === id);
    expect(view?.resolved.country).toBeUndefined();
    expect(view?.resolved.zone).toBeUndefined();
    await value(page, 'sync.setCredentials', id, { kind: 's3', accessKeyId: 'AKIAFAKE', secretAccessKey: 'secret' });
    expect(await call(page, 'sync.put', id, CLIENT_SEGMENT, b64('client data'))).toMatchObject({ ok: false, error: { code: 'refused' } });
  }
  expect(bucket.hits).toEqual([]);
});

test('the workspace partition is narrow: no bytes to a target of unknown location, no names outside the layout, and the network backstop does not widen', async ({
  app,
}) => {
  needs(app, 'main', 'answers main’s own confirmation dialog');
  const { page } = app;
  await unlockedVault(page);
  const nowhere = await listener();
  const added = await value<{ id: string }>(page, 'locality.addTarget', {
    label: 'Undeclared DAV',
    kind: 'webdav',
    location: { provider: 'webdav' },
    endpoint: `${nowhere.origin}/dav`,
  });
  const answers = [
    await call(page, 'sync.put', added.id, 'vault.json', b64('anything at all')),
    await call(page, 'sync.put', added.id, 'notes/exfiltrated.txt', b64('client secrets')),
    await call(page, 'sync.put', added.id, SEGMENT, b64('segment')),
    await call(page, 'sync.get', added.id, 'vault.json'),
    await call(page, 'sync.list', added.id, ''),
  ];
  for (const answer of answers) expect(answer).toMatchObject({ ok: false });
  expect(nowhere.hits).toEqual([]);
  if (app.host) expect([...app.host.locality.guard.approvedHosts()]).not.toContain(nowhere.host);
});

test('positive control: an S3 bucket whose country the person declares receives the workspace, and the screen says it is declared', async ({ app }) => {
  const { page } = app;
  await unlockedVault(page);
  const s3: S3Server = await startS3();
  try {
    const added = await value<{ id: string; resolved: { guarantee: string; country?: string } }>(page, 'locality.addTarget', {
      label: 'Own bucket',
      kind: 's3',
      location: { provider: 'custom-s3', declaredCountry: 'DE' },
      endpoint: s3.endpoint,
      bucket: s3.bucket,
    });
    expect(added.resolved).toMatchObject({ guarantee: 'declared', country: 'DE' });
    await value(page, 'sync.setCredentials', added.id, { kind: 's3', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    expect(await call(page, 'sync.put', added.id, SEGMENT, b64('workspace segment'))).toEqual({ ok: true });
    expect(await value<string>(page, 'sync.get', added.id, SEGMENT)).toBe(b64('workspace segment'));
  } finally {
    await s3.close();
  }
});
