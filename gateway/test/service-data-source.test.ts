import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createLogger } from '@dxhub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceDataSource } from '../src/datasources/remote.js';
import type { GatewayContext } from '../src/http/pipeline.js';

/** Response of the fake subgraph, chosen by the request's operation name. */
type Reply = { status: number; contentType: string; body: string; delayMs?: number };

const replies: Record<string, Reply> = {
  Ok: { status: 200, contentType: 'application/json', body: '{"data":{"ok":true}}' },
  Rejected: {
    status: 401,
    contentType: 'application/json',
    body: '{"errors":[{"message":"token rejected","extensions":{"code":"UNAUTHENTICATED"}}]}',
  },
  BadGateway: { status: 502, contentType: 'text/html', body: '<html>502 Bad Gateway</html>' },
  NotJson: { status: 200, contentType: 'text/plain', body: 'hello' },
  NullData: { status: 200, contentType: 'application/json', body: '{"data":null}' },
  EmptyErrors: { status: 200, contentType: 'application/json', body: '{"errors":[]}' },
  NullDataWithError: {
    status: 200,
    contentType: 'application/json',
    body: '{"data":null,"errors":[{"message":"boom"}]}',
  },
  Slow: { status: 200, contentType: 'application/json', body: '{"data":{}}', delayMs: 2000 },
};

describe('ServiceDataSource', () => {
  let server: http.Server;
  let url: string;
  const received: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as { operationName: string };
        received.push({ headers: req.headers, body });
        const reply = replies[body.operationName]!;
        const send = () => {
          res.writeHead(reply.status, { 'content-type': reply.contentType });
          res.end(reply.body);
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function source(timeoutMs = 1000): ServiceDataSource {
    return new ServiceDataSource(
      'alpha',
      { url, timeoutMs, connections: 2, keepAliveMs: 1000 },
      logger,
    );
  }

  /** Runs `use` with a data source on the fake subgraph and closes its pool afterwards. */
  async function withSource<T>(
    timeoutMs: number,
    use: (data: ServiceDataSource) => Promise<T>,
  ): Promise<T> {
    const data = source(timeoutMs);
    try {
      return await use(data);
    } finally {
      await data.close();
    }
  }

  function call(data: ServiceDataSource, operationName: string) {
    const context: GatewayContext = {
      requestId: 'req-12345678',
      locale: 'vi',
      claims: {} as GatewayContext['claims'],
      headers: {
        authorization: 'Bearer a.b.c',
        'accept-language': 'vi',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        cookie: 'not-forwarded=1',
      },
      logger,
    };
    return data.process({
      kind: 'incoming operation',
      request: { query: `query ${operationName} { ok }`, operationName, variables: { a: 1 } },
      context,
      incomingRequestContext: { context },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  }

  it('forwards headers and returns the body', async () => {
    await withSource(1000, async (data) => {
      expect(await call(data, 'Ok')).toEqual({ data: { ok: true } });
      const last = received.at(-1)!;
      expect(last.body).toEqual({
        query: 'query Ok { ok }',
        operationName: 'Ok',
        variables: { a: 1 },
      });
      expect(last.headers.authorization).toBe('Bearer a.b.c');
      expect(last.headers['accept-language']).toBe('vi');
      expect(last.headers['x-request-id']).toBe('req-12345678');
      expect(last.headers.traceparent).toBe(
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      );
      expect(last.headers.cookie).toBeUndefined();
      expect(last.headers['content-type']).toBe('application/json');
    });
  });

  it('passes on a GraphQL error body', async () => {
    await withSource(1000, async (data) => {
      const response = await call(data, 'Rejected');
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('reports an HTML 502 as unavailable', async () => {
    await withSource(1000, async (data) => {
      const response = await call(data, 'BadGateway');
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        subgraph: 'alpha',
      });
      expect(response.errors?.[0]?.message).toContain(
        'it answered HTTP 502 without a GraphQL body',
      );
    });
  });

  it('reports a non-JSON 200 as unavailable', async () => {
    await withSource(1000, async (data) => {
      const response = await call(data, 'NotJson');
      expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(response.errors?.[0]?.message).toContain('its answer is not a GraphQL JSON body');
    });
  });

  it('reports data null without errors', async () => {
    await withSource(1000, async (data) => {
      for (const operation of ['NullData', 'EmptyErrors']) {
        const response = await call(data, operation);
        expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
        expect(response.errors?.[0]?.message).toContain('its answer has neither data nor errors');
      }
    });
  });

  it('passes on data null with errors', async () => {
    await withSource(1000, async (data) => {
      const response = await call(data, 'NullDataWithError');
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.message).toBe('boom');
    });
  });

  it('reports a slow subgraph as timeout', async () => {
    await withSource(300, async (data) => {
      const response = await call(data, 'Slow');
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_TIMEOUT',
        subgraph: 'alpha',
      });
    });
  });

  it('reports a refused connection as unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const data = new ServiceDataSource(
      'alpha',
      {
        url: `http://127.0.0.1:${port}/graphql`,
        timeoutMs: 1000,
        connections: 1,
        keepAliveMs: 1000,
      },
      logger,
    );
    try {
      const response = await call(data, 'Ok');
      expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(response.errors?.[0]?.message).toContain('ECONNREFUSED');
    } finally {
      await data.close();
    }
  });
});
