/**
 * Rollback on disk (issue 22 item 4), as the person meets it: rows taken out of the vault's
 * IndexedDB while it is locked (here by script in the page, which reaches the same files an
 * attacker with the disk would) are reported at the next unlock, by table and count, with what to
 * do; the workspace stays open. An unchanged store unlocks without a word.
 */
import { expect, test } from './support/fixtures.ts';
import { ACME, OTHER_CLIENT, testVault } from './support/test-vault.ts';

test('a client taken out of the files while locked is reported at unlock, and the workspace stays open', async ({ app }) => {
  const { page } = app;
  const { vault } = await testVault(page, { clients: [ACME, OTHER_CLIENT] });
  await vault.lock();
  await vault.unlock();
  await vault.expectUnlocked();
  // Unchanged: nothing to say (once the workspace is read, where the notice would show).
  await expect(page.getByText('Decrypting your workspace…')).toHaveCount(0);
  await expect(page.getByTestId('integrity-finding')).toHaveCount(0);

  await vault.lock();
  const removed = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('caravan-vault-'));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(names[0]!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('clients', 'readwrite');
    const store = tx.objectStore('clients');
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const request = store.getAllKeys();
      request.onsuccess = () => resolve(request.result);
    });
    store.delete(keys[0]!);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return keys.length;
  });
  expect(removed).toBe(2);
  await vault.unlock();
  await vault.expectUnlocked();

  const finding = page.getByTestId('integrity-finding');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText('older than this device last saw, or missing');
  await expect(finding).toContainText('1 client missing');
  await expect(finding).toContainText('other device that syncs this vault');
  await finding.getByRole('button', { name: 'I understand' }).click();
  await expect(finding).toHaveCount(0);
  await vault.lock();
  await vault.unlock();
  await vault.expectUnlocked();
  // The store as found is the new baseline: said once.
  await expect(page.getByText('Decrypting your workspace…')).toHaveCount(0);
  await expect(page.getByTestId('integrity-finding')).toHaveCount(0);
});
