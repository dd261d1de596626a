/** After a new device unlocks a vault it read from a target: that target becomes one of its sync targets. */
import type { NewTargetWire, TargetCredentials } from '../../src-preload/contract/index.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';

export async function addJoinedTarget(join: { target: NewTargetWire; credentials: TargetCredentials | null }): Promise<void> {
  const { targets } = await unwrap(caravan().locality.targets());
  const existing = targets.find((t) => t.label === join.target.label);
  const target = existing ?? (await unwrap(caravan().locality.addTarget(join.target)));
  if (join.credentials) await unwrap(caravan().sync.setCredentials(target.id, join.credentials));
}
