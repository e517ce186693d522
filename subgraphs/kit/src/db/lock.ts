import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../locale.js';

/** Raised when another live process holds the embedded data folder. */
export class DataFolderLockedError extends Error {
  readonly code = 'DATA_FOLDER_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holderPid} (${holderCommand}). ` +
        'The embedded database allows one process at a time: stop that process, or run this ' +
        'command against PostgreSQL by setting DATABASE_URL.',
    );
    this.name = 'DataFolderLockedError';
  }

  localizedMessage(locale: Locale): string {
    if (locale !== 'vi') return this.message;
    return (
      `Thư mục dữ liệu ${this.dataDir} đang được tiến trình ${this.holderPid} (${this.holderCommand}) dùng. ` +
      'Cơ sở dữ liệu nhúng chỉ cho một tiến trình dùng mỗi lúc: hãy dừng tiến trình đó, hoặc chạy ' +
      'lệnh này với PostgreSQL bằng cách đặt DATABASE_URL.'
    );
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's folder for this process by creating `<dataDir>.lock`
 * exclusively. A lock left by a dead process is taken over. Returns the release function.
 */
export function lockDataFolder(dataDir: string, command: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const record = JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, record, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; command?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // An unreadable lock file is treated as stale below.
      }
      if (holder.pid && holder.pid !== process.pid && processIsAlive(holder.pid)) {
        throw new DataFolderLockedError(dataDir, holder.pid, holder.command ?? 'unknown command');
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}: the lock file keeps reappearing`);
}
