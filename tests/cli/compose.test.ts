import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPHS } from '@dxhub/gateway';
import { repoRoot } from './helpers.js';

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** Every TypeScript source file the services run, concatenated, to look names up in. */
function sourceText(): string {
  const roots = ['gateway/src', 'subgraphs'];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'test') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  for (const root of roots) walk(path.join(repoRoot, root));
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

const source = sourceText();
const dxhubServices = Object.entries(compose.services).filter(([name]) => name !== 'postgres');

function portOf(service: ComposeService): string | undefined {
  const command = service.command ?? [];
  const index = command.indexOf('--port');
  return index >= 0 ? command[index + 1] : undefined;
}

describe('docker-compose.yml', () => {
  it('runs one service per subgraph and the gateway', () => {
    const subgraphNames = SUBGRAPHS.map((module) => module.name).sort();
    const served = dxhubServices
      .map(([, service]) => service.command ?? [])
      .filter((command) => command.includes('--subgraph'))
      .map((command) => command[command.indexOf('--subgraph') + 1])
      .sort();
    expect(served).toEqual(subgraphNames);
    expect(compose.services.gateway?.command).toContain('--services');
  });

  it('builds from a Dockerfile whose entry point exists', () => {
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const entry = /ENTRYPOINT \[.*"(gateway\/src\/cli\/[^"]+)"\]/.exec(dockerfile)?.[1];
    expect(entry).toBeDefined();
    expect(fs.existsSync(path.join(repoRoot, entry as string))).toBe(true);
  });

  it('uses PostgreSQL 16 with a health check and a named volume', () => {
    const postgres = compose.services.postgres;
    expect(postgres?.image).toBe('postgres:16');
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(Object.keys(compose.volumes)).toContain('pgdata');
  });

  it('names only environment variables the code reads', () => {
    const subgraphNames = new Set(SUBGRAPHS.map((module) => module.name));
    // The gateway reads <NAME>_URL for each registered subgraph from a name template.
    const readsSubgraphUrls = source.includes('${name.toUpperCase()}_URL');
    const isRead = (variable: string): boolean => {
      const subgraphUrl = /^([A-Z]+)_URL$/.exec(variable);
      if (subgraphUrl && subgraphNames.has((subgraphUrl[1] as string).toLowerCase()))
        return readsSubgraphUrls;
      return source.includes(`'${variable}'`) || source.includes(`.${variable}`);
    };
    for (const [name, service] of dxhubServices) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(isRead(variable), `${name}: ${variable}`).toBe(true);
      }
    }
  });

  it('points the gateway at each subgraph service and port', () => {
    const environment = compose.services.gateway?.environment ?? {};
    for (const module of SUBGRAPHS) {
      const url = environment[`${module.name.toUpperCase()}_URL`];
      expect(url, module.name).toBeDefined();
      const service = compose.services[module.name];
      expect(url).toBe(`http://${module.name}:${portOf(service as ComposeService)}/graphql`);
    }
  });

  it('health-checks every service on its own /readyz', () => {
    for (const [name, service] of dxhubServices) {
      const check = service.healthcheck?.test.join(' ') ?? '';
      expect(check, name).toContain(`http://127.0.0.1:${portOf(service)}/readyz`);
    }
    expect(source).toContain("'/readyz'");
  });

  it('starts subgraphs after the network subgraph that owns the org tree', () => {
    for (const module of SUBGRAPHS.filter((m) => m.name !== 'network')) {
      expect(compose.services[module.name]?.depends_on?.network?.condition).toBe('service_healthy');
    }
  });
});
