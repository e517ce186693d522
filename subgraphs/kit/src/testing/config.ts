import { ConfigError } from '../config.js';

/** Runs `load` and returns the ConfigError it throws; fails the test when it throws none. */
export function catchConfigError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
