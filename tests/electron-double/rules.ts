/**
 * The lifecycle rules the double enforces, one row per Electron member.
 * `source: 'electron.d.ts'` rows restate what the installed typings document
 * (the unit test `electron-double/rules.test.ts` reads electron.d.ts and fails
 * when a member Caravan uses has a documented rule missing here, or one the
 * double does not enforce); `source: 'docs'` rows come from a module's page in
 * Electron's documentation, which the typings do not carry.
 */

export type Rule =
  /** Throws once the app is ready. */
  | 'before-ready'
  /** Throws until the app is ready. */
  | 'after-ready'
  /** Before-ready, and a second call throws too. */
  | 'before-ready-once'
  /** Works at any time but answers differently before ready (documented return value). */
  | 'answers-differently-before-ready';

export interface RuleRow {
  rule: Rule;
  source: 'electron.d.ts' | 'docs';
  /** The sentence that states the rule. */
  says: string;
}

/** Keyed `<module or class>.<member>`; `new` is the constructor. */
export const LIFECYCLE_RULES: Readonly<Record<string, RuleRow>> = {
  'app.enableSandbox': { rule: 'before-ready', source: 'electron.d.ts', says: 'This method can only be called before app is ready.' },
  'protocol.registerSchemesAsPrivileged': {
    rule: 'before-ready-once',
    source: 'electron.d.ts',
    says: 'This method can only be used before the `ready` event of the `app` module gets emitted and can be called only once.',
  },
  'safeStorage.getSelectedStorageBackend': {
    rule: 'answers-differently-before-ready',
    source: 'electron.d.ts',
    says: '`unknown` - When the function is called before app has emitted the `ready` event.',
  },
  'safeStorage.isEncryptionAvailable': {
    rule: 'answers-differently-before-ready',
    source: 'electron.d.ts',
    says: 'On Linux, returns true if the app has emitted the `ready` event and the secret key is available.',
  },
  'protocol.handle': {
    rule: 'after-ready',
    source: 'docs',
    says: 'protocol: all methods unless specified can only be used after the `ready` event of the `app` module.',
  },
  'screen.getAllDisplays': {
    rule: 'after-ready',
    source: 'docs',
    says: 'screen: this module cannot be used until the `ready` event of the `app` module is emitted.',
  },
  'screen.getPrimaryDisplay': {
    rule: 'after-ready',
    source: 'docs',
    says: 'screen: this module cannot be used until the `ready` event of the `app` module is emitted.',
  },
  'BrowserWindow.new': {
    rule: 'after-ready',
    source: 'docs',
    says: 'BrowserWindow: you cannot use this module until the `ready` event of the `app` module is emitted.',
  },
  'Tray.new': { rule: 'after-ready', source: 'docs', says: 'Tray: create the tray once the app is ready (a tray built before `ready` fails).' },
  'session.defaultSession': { rule: 'after-ready', source: 'docs', says: 'session: the default session is available once the app is ready.' },
  'globalShortcut.register': {
    rule: 'after-ready',
    source: 'docs',
    says: 'globalShortcut: this module should not be used until the `ready` event of the app module is emitted.',
  },
  'globalShortcut.unregisterAll': {
    rule: 'after-ready',
    source: 'docs',
    says: 'globalShortcut: this module should not be used until the `ready` event of the app module is emitted.',
  },
  'net.isOnline': { rule: 'after-ready', source: 'docs', says: 'net: the net module can only be used after the app emits the `ready` event.' },
  'powerMonitor.getSystemIdleTime': {
    rule: 'after-ready',
    source: 'docs',
    says: 'powerMonitor: this module cannot be used until the `ready` event of the `app` module is emitted.',
  },
  'dialog.showOpenDialog': {
    rule: 'after-ready',
    source: 'docs',
    says: 'dialog: native dialogs need the app ready (only showErrorBox is documented as safe before).',
  },
  'dialog.showMessageBox': {
    rule: 'after-ready',
    source: 'docs',
    says: 'dialog: native dialogs need the app ready (only showErrorBox is documented as safe before).',
  },
  'dialog.showSaveDialog': {
    rule: 'after-ready',
    source: 'docs',
    says: 'dialog: native dialogs need the app ready (only showErrorBox is documented as safe before).',
  },
};

export class LifecycleError extends Error {
  override name = 'ElectronDoubleLifecycleError';
}
