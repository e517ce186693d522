import { Writable } from 'node:stream';
import { createLogger } from '@dxhub/kit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useErrorMasking } from '../src/plugins/useErrorMasking.js';

/** Runs the plugin's error hook on `errors` and returns the log lines it wrote. */
async function loggedLines(errors: GraphQLError[]): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: 'debug' }, destination);
  const hooks = await useErrorMasking().apollo!.requestDidStart!({} as never);
  await hooks!.didEncounterErrors!({ errors, contextValue: { logger } } as never);
  return lines;
}

describe('error masking log', () => {
  it('logs a subgraph error with its message', async () => {
    // @apollo/gateway passes the subgraph's JSON error as originalError, not an Error.
    const fromSubgraph = { message: 'relation "staffing.x" does not exist', path: ['a'] };
    const error = new GraphQLError(fromSubgraph.message, {
      originalError: fromSubgraph as unknown as Error,
      path: ['organizations', 'nodes', 0, 'headcount'],
      extensions: { serviceName: 'staffing' },
    });
    const [line] = await loggedLines([error]);
    const err = line?.err as { message?: string; type?: string } | undefined;
    expect(line?.msg).toBe('request error');
    expect(line?.subgraph).toBe('staffing');
    expect(err?.type).toBe('GraphQLError');
    expect(err?.message).toBe('relation "staffing.x" does not exist');
  });

  it('logs a thrown error as itself', async () => {
    const cause = new TypeError('planner failed');
    const [line] = await loggedLines([new GraphQLError('wrapped', { originalError: cause })]);
    const err = line?.err as { message?: string; type?: string } | undefined;
    expect(err?.type).toBe('TypeError');
    expect(err?.message).toBe('planner failed');
  });

  it('skips errors with a catalogue code', async () => {
    const coded = new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
    expect(await loggedLines([coded])).toEqual([]);
  });
});
