/** After a new device unlocks a vault it read from a target: main adds that target (the person confirmed it at the join), with its credentials. */
import { caravan, unwrap } from '../ipc/caravan.ts';

export async function addJoinedTarget(join: { joinId: string }): Promise<void> {
  await unwrap(caravan().sync.completeJoin(join.joinId));
}
