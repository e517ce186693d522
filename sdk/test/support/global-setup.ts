import { ensureSdkBuilt } from '../../scripts/ensure-built.js';

/** Builds `dist/` before the tests that import the built package, when the sources are newer. */
export default async function setup(): Promise<void> {
  await ensureSdkBuilt();
}
