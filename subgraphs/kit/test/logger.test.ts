import { describe, expect, it } from 'vitest';
import { serializeError } from '../src/index.js';

describe('serializeError', () => {
  it('leaves query parameters out', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const failed = Object.assign(
      new Error(
        'Failed query: insert into network.people values ($1, $2)\nparams: an@example.vn,0912345678',
      ),
      {
        query: 'insert into network.people values ($1, $2)',
        params: ['an@example.vn', '0912345678'],
        cause,
      },
    );
    const logged = JSON.stringify(serializeError(failed));
    expect(logged).not.toContain('an@example.vn');
    expect(logged).not.toContain('0912345678');
    expect(logged).toContain('insert into network.people');
    expect(logged).toContain('22021');
  });

  it('keeps an ordinary error message', () => {
    expect(serializeError(new Error('timed out')).message).toBe('timed out');
  });
});
