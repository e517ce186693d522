import { defineConfig } from 'drizzle-kit';

// The kit owns one schema of its own: the audit log.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/audit/schema.ts',
  out: './drizzle/audit',
  schemaFilter: ['audit'],
});
