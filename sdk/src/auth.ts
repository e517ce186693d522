import { AuthenticationError } from './errors.js';

/**
 * Argument of a token provider call: `initial` for the first token of a client,
 * `refresh` after the hub rejected the previous one with 401.
 *
 * @example
 * ```ts
 * const provider: TokenProvider = ({ reason }) => (reason === 'refresh' ? fetchNewToken() : cachedToken());
 * ```
 */
export interface TokenRequest {
  reason: 'initial' | 'refresh';
  /** The token the hub rejected, on `refresh`. */
  rejectedToken?: string;
}

/**
 * Supplies access tokens. Called once for the first request, and again each time the hub responds
 * 401, so an expired token is replaced without the caller noticing. Calls are not concurrent: all
 * requests waiting for a token share one call.
 *
 * @example
 * ```ts
 * const hub = createClient({ url, token: async () => (await fetch('/my-token')).text() });
 * ```
 */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>;

/** Holds the current token of one client and replaces it through the provider after a 401. */
export class TokenSource {
  private current: Promise<string> | undefined;

  constructor(private readonly token: string | TokenProvider | undefined) {}

  /** True when a rejected token can be replaced. */
  get canRefresh(): boolean {
    return typeof this.token === 'function';
  }

  /** Returns the token to send, or undefined when the client has none. */
  get(): Promise<string | undefined> {
    if (this.token === undefined) return Promise.resolve(undefined);
    if (typeof this.token === 'string') return Promise.resolve(this.token);
    this.current ??= this.call({ reason: 'initial' });
    return this.current;
  }

  /**
   * Replaces `rejected` with a fresh token. When another request already replaced it, that token
   * is returned without a second call.
   */
  async refresh(rejected: string | undefined): Promise<string | undefined> {
    if (typeof this.token !== 'function') return this.get();
    const current = this.current ? await this.current.catch(() => undefined) : undefined;
    if (this.current && current !== rejected) return this.current;
    this.current = this.call({
      reason: 'refresh',
      ...(rejected === undefined ? {} : { rejectedToken: rejected }),
    });
    return this.current;
  }

  private call(request: TokenRequest): Promise<string> {
    const provider = this.token as TokenProvider;
    const pending = (async () => {
      let token: unknown;
      try {
        token = await provider(request);
      } catch (error) {
        throw new AuthenticationError('@dxhub/sdk: the token provider failed; see `cause`', {
          cause: error,
        });
      }
      if (typeof token !== 'string' || token === '') {
        throw new AuthenticationError(
          `@dxhub/sdk: the token provider returned ${token === '' ? 'an empty string' : typeof token}; it must return the access token as a string`,
        );
      }
      return token;
    })();
    // A failed call is not kept, so the next request calls the provider again.
    pending.catch(() => {
      if (this.current === pending) this.current = undefined;
    });
    return pending;
  }
}
