/**
 * `dialog`: native open and save dialogs answered by the test, like the
 * browser host's stub: a save goes into the test's folder under the
 * suggested name unless the test chose "cancel"; an open or folder dialog
 * returns what the test queued, or cancels.
 */
import { basename, join } from 'node:path';
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

interface SaveOptions {
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
  properties?: string[];
}

interface OpenOptions {
  title?: string;
  filters?: { name: string; extensions: string[] }[];
  properties?: string[];
}

const state = {
  saveDir: process.env['ELECTRON_DOUBLE_SAVE_DIR'] ?? '',
  nextSave: 'save' as 'save' | 'cancel',
  nextOpen: null as string | null,
  nextFolder: null as string | null,
  nextMessageBox: 'confirm' as 'confirm' | 'cancel',
  messageBoxes: [] as { title: string; message: string; detail: string; buttons: string[] }[],
  saved: [] as string[],
  asked: [] as { kind: 'open' | 'save'; options: unknown }[],
};

/** The parent window argument is optional in Electron; the options come last. */
function lastOptions<T>(args: unknown[]): T {
  return (args.length > 1 ? args[1] : args[0]) as T;
}

export const dialog = strictModule('dialog', {
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    enforce('dialog.showSaveDialog');
    return answerSave(args);
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    enforce('dialog.showOpenDialog');
    return answerOpen(args);
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    enforce('dialog.showMessageBox');
    return answerMessageBox(args);
  },
  showErrorBox(title: string, content: string): void {
    console.error(`[electron-double] error box: ${title}: ${content}`);
  },
});

async function answerSave(args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
  const options = lastOptions<SaveOptions>(args);
  state.asked.push({ kind: 'save', options });
  if (state.nextSave === 'cancel' || !state.saveDir) return { canceled: true, filePath: '' };
  const path = join(state.saveDir, basename(options.defaultPath ?? 'untitled'));
  state.saved.push(path);
  return { canceled: false, filePath: path };
}

async function answerOpen(args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
  const options = lastOptions<OpenOptions>(args);
  state.asked.push({ kind: 'open', options });
  const folder = options.properties?.includes('openDirectory') ?? false;
  const answer = folder ? state.nextFolder : state.nextOpen;
  return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
}

interface MessageBoxOptions {
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  cancelId?: number;
}

/** The test answers "confirm" (the first button that is not the cancel button) or "cancel". */
async function answerMessageBox(args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
  const options = lastOptions<MessageBoxOptions>(args);
  const buttons = options.buttons ?? ['OK'];
  state.messageBoxes.push({ title: options.title ?? '', message: options.message, detail: options.detail ?? '', buttons });
  const cancelId = options.cancelId ?? buttons.findIndex((label) => /^(cancel|no)$/i.test(label));
  const confirmId = buttons.findIndex((_label, index) => index !== cancelId);
  const response = state.nextMessageBox === 'confirm' ? confirmId : cancelId >= 0 ? cancelId : 0;
  return { response, checkboxChecked: false };
}

onControl('dialog.answer', (params) => {
  const answer = params as Partial<Pick<typeof state, 'nextSave' | 'nextOpen' | 'nextFolder' | 'saveDir' | 'nextMessageBox'>>;
  Object.assign(state, answer);
});
onControl('dialog.state', () => ({ saved: state.saved, asked: state.asked, saveDir: state.saveDir, messageBoxes: state.messageBoxes }));
