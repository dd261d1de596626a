/**
 * The app's seal stores: main's file (through `window.caravan.integrity`) and the meta store. A
 * refusal by main (its guard does not hold the vault open yet) is an outcome, not an error.
 */
import { caravan, CaravanError } from '../../ipc/caravan.ts';
import type { MetaStore } from '../session/meta-store.ts';
import type { SealSinks } from './integrity-session.ts';

export function appSealSinks(meta: MetaStore): SealSinks {
  return {
    main: {
      async read(vaultId) {
        const result = await caravan().integrity.read(vaultId);
        if (!result.ok) throw new CaravanError(result.error);
        return result.value;
      },
      async write(vaultId, text) {
        const result = await caravan().integrity.write(vaultId, text);
        if (result.ok) return 'kept';
        if (result.error.code === 'refused') return 'refused';
        throw new CaravanError(result.error);
      },
    },
    meta: {
      read: (vaultId) => meta.integritySeal(vaultId),
      write: async (vaultId, text) => {
        await meta.setIntegritySeal(vaultId, text);
        return 'kept';
      },
    },
    // The check at the next unlock is weaker for it, the data is not at risk: logged, not shown.
    onError: (where, error) => console.warn(`The store's integrity record could not be kept (${where}).`, error),
  };
}
