/**
 * The committed icons in resources/: present, the sizes electron-builder and
 * Electron expect, generated from tests/tools/icon-art.ts (run
 * `node tests/tools/make-icons.ts` after changing it), and the tray states
 * told apart by shape alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrayIcon } from '../../../src-main/timer/tray-presenter.ts';
import { iconFiles, LINUX_ICON_SIZES, TRAY_STATES, type TrayState } from '../../tools/icon-art.ts';
import { decodePng, type RgbaImage } from '../../tools/png.ts';

// One icon per state the tray presenter can ask for, and no more (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statesMatchPresenter: Same<TrayState, TrayIcon> = true;

const root = join(import.meta.dirname, '..', '..', '..');
const load = (path: string): RgbaImage => decodePng(readFileSync(join(root, path)));
const files = iconFiles();

describe('icons in resources/', () => {
  it('has exactly the generated files in resources/tray and resources/icons', () => {
    const committed = [
      ...readdirSync(join(root, 'resources/tray')).map((name) => `resources/tray/${name}`),
      ...readdirSync(join(root, 'resources/icons')).map((name) => `resources/icons/${name}`),
      'resources/icon.png',
    ];
    expect(committed.sort()).toEqual(files.map((f) => f.path).sort());
    expect(statesMatchPresenter).toBe(true);
  });

  it.each(files)('$path is up to date with icon-art.ts', ({ path, render }) => {
    const committed = load(path);
    const fresh = render();
    expect([committed.width, committed.height]).toEqual([fresh.width, fresh.height]);
    // A little slack for last-bit differences in Math.sin/cos between platforms.
    let worst = 0;
    for (let i = 0; i < fresh.rgba.length; i++) worst = Math.max(worst, Math.abs((fresh.rgba[i] ?? 0) - (committed.rgba[i] ?? 0)));
    expect(worst, `largest channel difference in ${path}; run node tests/tools/make-icons.ts`).toBeLessThanOrEqual(2);
  });

  it('has a 1024 px app icon with transparent corners (the macOS tile sits inside the canvas)', () => {
    const icon = load('resources/icon.png');
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    expect(icon.rgba[3]).toBe(0);
    expect(icon.rgba[(512 * 1024 + 512) * 4 + 3]).toBe(255);
  });

  it('has the Linux set at every size, square', () => {
    for (const size of LINUX_ICON_SIZES) {
      const icon = load(`resources/icons/${size}x${size}.png`);
      expect([icon.width, icon.height]).toEqual([size, size]);
    }
  });

  describe.each(TRAY_STATES)('tray state %s', (state) => {
    it('comes at 16 px and @2x 32 px, in colour and as a macOS template', () => {
      for (const name of [state, `${state}Template`]) {
        expect(load(`resources/tray/${name}.png`).width).toBe(16);
        expect(load(`resources/tray/${name}@2x.png`).width).toBe(32);
      }
    });

    it('has black-and-alpha templates (macOS tints them for light and dark menu bars)', () => {
      for (const path of [`resources/tray/${state}Template.png`, `resources/tray/${state}Template@2x.png`]) {
        const { rgba } = load(path);
        let coloured = 0;
        let opaque = 0;
        for (let i = 0; i < rgba.length; i += 4) {
          if (rgba[i] !== 0 || rgba[i + 1] !== 0 || rgba[i + 2] !== 0) coloured++;
          if ((rgba[i + 3] ?? 0) > 0) opaque++;
        }
        expect(coloured, path).toBe(0);
        expect(opaque, path).toBeGreaterThan(0);
      }
    });
  });

  it('tells every pair of tray states apart by shape, at 16 px', () => {
    const masks = TRAY_STATES.map((state) => load(`resources/tray/${state}Template.png`).rgba.filter((_v, i) => i % 4 === 3));
    for (let a = 0; a < masks.length; a++) {
      for (let b = a + 1; b < masks.length; b++) {
        let difference = 0;
        masks[a]?.forEach((alpha, i) => (difference += Math.abs(alpha - (masks[b]?.[i] ?? 0)) / 255));
        // In whole-pixel equivalents; the glyphs inside the ring differ by far more than this.
        expect(difference, `${TRAY_STATES[a]} vs ${TRAY_STATES[b]}`).toBeGreaterThan(12);
      }
    }
  });
});
