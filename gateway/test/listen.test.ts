import net from 'node:net';
import { ConfigError, createLogger } from '@dxhub/kit';
import { describe, expect, it } from 'vitest';
import { ListenConfigError, listenFailure } from '../src/http/listenError.js';
import { listenGateway } from '../src/http/server.js';

/** Starts listenGateway on `host:port` with no middleware and returns its rejection. */
async function listenError(host: string, port: number): Promise<ListenConfigError> {
  const listening = listenGateway({
    host,
    port,
    logger: createLogger({ level: 'silent' }),
    middlewares: [],
    terminal: async () => {},
  });
  const error = await listening.then(
    async (server) => {
      await server.close(0);
      throw new Error(`listenGateway listened on ${host}:${port}`);
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ListenConfigError);
  return error as ListenConfigError;
}

/** Opens a server on a free loopback port, so that a second listen there fails. */
async function occupyPort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Builds an error shaped like the one Node gives `server.listen()`. */
function nodeError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('gateway listen failures', () => {
  it('names PORT when the port is in use', async () => {
    const blocker = await occupyPort();
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await listenError('127.0.0.1', port);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.variable).toBe('PORT');
      expect(error.listenCode).toBe('EADDRINUSE');
      expect(error.message).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(error.message).toContain('set PORT (or --port) to a free port');
      expect(error.localizedMessage('vi')).toContain(`PORT: cổng ${port} trên 127.0.0.1`);
    } finally {
      blocker.close();
    }
  });

  it('names HOST for an address of another machine', async () => {
    // 192.0.2.0/24 is the TEST-NET-1 range, reserved for documentation, so no interface here has
    // it, and binding to it fails locally without sending a packet.
    const error = await listenError('192.0.2.1', 0);
    expect(error.variable).toBe('HOST');
    expect(error.listenCode).toBe('EADDRNOTAVAIL');
    expect(error.message).toContain('HOST: "192.0.2.1" is not an address of this machine');
    expect(error.message).toContain('Set HOST (or --host) to an address of this machine');
    expect(error.localizedMessage('vi')).toContain('HOST: "192.0.2.1" không phải địa chỉ');
  });

  it('names HOST when the name does not resolve', () => {
    // Listening on a host name that does not resolve would send a DNS query, so this error is
    // made by hand, as Node's getaddrinfo reports it for HOST=999.1.1.1.
    const cause = nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND 999.1.1.1');
    const error = listenFailure(cause, { host: '999.1.1.1', port: 4000 }) as ListenConfigError;
    expect(error).toBeInstanceOf(ListenConfigError);
    expect(error.cause).toBe(cause);
    expect(error.variable).toBe('HOST');
    expect(error.listenCode).toBe('ENOTFOUND');
    expect(error.message).toContain(
      'HOST: "999.1.1.1" is not an IP address or a host name that resolves',
    );
    expect(error.localizedMessage('vi')).toContain('không phải địa chỉ IP hay tên máy');
  });

  it('names PORT when listening is not permitted', () => {
    // The tests may run as root, which may listen on any port, so this error is made by hand.
    const error = listenFailure(
      nodeError('EACCES', 'listen EACCES: permission denied 0.0.0.0:80'),
      {
        host: '0.0.0.0',
        port: 80,
      },
    ) as ListenConfigError;
    expect(error).toBeInstanceOf(ListenConfigError);
    expect(error.variable).toBe('PORT');
    expect(error.message).toContain('PORT: this user may not listen on port 80 on 0.0.0.0');
    expect(error.message).toContain('a port from 1024 to 65535');
    expect(error.localizedMessage('vi')).toContain('không được lắng nghe trên cổng 80');
  });

  it('leaves other errors unchanged', () => {
    const other = nodeError('EMFILE', 'too many open files');
    expect(listenFailure(other, { host: '127.0.0.1', port: 4000 })).toBe(other);
  });
});
