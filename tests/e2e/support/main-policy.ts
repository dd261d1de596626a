/**
 * Main's navigation and request policy applied to a Playwright browser context, as Electron's
 * `will-navigate` and `webRequest` hooks do in the real shell: the app document itself may load
 * (main's own `loadURL`); no other navigation, and no request outside the app's origin.
 */
import type { BrowserContext } from '@playwright/test';
import { allowNavigation, allowRendererRequest } from '../../../src-main/security/navigation-policy.ts';
import type { Host } from '../../host/server.ts';

export async function applyMainPolicy(context: BrowserContext, host: Pick<Host, 'url' | 'origin'> & Partial<Pick<Host, 'locality'>>): Promise<void> {
  const appDocument = new Set([host.url, `${host.origin}/`]);
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url().split('#')[0] ?? '';
    const allowed = request.isNavigationRequest()
      ? appDocument.has(url) || allowNavigation(url)
      : allowRendererRequest(url, host.origin, host.locality?.guard.approvedHosts());
    if (allowed) return route.continue();
    // ERR_ABORTED leaves the current document in place, as `will-navigate` + preventDefault does.
    return route.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient');
  });
}
