import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The gateway package folder; esbuild resolves the explorer's packages from here. */
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Output folder of the bundle; `dist/` is not committed, so install and test runs build it. */
export const EXPLORER_DIST = path.join(PACKAGE_DIR, 'dist', 'explorer');

/** Files whose content decides the bundle; a change to any of them makes it stale. */
const INPUTS = [
  fileURLToPath(new URL('./app.ts', import.meta.url)),
  fileURLToPath(new URL('./build.ts', import.meta.url)),
  path.join(PACKAGE_DIR, 'package.json'),
];

/** Monaco's editor workers, each bundled on its own as a classic worker script. */
const WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/** Files the page loads; the gateway serves only these from `EXPLORER_DIST`. */
export const EXPLORER_FILES = [
  'app.js',
  'app.css',
  ...Object.keys(WORKERS).map((name) => `${name}.js`),
];

/** Hash of the inputs, stored beside the bundle to tell whether it is current. */
export function explorerInputHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** True when every bundle file exists and was built from the current inputs. */
export function explorerBundleIsCurrent(dist = EXPLORER_DIST): boolean {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dist, 'build-info.json'), 'utf8')) as {
      inputHash?: string;
    };
    return (
      info.inputHash === explorerInputHash() &&
      EXPLORER_FILES.every((file) => fs.existsSync(path.join(dist, file)))
    );
  } catch {
    return false;
  }
}

/**
 * Bundles GraphiQL, React and the Monaco workers into `dist` with esbuild, so the explorer loads
 * nothing from another host. Fonts and icons end up inline in `app.css` as data URLs.
 */
export async function buildExplorer(dist = EXPLORER_DIST): Promise<void> {
  // esbuild is a development dependency: imported here so the running gateway never needs it.
  const esbuild = await import('esbuild');
  fs.rmSync(dist, { recursive: true, force: true });
  const common = {
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    minify: true,
    legalComments: 'linked' as const,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning' as const,
    outdir: dist,
  };
  await esbuild.build({
    ...common,
    entryPoints: { app: fileURLToPath(new URL('./app.ts', import.meta.url)) },
    format: 'esm',
    target: ['es2022'],
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
  });
  await esbuild.build({ ...common, entryPoints: WORKERS, format: 'iife', target: ['es2020'] });
  fs.writeFileSync(
    path.join(dist, 'build-info.json'),
    `${JSON.stringify({ inputHash: explorerInputHash(), builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

// `tsx src/explorer/build.ts` (the package's build and prepare scripts) builds when stale;
// `--force` rebuilds anyway.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--force') || !explorerBundleIsCurrent()) {
    await buildExplorer();
    console.log(`explorer bundle written to ${EXPLORER_DIST}`);
  } else {
    console.log(`explorer bundle in ${EXPLORER_DIST} is current`);
  }
}
