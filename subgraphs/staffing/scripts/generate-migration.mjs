// Generates the staffing migration with drizzle-kit, then appends src/db/invariants.sql (the
// functions and triggers drizzle-kit cannot express) to it. Arguments go to `drizzle-kit
// generate`, for example `pnpm db:generate --name initial`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const migrationsDir = path.join(packageDir, 'drizzle');
const invariantsFile = path.join(packageDir, 'src', 'db', 'invariants.sql');
const MARKER = '-- staffing invariants:';

const generated = spawnSync('drizzle-kit', ['generate', ...process.argv.slice(2)], {
  cwd: packageDir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (generated.status !== 0) process.exit(generated.status ?? 1);

const journal = JSON.parse(
  fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'),
);
if (journal.entries.length !== 1) {
  console.error(
    `drizzle/ holds ${journal.entries.length} migrations; nothing is released yet, so delete drizzle/ ` +
      'and run `pnpm db:generate --name initial` again to keep one initial migration.',
  );
  process.exit(1);
}

const migrationFile = path.join(migrationsDir, `${journal.entries[0].tag}.sql`);
const migration = fs.readFileSync(migrationFile, 'utf8');
const tables = migration.includes(MARKER)
  ? migration.slice(0, migration.indexOf(MARKER))
  : migration;
const invariants = fs.readFileSync(invariantsFile, 'utf8');
fs.writeFileSync(migrationFile, `${tables.trimEnd()}\n--> statement-breakpoint\n${invariants}`);
console.log(
  `Appended ${path.relative(packageDir, invariantsFile)} to ${path.relative(packageDir, migrationFile)}.`,
);
