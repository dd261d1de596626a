/**
 * The person's display zone (display-zone.ts) as render inputs: the choice, the home zone the
 * header names, and each block's zone. Read from the vault once per unlock, as the hour style is.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { DISPLAY_ZONE_SETTING, type DisplayZoneChoice, displayZoneOf, homeZoneOf, parseDisplayZone, type ZonedBlock } from './display-zone.ts';
import { displayZoneStore } from './display-zone-store.ts';

/** The person's choice; reads it from the vault the first time after an unlock. */
export function useDisplayZoneChoice(): DisplayZoneChoice {
  const vault = useStore((s) => s.vault);
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const readSetting = useStore((s) => s.readSetting);
  const choice = displayZoneStore((s) => s.choice);
  useEffect(() => {
    if (!ready || displayZoneStore.getState().readFor === vault) return;
    displayZoneStore.setState({ readFor: vault });
    readSetting(DISPLAY_ZONE_SETTING).then(
      (value) => displayZoneStore.setState({ choice: parseDisplayZone(value) }),
      // Unreadable: the default stays; the header's control says so when the person changes it.
      () => undefined,
    );
  }, [vault, ready, readSetting]);
  return choice;
}

/** Shows the new choice at once, then stores it; a failed write puts the previous one back and rejects. */
export function useSetDisplayZone(): (choice: DisplayZoneChoice) => Promise<void> {
  const writeSetting = useStore((s) => s.writeSetting);
  return useCallback(
    async (choice) => {
      const before = displayZoneStore.getState().choice;
      displayZoneStore.setState({ choice });
      try {
        await writeSetting(DISPLAY_ZONE_SETTING, { mode: choice.mode, homeZone: choice.homeZone });
      } catch (error) {
        displayZoneStore.setState({ choice: before });
        throw error;
      }
    },
    [writeSetting],
  );
}

/** What screens need: the choice, the home zone (header, day and week boundaries), and a block's zone. */
export interface BlockZones {
  choice: DisplayZoneChoice;
  home: string;
  zoneOf: (block: ZonedBlock) => string;
}

/** The display zones for this render; `deviceZone` is `useClock().zone`. */
export function useBlockZones(deviceZone: string): BlockZones {
  const choice = useDisplayZoneChoice();
  const clients = useStore((s) => s.clients);
  return useMemo(() => {
    const home = homeZoneOf(choice, deviceZone);
    const zones = new Map(clients.map((c) => [c.id, c.timeZone]));
    return { choice, home, zoneOf: (block: ZonedBlock) => displayZoneOf(block, choice, home, (id) => zones.get(id)) };
  }, [choice, deviceZone, clients]);
}
