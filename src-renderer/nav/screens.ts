/** The main screens, in navigation order. Ctrl/Cmd+1..9 jump to them (Presence is 7; Sync and Settings
 * moved to 8 and 9 when it joined). */
export const SCREENS = [
  { id: 'today', label: 'Today' },
  { id: 'clients', label: 'Clients' },
  { id: 'projects', label: 'Projects' },
  { id: 'time', label: 'Time' },
  { id: 'invoices', label: 'Invoices' },
  { id: 'reports', label: 'Reports' },
  { id: 'presence', label: 'Presence' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function isScreenId(value: string): value is ScreenId {
  return SCREENS.some((screen) => screen.id === value);
}

/** `#/clients` -> 'clients'; anything unknown falls back to Today. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isScreenId(id) ? id : 'today';
}
