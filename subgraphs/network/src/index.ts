// Public surface of @dxhub/network. The CLI, the gateway and the benchmarks import from here.
export { networkSubgraph, typeDefsSource, migrationsFolder } from './server.js';
export { accessSuite } from './access-suite.js';
export { importUnits } from './import/units.js';
export type { ImportUnitsOptions } from './import/units.js';
export { importAgencies, seedCentralBodies } from './import/agencies.js';
export type { ImportAgenciesOptions } from './import/agencies.js';
export type { ImportReport } from './import/writes.js';
export { ImportError } from './import/errors.js';
export type { ImportErrorCode } from './import/errors.js';
export { searchKey, shortSearchKey } from './search-key.js';
export type { NetworkLoaders } from './loaders.js';
