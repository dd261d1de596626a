/**
 * electron-builder.yml, checked without packaging (the Electron binary cannot
 * be downloaded here): the security fuses and what electron-builder hands to
 * @electron/fuses for them, targets per OS, what goes into app.asar, every
 * referenced file, and the whole file against electron-builder's own schema,
 * so a flipped fuse or a misspelt key fails here rather than in a release.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Configuration } from 'electron-builder';
import {
  appFileFilter,
  builderSchema,
  checkPackageMetadata,
  fuseV1Options,
  fuseWireConfig,
  loadBuilderConfig,
  validateStrictly,
  validateWithBuilder,
} from './builder-internals.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const configFile = join(root, 'electron-builder.yml');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName?: string };

/** The fuses Caravan ships with. Key names are app-builder-lib's FuseOptionsV1. */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
} as const;

/** The same, by @electron/fuses' FuseV1Options name, to check electron-builder's translation. */
const EXPECTED_WIRE: Record<string, boolean> = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
};

type Raw = Record<string, unknown>;

function parseYaml(text: string): Raw {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length > 0) throw new Error(`electron-builder.yml does not parse cleanly:\n${problems.join('\n')}`);
  return doc.toJS() as Raw;
}

const section = (config: Raw, key: string): Raw => {
  const value = config[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`"${key}" is not a mapping`);
  return value as Raw;
};

/** Target names from any of electron-builder's spellings: "dmg", ["dmg"], [{ target: "dmg", arch: [...] }]. */
function targetNames(platform: Raw): string[] {
  const target = platform['target'];
  const list = Array.isArray(target) ? (target as unknown[]) : [target];
  return list.map((t) => (typeof t === 'string' ? t : String((t as Raw)['target'])));
}

/** Keys whose string values name files or folders electron-builder reads. */
const PATH_KEYS = new Set([
  'buildResources',
  'icon',
  'entitlements',
  'entitlementsInherit',
  'entitlementsLoginHelper',
  'provisioningProfile',
  'requirements',
  'installerIcon',
  'uninstallerIcon',
  'installerHeader',
  'installerHeaderIcon',
  'installerSidebar',
  'uninstallerSidebar',
  'license',
  'include',
  'script',
  'background',
  'afterInstall',
  'afterRemove',
  'appArmorProfile',
]);

function referencedPaths(value: unknown, at = ''): Array<{ at: string; path: string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => referencedPaths(item, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = at ? `${at}.${key}` : key;
    if (PATH_KEYS.has(key) && typeof child === 'string') return [{ at: here, path: child }];
    return referencedPaths(child, here);
  });
}

const raw = parseYaml(readFileSync(configFile, 'utf8'));
let loaded: Configuration;

beforeAll(async () => {
  loaded = await loadBuilderConfig(root);
});

describe('electron-builder.yml: identity and layout', () => {
  it('names the app as package.json does', () => {
    expect(raw['appId']).toBe('app.caravan.desktop');
    expect(pkg.productName).toBe('Caravan');
    expect(raw['productName']).toBe(pkg.productName);
  });

  it('builds into dist/ from resources/, into an asar, and publishes nothing', () => {
    expect(raw['directories']).toEqual({ output: 'dist', buildResources: 'resources' });
    expect(raw['asar']).toBe(true);
    expect(raw).not.toHaveProperty('asarUnpack');
    expect(raw).toHaveProperty('publish', null);
  });

  it("passes electron-builder's package.json checks", () => {
    expect(() => checkPackageMetadata(pkg, join(root, 'package.json'))).not.toThrow();
  });
});

describe('electron-builder.yml: fuses', () => {
  it('sets every fuse as Caravan needs it, in the file and in what electron-builder loads', () => {
    expect(raw['electronFuses']).toStrictEqual(EXPECTED_FUSES);
    expect(loaded.electronFuses).toStrictEqual(EXPECTED_FUSES);
  });

  it('uses key names electron-builder knows', () => {
    const known = Object.keys(builderSchema.definitions['FuseOptionsV1']?.properties ?? {});
    expect(known.length).toBeGreaterThan(0);
    for (const key of Object.keys(EXPECTED_FUSES)) expect(known, `electronFuses.${key}`).toContain(key);
  });

  it("reaches @electron/fuses with every fuse of its V1 wire set, none left to Electron's default", async () => {
    const options = fuseV1Options();
    const wire = await fuseWireConfig(section(raw, 'electronFuses'));
    expect(Object.keys(options).sort()).toEqual(Object.keys(EXPECTED_WIRE).sort());
    for (const [name, index] of Object.entries(options)) {
      expect(wire[String(index)], `FuseV1Options.${name}`).toBe(EXPECTED_WIRE[name]);
    }
  });
});

describe('electron-builder.yml: targets', () => {
  it('builds an AppImage and a deb on Linux, with desktop metadata', () => {
    const linux = section(raw, 'linux');
    expect(targetNames(linux).sort()).toEqual(['AppImage', 'deb']);
    expect(linux['category']).toBe('Office');
    expect(linux['synopsis']).toEqual(expect.any(String));
    expect(linux['maintainer']).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('builds a hardened, minimally entitled dmg on macOS', () => {
    const mac = section(raw, 'mac');
    expect(targetNames(mac)).toEqual(['dmg']);
    expect(mac['hardenedRuntime']).toBe(true);
    // Without entitlementsInherit, helpers get electron-builder's permissive default template.
    expect(mac['entitlements']).toBe('resources/entitlements.mac.plist');
    expect(mac['entitlementsInherit']).toBe(mac['entitlements']);
    const plist = readFileSync(join(root, 'resources/entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\s*\/>/g)].map((m) => [m[1], m[2]]);
    expect(granted).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
    expect(plist.match(/<key>/g)).toHaveLength(1);
  });

  it('builds an assisted, per-user NSIS installer on Windows', () => {
    expect(targetNames(section(raw, 'win'))).toEqual(['nsis']);
    const nsis = section(raw, 'nsis');
    expect(nsis['oneClick']).toBe(false);
    expect(nsis['perMachine']).toBe(false);
    expect(nsis['selectPerMachineByDefault']).toBe(false);
    expect(nsis['allowElevation']).toBe(false);
  });
});

describe('electron-builder.yml: referenced files', () => {
  const referenced = referencedPaths(raw);

  it('finds the icons and entitlements it should', () => {
    expect(referenced.map((r) => r.at).sort()).toEqual(
      ['directories.buildResources', 'linux.icon', 'mac.entitlements', 'mac.entitlementsInherit', 'mac.icon', 'win.icon'].sort(),
    );
  });

  it.each(referenced)('$at: $path exists', ({ path }) => {
    expect(existsSync(join(root, path))).toBe(true);
  });

  it('ships the third-party notices beside app.asar, and they name the PDF font', () => {
    const extra = raw['extraResources'] as Array<{ from: string; to: string }>;
    expect(extra).toEqual([{ from: 'docs/third-party-notices.md', to: 'third-party-notices.md' }]);
    expect(readFileSync(join(root, extra[0]!.from), 'utf8')).toMatch(/DejaVu/u);
  });

  it('gives Linux one NxN.png per size, each as large as its name says', () => {
    const dir = join(root, String(section(raw, 'linux')['icon']));
    const names = readdirSync(dir).filter((name) => name.endsWith('.png'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      const png = readFileSync(join(dir, name));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([size, size]);
    }
    expect(names).toContain('512x512.png');
  });

  it('gives macOS and Windows a PNG of 1024 px to convert (icns wants >= 512, ico >= 256)', () => {
    for (const key of ['mac', 'win']) {
      const file = join(root, String(section(raw, key)['icon']));
      expect(statSync(file).isFile()).toBe(true);
      const png = readFileSync(file);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    }
  });
});

describe('electron-builder.yml: what goes into app.asar', () => {
  const shipped = [
    'package.json',
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-abc123.js',
    'out/renderer/assets/libsodium-abc123.wasm',
    'resources/icon.png',
    'resources/tray/idle.png',
    'resources/tray/idle@2x.png',
    'resources/tray/idleTemplate@2x.png',
  ];
  const kept = [
    'src-main/index.ts',
    'src-preload/index.ts',
    'src-renderer/index.html',
    'src-renderer/main.tsx',
    'tests/unit/packaging/electron-builder-config.test.ts',
    'tests/tools/make-icons.ts',
    'docs/architecture.md',
    'README.md',
    'out/main/index.js.map',
    'out/renderer/assets/index-abc123.js.map',
    'resources/entitlements.mac.plist',
    'resources/icons/512x512.png',
    'electron-builder.yml',
    'electron.vite.config.ts',
    'vitest.config.ts',
    'playwright.config.ts',
    'tsconfig.json',
    'tsconfig.node.json',
    'eslint.config.js',
    'package-lock.json',
    'bench/results.json',
    'test-results/report.json',
    'dist/Caravan-0.1.0.AppImage',
    '.tools/node_modules/typescript/package.json',
  ];

  for (const platform of ['linux', 'mac', 'win'] as const) {
    it(`${platform}: ships the build and run-time resources, and nothing else of the repository`, () => {
      const { includes, matcherCount } = appFileFilter(root, loaded, loaded[platform] ?? {});
      expect(matcherCount).toBe(1);
      expect(
        shipped.filter((file) => !includes(file)),
        'missing from the app',
      ).toEqual([]);
      expect(
        kept.filter((file) => includes(file)),
        'shipped but should not be',
      ).toEqual([]);
    });
  }

  it('strips source maps and TypeScript from production node_modules too', () => {
    const patterns = (raw['files'] as unknown[]).filter((p): p is string => typeof p === 'string');
    expect(patterns).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,mts,cts,tsx}']));
  });
});

describe('electron-builder.yml: schema', () => {
  it('is valid for electron-builder itself', async () => {
    await expect(validateWithBuilder(structuredClone(loaded))).resolves.toBeUndefined();
  });

  it('is valid against the schema without type coercion', () => {
    const errors = validateStrictly(raw);
    expect(errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)).toEqual([]);
  });

  // The checks above are only worth something if they reject mistakes.
  const mutations: Array<[string, (c: Raw) => void]> = [
    [
      'a misspelt fuse',
      (c) => {
        section(c, 'electronFuses')['runAsnode'] = false;
      },
    ],
    [
      'a misspelt top-level key',
      (c) => {
        c['asr'] = true;
      },
    ],
    [
      'a misspelt mac key',
      (c) => {
        section(c, 'mac')['hardenedRuntim'] = true;
      },
    ],
    [
      'a misspelt nsis key',
      (c) => {
        section(c, 'nsis')['oneclick'] = false;
      },
    ],
    [
      'an unknown target option',
      (c) => {
        section(c, 'linux')['categroy'] = 'Office';
      },
    ],
  ];

  it.each(mutations)('rejects %s, in both validators', async (_name, mutate) => {
    const broken = structuredClone(raw);
    mutate(broken);
    expect(validateStrictly(broken)).not.toEqual([]);
    await expect(validateWithBuilder(broken as Configuration)).rejects.toThrow(/^Invalid configuration object/);
  });

  it('rejects a fuse given as a string, which electron-builder alone would coerce', () => {
    const broken = structuredClone(raw);
    section(broken, 'electronFuses')['runAsNode'] = 'false';
    expect(validateStrictly(broken)).not.toEqual([]);
  });
});
