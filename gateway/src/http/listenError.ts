import { ConfigError, type Locale } from '@dxhub/kit';

/** The address a server was asked to listen on, as set by HOST and PORT or --host and --port. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * A server that could not listen on HOST:PORT because of the configured value: `CONFIG_INVALID`
 * naming HOST or PORT, the value and the fix, in English or Vietnamese. `cause` is Node's
 * error, whose `code` is kept in `listenCode`.
 */
export class ListenConfigError extends ConfigError {
  constructor(
    variable: 'HOST' | 'PORT',
    readonly listenCode: string,
    private readonly messages: Record<Locale, string>,
    cause: unknown,
  ) {
    super(variable, messages.en);
    this.cause = cause;
    this.name = 'ListenConfigError';
  }

  localizedMessage(locale: Locale): string {
    return `${this.variable}: ${this.messages[locale]}`;
  }
}

const HOST_FIX: Record<Locale, string> = {
  en: 'Set HOST (or --host) to an address of this machine, such as 127.0.0.1 for this machine only or 0.0.0.0 for every network interface.',
  vi: 'Hãy đặt HOST (hoặc --host) là một địa chỉ của máy này, ví dụ 127.0.0.1 để chỉ nhận kết nối từ chính máy này hoặc 0.0.0.0 để nhận trên mọi giao diện mạng.',
};

const PORT_RANGE: Record<Locale, string> = {
  en: 'a free port from 1 to 65535, or 0 to let the system pick one',
  vi: 'một cổng còn trống từ 1 đến 65535, hoặc 0 để hệ thống tự chọn',
};

/**
 * Turns Node's error from `server.listen()` into a {@link ListenConfigError} when HOST or PORT
 * caused it: `ENOTFOUND` and `EAI_AGAIN` (the host name does not resolve), `EADDRNOTAVAIL` (the
 * address is not one of this machine's), `EADDRINUSE` and `EACCES` (the port is taken or
 * needs privileges). Returns any other error unchanged.
 */
export function listenFailure(error: unknown, address: ListenAddress): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const { host, port } = address;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenConfigError(
        'HOST',
        code,
        {
          en: `"${host}" is not an IP address or a host name that resolves, so the hub cannot listen on it (${code}). ${HOST_FIX.en}`,
          vi: `"${host}" không phải địa chỉ IP hay tên máy phân giải được, nên không thể lắng nghe trên đó (${code}). ${HOST_FIX.vi}`,
        },
        error,
      );
    case 'EADDRNOTAVAIL':
      return new ListenConfigError(
        'HOST',
        code,
        {
          en: `"${host}" is not an address of this machine, so the hub cannot listen on it (${code}). ${HOST_FIX.en}`,
          vi: `"${host}" không phải địa chỉ của máy này, nên không thể lắng nghe trên đó (${code}). ${HOST_FIX.vi}`,
        },
        error,
      );
    case 'EADDRINUSE':
      return new ListenConfigError(
        'PORT',
        code,
        {
          en: `port ${port} on ${host} is already in use by another process (${code}). Stop that process, or set PORT (or --port) to ${PORT_RANGE.en}.`,
          vi: `cổng ${port} trên ${host} đang được một tiến trình khác sử dụng (${code}). Hãy dừng tiến trình đó, hoặc đặt PORT (hoặc --port) là ${PORT_RANGE.vi}.`,
        },
        error,
      );
    case 'EACCES':
      return new ListenConfigError(
        'PORT',
        code,
        {
          en: `this user may not listen on port ${port} on ${host} (${code}). On Linux, ports below 1024 need root or the CAP_NET_BIND_SERVICE capability by default. Set PORT (or --port) to a port from 1024 to 65535, or 0 to let the system pick one.`,
          vi: `người dùng hiện tại không được lắng nghe trên cổng ${port} tại ${host} (${code}). Trên Linux, mặc định các cổng dưới 1024 cần quyền root hoặc quyền CAP_NET_BIND_SERVICE. Hãy đặt PORT (hoặc --port) là một cổng từ 1024 đến 65535, hoặc 0 để hệ thống tự chọn.`,
        },
        error,
      );
    default:
      return error;
  }
}
