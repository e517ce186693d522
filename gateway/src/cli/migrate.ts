import { auditMigrations, migrate, migrateSubgraph, type Locale } from '@dxhub/kit';
import { SUBGRAPHS } from '../index.js';
import { parseOptions } from './args.js';
import { message } from './messages.js';
import { openAuditDatabase, openForCommand } from './shared.js';

/** `dxhub migrate`: applies every pending migration, network first, and exits. */
export async function runMigrate(args: string[], locale: Locale): Promise<number> {
  parseOptions(args, {}, false);
  const { config, database } = await openForCommand('migrate');
  const auditDatabase = await openAuditDatabase(config, database);
  try {
    const report = [await migrate(auditDatabase, auditMigrations)];
    for (const module of SUBGRAPHS) report.push(...(await migrateSubgraph(module, database)));
    for (const result of report) {
      console.log(
        message(locale, 'migrated', {
          schema: result.schema,
          applied: result.applied.length,
          already: result.alreadyApplied,
        }),
      );
    }
    return 0;
  } finally {
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  }
}
