import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freshHome, hasStackTrace, runCli } from './helpers.js';

/** Opens a server on a free loopback port, so that dxhub cannot listen there. */
async function occupyPort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

// `start --services` opens no database, so these runs reach the listen step quickly.
describe('dxhub start listen failures', () => {
  it('names PORT when the port is in use', async () => {
    const blocker = await occupyPort();
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli(['start', '--services'], {
        DXHUB_HOME: freshHome(),
        HOST: '127.0.0.1',
        PORT: String(port),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `dxhub start failed: PORT: port ${port} on 127.0.0.1 is already in use`,
      );
      expect(result.stderr).toContain('[CONFIG_INVALID]');
      expect(result.stderr).not.toContain('unexpected error');
      expect(hasStackTrace(result.stderr)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('names PORT in Vietnamese', async () => {
    const blocker = await occupyPort();
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli(['--lang', 'vi', 'start', '--services', '--port', String(port)], {
        DXHUB_HOME: freshHome(),
        HOST: '127.0.0.1',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `dxhub start không thành công: PORT: cổng ${port} trên 127.0.0.1 đang được một tiến trình khác sử dụng`,
      );
      expect(result.stderr).toContain('[CONFIG_INVALID]');
    } finally {
      blocker.close();
    }
  });

  it('names HOST for an address of another machine', async () => {
    // 192.0.2.0/24 is the TEST-NET-1 range, reserved for documentation, so binding to it fails
    // locally without sending a packet.
    const result = await runCli(['start', '--services'], {
      DXHUB_HOME: freshHome(),
      HOST: '192.0.2.1',
      PORT: '0',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'dxhub start failed: HOST: "192.0.2.1" is not an address of this machine',
    );
    expect(result.stderr).toContain('[CONFIG_INVALID]');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
