import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One project per package; each package's vitest.config.ts names its tests.
    projects: [
      'subgraphs/*/vitest.config.ts',
      '{gateway,sdk,examples,tests,bench}/vitest.config.ts',
    ],
  },
});
