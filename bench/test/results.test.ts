import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedSourceFiles } from '../lib/results.js';
import { REPOSITORY_ROOT } from '../lib/targets.js';

// The test edits a tracked file of this checkout and restores it, so it compares against the
// changes already present rather than assuming a clean tree.
const TRACKED = path.join(REPOSITORY_ROOT, 'bench', 'README.md');
const RECORD = path.join(REPOSITORY_ROOT, 'bench', 'RESULTS.md');

describe('changedSourceFiles', () => {
  const saved = new Map<string, string>();
  const edit = (file: string) => {
    saved.set(file, fs.readFileSync(file, 'utf8'));
    fs.appendFileSync(file, '\n');
  };
  afterEach(() => {
    for (const [file, text] of saved) fs.writeFileSync(file, text);
    saved.clear();
  });

  it('names a changed tracked file', () => {
    const before = changedSourceFiles(RECORD);
    edit(TRACKED);
    expect(changedSourceFiles(RECORD).sort()).toEqual(
      [...new Set([...before, 'bench/README.md'])].sort(),
    );
  });

  it('leaves out the record being written', () => {
    const before = changedSourceFiles(RECORD);
    edit(RECORD);
    expect(changedSourceFiles(RECORD)).toEqual(before);
    expect(changedSourceFiles(RECORD)).not.toContain('bench/RESULTS.md');
  });
});
