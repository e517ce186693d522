import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeHub } from '@dxhub/gateway';
import { alphaModule, betaModule } from '@dxhub/gateway/testing';
import { describe, expect, it } from 'vitest';
import {
  GENERATED_HEADER,
  renderSchemaFiles,
  staleFiles,
  writeSchemaFiles,
} from '../../schema/files.js';

const composition = composeHub([alphaModule, betaModule], (name) => `http://127.0.0.1/${name}`);

describe('schema files', () => {
  it('renders one file per subgraph plus two', () => {
    const files = renderSchemaFiles(composition);
    expect([...files.keys()]).toEqual([
      'alpha.graphql',
      'beta.graphql',
      'supergraph.graphql',
      'api.graphql',
    ]);
    for (const content of files.values()) expect(content.startsWith(GENERATED_HEADER)).toBe(true);
  });

  it('finds missing and edited files stale', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-schema-'));
    const files = renderSchemaFiles(composition);
    expect(staleFiles(folder, files)).toEqual([...files.keys()]);

    expect(writeSchemaFiles(folder, files)).toEqual([...files.keys()]);
    expect(staleFiles(folder, files)).toEqual([]);

    fs.appendFileSync(path.join(folder, 'api.graphql'), '\ntype Extra { a: Int }\n');
    expect(staleFiles(folder, files)).toEqual(['api.graphql']);
    expect(writeSchemaFiles(folder, files)).toEqual(['api.graphql']);
  });
});
