/** Where Debian's Chromium lives and how tests start it (headless, no background traffic). */
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`Chromium not found (looked at ${candidates.join(', ')}). Install it with 'apt-get install -y chromium' or set CHROMIUM_PATH.`);
  }
  return found;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  // Main denies every new window (setWindowOpenHandler -> deny); this is Chromium's equivalent.
  '--block-new-web-contents',
];
