import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  DataFolderLockedError,
  DatabaseOpenError,
  lockDataFolder,
  openDatabase,
} from '../src/index.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-lock-'));
}

describe('data folder lock', () => {
  it('rejects a second holder while the first is alive', () => {
    const dataDir = path.join(tempDir(), 'data');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      fs.writeFileSync(
        `${dataDir}.lock`,
        JSON.stringify({ pid: child.pid, command: 'dxhub start' }),
      );
      expect(() => lockDataFolder(dataDir, 'dxhub migrate')).toThrow(DataFolderLockedError);
      try {
        lockDataFolder(dataDir, 'dxhub migrate');
      } catch (error) {
        expect((error as Error).message).toContain(`process ${child.pid} (dxhub start)`);
      }
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a dead process', () => {
    const dataDir = path.join(tempDir(), 'data');
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, command: 'old' }));
    const release = lockDataFolder(dataDir, 'dxhub start');
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

describe('openDatabase failures', () => {
  it('names an unwritable data folder', async () => {
    const parent = tempDir();
    const file = path.join(parent, 'not-a-folder');
    fs.writeFileSync(file, '');
    await expect(openDatabase({ dataDir: path.join(file, 'data') })).rejects.toThrow(
      DatabaseOpenError,
    );
    await expect(openDatabase({ dataDir: path.join(file, 'data') })).rejects.toThrow(
      /cannot be written/,
    );
  });

  it('names an unreachable PostgreSQL server without a stack', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toContain('127.0.0.1:1/none');
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
