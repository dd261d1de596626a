/**
 * Caravan's icons as code: shapes are signed distance functions, drawn with
 * analytic anti-aliasing and composited in plain arithmetic, so the same
 * source gives the same pixels on every machine (no fonts, no browser, no
 * image library). `make-icons.ts` writes them to `resources/`; the packaging
 * tests check the committed files against this source.
 *
 * Every size is drawn from the vector shapes at its own resolution (never
 * resampled), and the small sizes use a simpler mark so it stays legible.
 */
import type { RgbaImage } from './png.ts';

/** Signed distance to a shape, in design units: negative inside, positive outside. */
type Sdf = (x: number, y: number) => number;
type Rgb = readonly [number, number, number];
type Paint = (x: number, y: number) => Rgb;
interface Layer {
  shape: Sdf;
  paint: Paint;
}

// ---- shapes ---------------------------------------------------------------

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

/** Approximate ellipse distance: exact on the axes, good enough for edge anti-aliasing at modest aspect ratios. */
const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Sdf =>
  (x, y) =>
    (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);

const ring =
  (cx: number, cy: number, r: number, width: number): Sdf =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

const roundBox =
  (cx: number, cy: number, hx: number, hy: number, radius: number): Sdf =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hx + radius;
    const qy = Math.abs(y - cy) - hy + radius;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };

const capsule =
  (ax: number, ay: number, bx: number, by: number, r: number): Sdf =>
  (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const h = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
    return Math.hypot(px - dx * h, py - dy * h) - r;
  };

/** A square standing on its corner, `h` from the centre to each corner. */
const diamond =
  (cx: number, cy: number, h: number): Sdf =>
  (x, y) =>
    (Math.abs(x - cx) + Math.abs(y - cy) - h) / Math.SQRT2;

/**
 * A pie slice of radius `r` centred on `centreDeg` (clockwise from 12 o'clock)
 * spanning `halfDeg` either side (Inigo Quilez's sdPie in a rotated frame).
 */
const pie = (cx: number, cy: number, r: number, centreDeg: number, halfDeg: number): Sdf => {
  const t = (centreDeg * Math.PI) / 180;
  const a = (halfDeg * Math.PI) / 180;
  const [sinA, cosA] = [Math.sin(a), Math.cos(a)];
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = Math.abs(dx * Math.cos(t) + dy * Math.sin(t));
    const v = dx * Math.sin(t) - dy * Math.cos(t);
    const outer = Math.hypot(u, v) - r;
    const along = Math.min(Math.max(u * sinA + v * cosA, 0), r);
    const side = Math.hypot(u - sinA * along, v - cosA * along) * Math.sign(cosA * u - sinA * v);
    return Math.max(outer, side);
  };
};

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));
const intersect =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.max(...shapes.map((s) => s(x, y)));
const subtract =
  (shape: Sdf, ...holes: Sdf[]): Sdf =>
  (x, y) =>
    Math.max(shape(x, y), ...holes.map((h) => -h(x, y)));
const below =
  (y0: number): Sdf =>
  (_x, y) =>
    y0 - y;
const above =
  (y0: number): Sdf =>
  (_x, y) =>
    y - y0;
const transform =
  (shape: Sdf, cx: number, cy: number, scale: number, dx = 0, dy = 0): Sdf =>
  (x, y) =>
    shape((x - cx - dx) / scale + cx, (y - cy - dy) / scale + cy) * scale;

// ---- colour and rasterising ------------------------------------------------

function hex(value: string): Rgb {
  const n = Number.parseInt(value.slice(1), 16);
  return [((n >> 16) & 0xff) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const solid =
  (colour: Rgb): Paint =>
  () =>
    colour;

/**
 * Draws layers back to front on a transparent canvas of `px` pixels showing
 * `units` design units. Coverage comes from the distance at the pixel centre
 * (one pixel of soft edge), composited with straight alpha.
 */
function rasterise(px: number, units: number, layers: readonly Layer[]): RgbaImage {
  const rgba = new Uint8Array(px * px * 4);
  const unitsPerPixel = units / px;
  for (let j = 0; j < px; j++) {
    for (let i = 0; i < px; i++) {
      const x = (i + 0.5) * unitsPerPixel;
      const y = (j + 0.5) * unitsPerPixel;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const coverage = Math.min(Math.max(0.5 - layer.shape(x, y) / unitsPerPixel, 0), 1);
        if (coverage === 0) continue;
        const [sr, sg, sb] = layer.paint(x, y);
        const outA = coverage + a * (1 - coverage);
        r = (sr * coverage + r * a * (1 - coverage)) / outA;
        g = (sg * coverage + g * a * (1 - coverage)) / outA;
        b = (sb * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const o = (j * px + i) * 4;
      rgba[o] = Math.round(r * 255);
      rgba[o + 1] = Math.round(g * 255);
      rgba[o + 2] = Math.round(b * 255);
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return { width: px, height: px, rgba };
}

// ---- the app icon -----------------------------------------------------------

export const TERRACOTTA = '#b4531b';
const CREAM = hex('#f8eddd');

/**
 * A covered wagon in cream on a terracotta tile, on a 1024-unit grid. The
 * bonnet carries a diamond between its ribs; the small mark drops the ribs,
 * diamond and spokes, which would only blur below ~64 px.
 */
function wagon(detailed: boolean): Sdf {
  const wheels = [372, 652].map((cx) => ({ cx, cy: 742 }));
  const bonnet = union(intersect(ellipse(512, 430, 212, 170), above(505)), roundBox(512, 505, 212, 80, 12));
  const bonnetCut = detailed ? subtract(bonnet, capsule(414, 352, 414, 560, 11), capsule(610, 352, 610, 560, 11), diamond(512, 452, 54)) : bonnet;
  const bed = subtract(roundBox(512, 640, 246, 38, 16), ...wheels.map(({ cx, cy }) => circle(cx, cy, detailed ? 110 : 118)));
  const tongue = capsule(750, 650, 846, 706, 13);
  const wheelShapes = wheels.map(({ cx, cy }) =>
    detailed
      ? union(
          ring(cx, cy, 77, 30),
          circle(cx, cy, 22),
          capsule(cx - 66, cy, cx + 66, cy, 8),
          capsule(cx, cy - 66, cx, cy + 66, 8),
          capsule(cx - 47, cy - 47, cx + 47, cy + 47, 8),
          capsule(cx - 47, cy + 47, cx + 47, cy - 47, 8),
        )
      : subtract(circle(cx, cy, 95), circle(cx, cy, 30)),
  );
  // The drawing spans x 266..859 and y 260..834; move it to the tile's optical centre.
  return transform(union(bonnetCut, bed, tongue, ...wheelShapes), 512, 512, 1, -22, -36);
}

/**
 * The app icon at `px` pixels. From 128 px up it follows the macOS grid (an
 * 824-unit tile with a 185-unit corner on a 1024 canvas); below that the tile
 * fills the canvas, as small Linux and Windows icons do.
 */
export function appIcon(px: number): RgbaImage {
  const large = px >= 128;
  const half = large ? 412 : 500;
  const tile = roundBox(512, 512, half, half, large ? 185 : 170);
  const base = hex(TERRACOTTA);
  const top = mix(base, [1, 1, 1], 0.1);
  const bottom = mix(base, [0, 0, 0], 0.12);
  const gradient: Paint = (_x, y) => mix(top, bottom, Math.min(Math.max((y - (512 - half)) / (2 * half), 0), 1));
  const mark = large ? wagon(px >= 256) : transform(wagon(false), 512, 512, 1.16);
  return rasterise(px, 1024, [
    { shape: tile, paint: gradient },
    { shape: mark, paint: solid(CREAM) },
  ]);
}

// ---- tray icons -------------------------------------------------------------

/** Same names as `TrayIcon` in src-main/timer/tray-presenter.ts. */
export const TRAY_STATES = ['idle', 'running', 'paused', 'break', 'overrun'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/**
 * A clock face on a 16-unit grid: a ring plus one state glyph, so the states
 * differ in shape, not only in colour (template images are black, and some
 * people cannot tell the colours apart).
 *   idle     ring with hands at 12 and 3: a clock at rest
 *   running  ring with three quarters filled, 12 round to 9: time elapsing
 *   paused   ring with two bars
 *   break    ring with the lower half filled: a horizon, time off
 *   overrun  solid disc with an exclamation mark cut out
 */
function trayShape(state: TrayState): Sdf {
  const face = ring(8, 8, 6.6, 1.6);
  switch (state) {
    case 'idle':
      return union(face, capsule(8, 8, 8, 4, 1), capsule(8, 8, 11, 8, 1));
    case 'running':
      return union(face, pie(8, 8, 4.1, 135, 135));
    case 'paused':
      return union(face, roundBox(6.1, 8, 1.05, 3.3, 0.35), roundBox(9.9, 8, 1.05, 3.3, 0.35));
    case 'break':
      return union(face, intersect(circle(8, 8, 4.1), below(8.3)));
    case 'overrun':
      return subtract(circle(8, 8, 7.4), capsule(8, 3.9, 8, 8.6, 1.05), circle(8, 11.6, 1.15));
  }
}

/** Colours for Linux and Windows trays: mid-tones that read on light and dark panels alike. */
const TRAY_COLOURS: Readonly<Record<TrayState, string>> = {
  idle: '#8a9099',
  running: TERRACOTTA,
  paused: '#c58a12',
  break: '#2f8a5f',
  overrun: '#d0362a',
};

/** A tray icon: 16 px at scale 1, 32 px at scale 2; `template` = black with alpha, for the macOS menu bar. */
export function trayIcon(state: TrayState, scale: 1 | 2, template: boolean): RgbaImage {
  const colour = template ? hex('#000000') : hex(TRAY_COLOURS[state]);
  return rasterise(16 * scale, 16, [{ shape: trayShape(state), paint: solid(colour) }]);
}

// ---- the file set -------------------------------------------------------------

/** Sizes for the Linux icon set: each one is a directory of the freedesktop hicolor theme (which has no 1024). */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

export interface IconFile {
  /** Path relative to the repository root. */
  path: string;
  render: () => RgbaImage;
}

export function iconFiles(): IconFile[] {
  const files: IconFile[] = [{ path: 'resources/icon.png', render: () => appIcon(1024) }];
  for (const size of LINUX_ICON_SIZES) files.push({ path: `resources/icons/${size}x${size}.png`, render: () => appIcon(size) });
  for (const state of TRAY_STATES) {
    for (const template of [false, true]) {
      const name = template ? `${state}Template` : state;
      files.push({ path: `resources/tray/${name}.png`, render: () => trayIcon(state, 1, template) });
      files.push({ path: `resources/tray/${name}@2x.png`, render: () => trayIcon(state, 2, template) });
    }
  }
  return files;
}
