/**
 * `session.defaultSession`: the permission handlers (recorded, and asked by
 * the `session.askPermission` control: Chromium's own prompts do not reach
 * them), `webRequest.onBeforeRequest` (only the last listener counts, as the
 * typings say; every request of every window is decided by it through the
 * router), and `will-download`.
 */
import { EventEmitter } from 'node:events';
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { newEvent, strictModule } from './emitter.ts';

export interface RequestDetails {
  id: number;
  url: string;
  method: string;
  resourceType: string;
  referrer: string;
  timestamp: number;
  webContentsId?: number;
}

type BeforeRequestListener = (details: RequestDetails, callback: (response: { cancel?: boolean; redirectURL?: string }) => void) => void;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

class WebRequest {
  listener: BeforeRequestListener | null = null;

  onBeforeRequest(filterOrListener: unknown, maybeListener?: BeforeRequestListener | null): void {
    const listener = (typeof filterOrListener === 'function' ? filterOrListener : maybeListener) as BeforeRequestListener | null | undefined;
    if (typeof filterOrListener === 'object' && filterOrListener !== null && maybeListener !== undefined) {
      const urls = (filterOrListener as { urls?: string[] }).urls ?? [];
      if (urls.length > 0 && !(urls.length === 1 && urls[0] === '<all_urls>')) {
        throw new Error('electron double: onBeforeRequest URL filters are not implemented (Caravan decides every request)');
      }
    }
    this.listener = listener ?? null;
  }
}

export class SessionDouble extends EventEmitter {
  readonly webRequest = strictModule('webRequest', new WebRequest());
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  displayMedia: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  readonly decided: { url: string; cancel: boolean }[] = [];
  private nextRequestId = 1;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheck = handler;
  }

  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermission = handler;
  }

  setDisplayMediaRequestHandler(handler: ((request: unknown, callback: (streams: unknown) => void) => void) | null): void {
    this.displayMedia = handler;
  }

  /** The router asks here for every request; no listener means Electron lets it through. */
  async decide(details: Omit<RequestDetails, 'id' | 'timestamp'>): Promise<{ cancel: boolean }> {
    const listener = this.webRequest.listener;
    if (!listener) return { cancel: false };
    const full: RequestDetails = { ...details, id: this.nextRequestId++, timestamp: Date.now() };
    const response = await new Promise<{ cancel?: boolean; redirectURL?: string }>((resolve) => listener(full, resolve));
    if (response.redirectURL) throw new Error('electron double: webRequest redirectURL is not implemented');
    const cancel = response.cancel === true;
    this.decided.push({ url: details.url, cancel });
    return { cancel };
  }

  /** A download the page started; true when a listener cancelled it. */
  willDownload(item: unknown): boolean {
    const event = newEvent();
    this.emit('will-download', event, item, null);
    return event.defaultPrevented;
  }
}

let defaultSession: SessionDouble | null = null;

export function theDefaultSession(): SessionDouble {
  defaultSession ??= new SessionDouble();
  return defaultSession;
}

export const session = strictModule('session', {
  get defaultSession(): SessionDouble {
    enforce('session.defaultSession');
    return theDefaultSession();
  },
});

onControl('session.askPermission', async (params) => {
  const { permission, origin } = params as { permission: string; origin: string };
  const s = theDefaultSession();
  const checked = s.permissionCheck ? s.permissionCheck(null, permission, origin, { requestingUrl: origin }) : true;
  const requested = s.permissionRequest
    ? await new Promise<boolean>((resolve) => s.permissionRequest!(null, permission, resolve, { requestingUrl: origin }))
    : true;
  return { checked, requested };
});
onControl('session.requests', () => theDefaultSession().decided);
