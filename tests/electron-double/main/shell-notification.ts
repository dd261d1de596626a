/** `shell` and `Notification`: recorders, so a test can see what main handed to the OS. */
import { EventEmitter } from 'node:events';
import { onControl } from '../runtime/control.ts';
import { strictModule } from './emitter.ts';

const opened: string[] = [];
const shown: { title: string; body: string; silent: boolean }[] = [];

export const shell = strictModule('shell', {
  async openExternal(url: string): Promise<void> {
    opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    opened.push(path);
    return '';
  },
});

export class Notification extends EventEmitter {
  private readonly options: { title?: string; body?: string; silent?: boolean };

  static isSupported(): boolean {
    return true;
  }

  constructor(options: { title?: string; body?: string; silent?: boolean } = {}) {
    super();
    this.options = options;
  }

  show(): void {
    shown.push({ title: this.options.title ?? '', body: this.options.body ?? '', silent: this.options.silent ?? false });
    this.emit('show');
  }

  close(): void {
    this.emit('close');
  }
}

onControl('shell.opened', () => opened);
onControl('notifications', () => shown);
