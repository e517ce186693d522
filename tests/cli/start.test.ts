import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  freePort,
  freshHome,
  hasStackTrace,
  runCli,
  spawnCli,
  waitForOk,
} from './helpers.js';
import type { ChildProcess } from 'node:child_process';

const ORG_QUERY = '{ organization(code: "cuc-chuyen-doi-so-quoc-gia") { code name } }';

async function graphql(port: number, token: string, query: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
}

describe('dxhub start on the embedded database', () => {
  const home = freshHome();
  const env = { DXHUB_HOME: home };
  let port: number;
  let hub: ChildProcess;
  let hubOutput: ReturnType<typeof collect>;
  let token: string;

  beforeAll(async () => {
    port = await freePort();
    hub = spawnCli(['start'], { ...env, PORT: String(port) });
    hubOutput = collect(hub);
    await waitForOk(`http://127.0.0.1:${port}/readyz`);
    const issued = await runCli(
      ['token', '--org', 'cuc-chuyen-doi-so-quoc-gia', '--scope', 'network:read'],
      env,
    );
    expect(issued.code).toBe(0);
    token = issued.stdout.trim();
  });

  afterAll(() => {
    hub?.kill('SIGKILL');
  });

  it('answers a GraphQL request once ready', async () => {
    const response = await graphql(port, token, ORG_QUERY);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { organization: { name: string } } };
    expect(body.data.organization.name).toBe('Cục Chuyển đổi số quốc gia');
  });

  it('stops a second start on the same data folder', async () => {
    const second = await runCli(['start'], { ...env, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${hub.pid}`);
    expect(hasStackTrace(second.stderr)).toBe(false);
    const inVietnamese = await runCli(['start'], {
      ...env,
      PORT: String(await freePort()),
      LANG: 'vi_VN.UTF-8',
    });
    expect(inVietnamese.code).toBe(1);
    expect(inVietnamese.stderr).toContain(`đang được tiến trình ${hub.pid}`);
    expect(inVietnamese.stderr).toContain('[DATA_FOLDER_LOCKED]');
    const stillServing = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(stillServing.status).toBe(200);
  });

  it('finishes in-flight requests on SIGTERM and exits 0', async () => {
    const burst = Array.from({ length: 25 }, () => graphql(port, token, ORG_QUERY));
    await new Promise((resolve) => setTimeout(resolve, 20));
    hub.kill('SIGTERM');
    const responses = await Promise.allSettled(burst);
    const statuses = responses.map((r) => (r.status === 'fulfilled' ? r.value.status : 'failed'));
    expect(statuses.filter((s) => s === 200)).toHaveLength(25);
    const result = await hubOutput;
    expect(result.code).toBe(0);
  });

  it('reuses the data folder on the next start without migrating again', async () => {
    const first = await hubOutput;
    expect(first.stdout).toContain('migrations applied');
    const nextPort = await freePort();
    const again = spawnCli(['start'], { ...env, PORT: String(nextPort) });
    const againOutput = collect(again);
    try {
      await waitForOk(`http://127.0.0.1:${nextPort}/readyz`);
      const response = await graphql(nextPort, token, ORG_QUERY);
      expect(response.status).toBe(200);
    } finally {
      again.kill('SIGTERM');
    }
    const result = await againOutput;
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('migrations applied');
  });
});

describe('dxhub start failures', () => {
  it('names a malformed DATABASE_URL', async () => {
    const result = await runCli(['start'], {
      DXHUB_HOME: freshHome(),
      DATABASE_URL: 'mysql:/nowhere',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('names an unreachable database', async () => {
    const result = await runCli(['start'], {
      DXHUB_HOME: freshHome(),
      DATABASE_URL: 'postgres://dxhub@127.0.0.1:1/dxhub',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot connect to PostgreSQL at 127.0.0.1:1/dxhub');
    expect(hasStackTrace(result.stderr)).toBe(false);
    const inVietnamese = await runCli(['start'], {
      DXHUB_HOME: freshHome(),
      DATABASE_URL: 'postgres://dxhub@127.0.0.1:1/dxhub',
      LANG: 'vi_VN.UTF-8',
    });
    expect(inVietnamese.stderr).toContain('Không kết nối được PostgreSQL tại 127.0.0.1:1/dxhub');
    expect(inVietnamese.stderr).toContain('[DATABASE_UNAVAILABLE]');
  });

  it('names an unwritable data folder', async () => {
    const home = freshHome();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${home}/blocker`, '');
    const result = await runCli(['start'], {
      DXHUB_HOME: home,
      DXHUB_DATA_DIR: `${home}/blocker/data`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot be written');
    expect(hasStackTrace(result.stderr)).toBe(false);
    const inVietnamese = await runCli(['start'], {
      DXHUB_HOME: home,
      DXHUB_DATA_DIR: `${home}/blocker/data`,
      LANG: 'vi_VN.UTF-8',
    });
    expect(inVietnamese.stderr).toContain('Không ghi được vào thư mục dữ liệu');
  });
});
