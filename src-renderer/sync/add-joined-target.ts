/** After a new device unlocks a vault it read from a target: that target becomes one of its sync targets. */
import type { NewTargetInput, CredentialsInput } from '../../src-preload/contract/index.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';

export async function addJoinedTarget(join: { target: NewTargetInput; credentials: CredentialsInput | null }): Promise<void> {
  const { targets } = await unwrap(caravan().locality.targets());
  // The same place, not just the same name: kind, path or endpoint and bucket, and location.
  const same = (t: (typeof targets)[number]) =>
    t.kind === join.target.kind && t.path === join.target.path && t.endpoint === join.target.endpoint && t.bucket === join.target.bucket && JSON.stringify(t.location) === JSON.stringify(join.target.location);
  const existing = targets.find(same);
  const target = existing ?? (await unwrap(caravan().locality.addTarget(join.target)));
  if (join.credentials) await unwrap(caravan().sync.setCredentials(target.id, join.credentials));
}
