import { createRequire } from 'node:module';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Settings every package's test project shares. graphql 16 ships CommonJS and an ESM copy;
 * Node loads the CommonJS one for everybody, but Vite would hand ESM importers the other copy
 * and Apollo's CommonJS code the first, which graphql rejects as two instances. The alias
 * makes tests load the same copy Node does.
 */
export function dxhubProject(name: string, overrides: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { alias: { graphql: require.resolve('graphql') } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      ...overrides,
    },
  });
}
