import { defineConfig } from 'drizzle-kit';

// The idempotency keys live in each subgraph's own database, in schema `idempotency`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/idempotency/schema.ts',
  out: './drizzle/idempotency',
  schemaFilter: ['idempotency'],
});
