import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, parseWindowState, placeWindow, type Rect } from '../../../../src-main/window/window-state.ts';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowState', () => {
  it('accepts a well-formed state and rounds it', () => {
    expect(parseWindowState({ bounds: { x: 10.4, y: 20, width: 1000, height: 700 }, maximized: true })).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it.each([
    null,
    'x',
    42,
    {},
    { bounds: null },
    { bounds: { x: 0, y: 0, width: 'big', height: 1 } },
    { bounds: { x: NaN, y: 0, width: 1, height: 1 } },
    { bounds: { x: 1e9, y: 0, width: 1, height: 1 } },
  ])('rejects %j', (raw) => expect(parseWindowState(raw)).toBeNull());
});

describe('placeWindow', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(placeWindow(null, [laptop])).toEqual({
      bounds: { x: (1440 - DEFAULT_SIZE.width) / 2, y: Math.round((875 - DEFAULT_SIZE.height) / 2), ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('restores bounds that are still on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop, external])).toEqual(saved);
  });

  it('starts fresh when the display the window was on is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };
    const placed = placeWindow(saved, [laptop]);
    expect(placed.maximized).toBe(true);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(1440);
  });

  it('pulls a window hanging off the edge back inside and shrinks it to fit', () => {
    const placed = placeWindow({ bounds: { x: 1200, y: 700, width: 3000, height: 2000 }, maximized: false }, [laptop]);
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('always returns a window fully inside one display, at least the minimum size where it fits', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1, max: 6000 }),
      height: fc.integer({ min: 1, max: 4000 }),
    });
    const display = fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 800, max: 5000 }),
      height: fc.integer({ min: 600, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.option(rect, { nil: null }), fc.array(display, { minLength: 1, maxLength: 3 }), (saved, displays) => {
        const { bounds } = placeWindow(saved ? { bounds: saved, maximized: false } : null, displays);
        const inside = displays.some(
          (d) => bounds.x >= d.x && bounds.y >= d.y && bounds.x + bounds.width <= d.x + d.width && bounds.y + bounds.height <= d.y + d.height,
        );
        expect(inside).toBe(true);
        expect(bounds.width).toBeGreaterThanOrEqual(Math.min(MIN_SIZE.width, ...displays.map((d) => d.width)) || 1);
      }),
      { numRuns: 500 },
    );
  });
});
