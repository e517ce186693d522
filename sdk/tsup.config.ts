import { defineConfig } from 'tsup';

// One entry, built twice: ESM (`dist/index.js`) and CommonJS (`dist/index.cjs`), each with its
// own declaration file, as the `exports` map in package.json expects.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  clean: true,
  treeshake: true,
  outDir: 'dist',
});
