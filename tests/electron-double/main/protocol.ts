/**
 * `protocol`: privileged schemes (before ready, once), and `handle`, whose
 * handler serves every request the page makes to that scheme: the router
 * builds a real `Request` with the app:// URL and sends back the handler's
 * `Response`, so main's own protocol code answers the page.
 */
import { addStandardScheme } from '../chromium/url-map.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; [key: string]: boolean | undefined };
}

const handlers = new Map<string, ProtocolHandler>();
const privileged = new Map<string, CustomScheme['privileges']>();

export const protocol = strictModule('protocol', {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    enforce('protocol.registerSchemesAsPrivileged');
    for (const { scheme, privileges } of schemes) {
      privileged.set(scheme, privileges ?? {});
      // Only a standard, secure scheme gets an origin Chromium can stand in for.
      if (privileges?.standard && privileges.secure) addStandardScheme(scheme);
    }
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    enforce('protocol.handle');
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    enforce('protocol.handle');
    handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return handlers.has(scheme);
  },
});

export function protocolHandler(scheme: string): ProtocolHandler | undefined {
  return handlers.get(scheme);
}

export function privilegesOf(scheme: string): CustomScheme['privileges'] | undefined {
  return privileged.get(scheme);
}
