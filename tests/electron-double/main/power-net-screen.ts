/**
 * `powerMonitor`, `net` and `screen`: the machine around the app, set by the
 * test (fire suspend or lock-screen, the seconds since the last input, the
 * network going away); one 1920×1080 display.
 */
import { EventEmitter } from 'node:events';
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

let idleSeconds = 0;
let online = true;

class PowerMonitor extends EventEmitter {
  getSystemIdleTime(): number {
    enforce('powerMonitor.getSystemIdleTime');
    return idleSeconds;
  }

  getSystemIdleState(threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return idleSeconds >= threshold ? 'idle' : 'active';
  }
}

export const powerMonitor = strictModule('powerMonitor', new PowerMonitor());

export const net = strictModule('net', {
  isOnline(): boolean {
    enforce('net.isOnline');
    return online;
  },
  get online(): boolean {
    return online;
  },
  fetch(): never {
    throw new Error('electron double: net.fetch is not implemented (main reaches targets through its transports)');
  },
});

const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1040 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
};

class Screen extends EventEmitter {
  getAllDisplays() {
    enforce('screen.getAllDisplays');
    return [structuredClone(display)];
  }

  getPrimaryDisplay() {
    enforce('screen.getPrimaryDisplay');
    return structuredClone(display);
  }
}

export const screen = strictModule('screen', new Screen());

onControl('power.emit', (params) => {
  const { kind } = params as { kind: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' };
  powerMonitor.emit(kind);
});
onControl('power.idleSeconds', (params) => {
  idleSeconds = (params as { seconds: number }).seconds;
});
onControl('net.online', (params) => {
  online = (params as { online: boolean }).online;
});
