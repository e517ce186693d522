import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const lockDir = path.join(sdkDir, 'dist.lock');
const builtFile = path.join(sdkDir, 'dist', 'index.cjs');
/** A lock older than this is left from a killed build and is removed. */
const STALE_LOCK_MS = 5 * 60 * 1000;
const LOCK_WAIT_MS = 3 * 60 * 1000;

function newestSourceTime(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ['src', 'package.json', 'tsup.config.ts']) visit(path.join(sdkDir, entry));
  return newest;
}

function isCurrent(): boolean {
  return fs.existsSync(builtFile) && fs.statSync(builtFile).mtimeMs >= newestSourceTime();
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = fs.statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS)
        fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${lockDir}; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Builds the SDK with tsup when `dist/` is missing or older than a source file. Test projects
 * that import the built package call it; a lock folder keeps two of them from building at once.
 */
export async function ensureSdkBuilt(): Promise<void> {
  if (isCurrent()) return;
  await acquireLock();
  try {
    if (isCurrent()) return;
    execFileSync(path.join(sdkDir, 'node_modules', '.bin', 'tsup'), [], {
      cwd: sdkDir,
      stdio: 'pipe',
    });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await ensureSdkBuilt();
}
