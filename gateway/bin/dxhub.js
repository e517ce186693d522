#!/usr/bin/env node
// Runs the dxhub CLI from its TypeScript sources through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
