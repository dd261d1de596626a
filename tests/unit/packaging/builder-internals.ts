/**
 * electron-builder's own config loader, validators, file matcher and fuse
 * mapping, loaded from the installed app-builder-lib so the tests judge
 * electron-builder.yml exactly as `electron-builder` will. These are internal
 * modules of a pinned version (26.x): if an update moves them, these imports
 * fail loudly rather than the checks silently passing.
 *
 * Everything is resolved from electron-builder (a declared devDependency), not
 * from wherever npm happened to hoist its dependencies.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';

const fromProject = createRequire(join(import.meta.dirname, '..', '..', '..', 'package.json'));
const appBuilderLibDir = dirname(createRequire(fromProject.resolve('electron-builder/package.json')).resolve('app-builder-lib/package.json'));
const fromBuilder = createRequire(join(appBuilderLibDir, 'package.json'));

export interface DebugLogger {
  readonly isEnabled: boolean;
}
interface FileMatcher {
  readonly from: string;
  readonly patterns: readonly string[];
  createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
}
/** The slice of a PlatformPackager that getMainFileMatchers reads. */
interface PackagerLike {
  info: {
    projectDir: string;
    buildResourcesDir: string;
    isPrepackedAppAsar: boolean;
    config: Configuration;
    debugLogger: DebugLogger;
  };
}
export interface AjvError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): AjvValidate;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

// The package entry first: its modules are circular, and loading platformPackager.js
// on its own breaks the class hierarchy.
const builderLib = fromBuilder('./out/index.js') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: object): Promise<Record<string, unknown>> } };
};
const config = fromBuilder('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: DebugLogger): Promise<void>;
};
const packageMetadata = fromBuilder('./out/util/packageMetadata.js') as {
  checkMetadata(metadata: object, devMetadata: object, appPackageFile: string, devPackageFile: string): void;
};
const fileMatcher = fromBuilder('./out/fileMatcher.js') as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: PlatformSpecificBuildOptions,
    platformPackager: PackagerLike,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
};
const builderUtil = fromBuilder('builder-util') as { DebugLogger: new (isEnabled: boolean) => DebugLogger };
const ajvModule = fromBuilder('ajv') as { default: AjvConstructor };

/** electron-builder's JSON schema for its configuration. */
export const builderSchema = JSON.parse(readFileSync(join(appBuilderLibDir, 'scheme.json'), 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
};

/** Loads electron-builder.yml from `projectDir` the way `electron-builder` does (defaults merged, `files` normalised). */
export const loadBuilderConfig = (projectDir: string): Promise<Configuration> => config.getConfig(projectDir, null, null);

/** electron-builder's own validation (its schema, with its type coercion, plus its deprecation checks). */
export const validateWithBuilder = (configuration: Configuration): Promise<void> =>
  config.validateConfiguration(configuration, new builderUtil.DebugLogger(false));

/** electron-builder's package.json checks (name, version, no electron in dependencies, ...). */
export const checkPackageMetadata = (pkg: object, file: string): void => packageMetadata.checkMetadata(pkg, pkg, file, file);

/**
 * The schema with ajv, the validator electron-builder uses, but strict about
 * types (electron-builder coerces, so `runAsNode: "false"` would pass there).
 */
export function validateStrictly(data: unknown): AjvError[] {
  strictValidator ??= new ajvModule.default({ allErrors: true, strict: false }).compile(builderSchema);
  return strictValidator(data) ? [] : (strictValidator.errors ?? []);
}
let strictValidator: AjvValidate | undefined;

/**
 * electron-builder's filter for the app's own files (production node_modules
 * are copied separately), built by its own getMainFileMatchers for one platform.
 * Returns a predicate on repository-relative file paths.
 */
export function appFileFilter(
  projectDir: string,
  configuration: Configuration,
  platform: PlatformSpecificBuildOptions,
): {
  includes: (relativePath: string) => boolean;
  matcherCount: number;
} {
  const packager: PackagerLike = {
    info: {
      projectDir,
      buildResourcesDir: join(projectDir, configuration.directories?.buildResources ?? 'build'),
      isPrepackedAppAsar: false,
      config: configuration,
      debugLogger: new builderUtil.DebugLogger(false),
    },
  };
  const outDir = join(projectDir, configuration.directories?.output ?? 'dist');
  const matchers = fileMatcher.getMainFileMatchers(projectDir, join(outDir, 'app'), (p) => p, platform, packager, outDir, false);
  const [first] = matchers;
  if (!first) throw new Error('electron-builder produced no file matcher');
  const filter = first.createFilter();
  const file = { isDirectory: () => false };
  return { includes: (relativePath) => filter(join(first.from, relativePath), file), matcherCount: matchers.length };
}

/** What electron-builder hands to @electron/fuses for `electronFuses`, keyed by FuseV1Options index. */
export const fuseWireConfig = (fuses: object): Promise<Record<string, unknown>> => builderLib.PlatformPackager.prototype.generateFuseConfig.call(null, fuses);

/** @electron/fuses' FuseV1Options enum as name -> wire index, from the copy electron-builder uses. */
export function fuseV1Options(): Record<string, number> {
  const { FuseV1Options } = fromBuilder('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
  return Object.fromEntries(Object.entries(FuseV1Options).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
