import type { Locale } from '@dxhub/kit';

/** Every line the `dxhub` command prints to a person, in both languages. */
const text = {
  usage: {
    en: `dxhub: the command line of the dxhub data-sharing hub

Usage:
  dxhub start [--port N] [--host ADDR]            start all subgraphs and the gateway in one process
  dxhub start --subgraph NAME [--port N]           run one subgraph alone as an HTTP service (needs DATABASE_URL)
  dxhub start --services                           run the gateway only, calling subgraphs at *_URL
  dxhub migrate                                    apply database migrations of every subgraph, then exit
  dxhub token --org CODE --scope "S1 S2" [--ttl SECONDS] [--subject ID]
                                                   print a development access token signed with the local key
                                                   (--ttl from 60 to DXHUB_JWT_MAX_AGE, default 3600)
  dxhub import units FILE --effective YYYY-MM-DD [--mapping FILE]
                                                   import the official list of administrative units (JSON or CSV)
  dxhub import agencies FILE                       import the list of central bodies (JSON)
  dxhub audit verify [--public-key FILE] [--no-checkpoint] [--json]
                                                   check the audit log's hash chain and signed checkpoint
  dxhub audit export [--from DATE] [--to DATE] [--subject ID] [--org CODE] [--action ACTION]
                                                   write the audit log as NDJSON to standard output
  dxhub audit grant ROLE                           let a PostgreSQL role read and append audit rows, never change them

Options:
  --lang vi|en    language of messages (default: from LC_ALL or LANG)
  --help          show this help
  --version       show the version

Environment:
  DATABASE_URL        PostgreSQL to use; without it the embedded database in DXHUB_DATA_DIR is used
  DXHUB_DATA_DIR      folder of the embedded database (default .dxhub/data)
  PORT, HOST          where the gateway listens (default 127.0.0.1:4000)
  DXHUB_ENV           development (default) or production (no development keys, no token command)
  DXHUB_JWKS_URL      key set that signs access tokens in production
  LOG_LEVEL           fatal, error, warn, info (default), debug, trace or silent
  AUDIT_CHECKPOINT    on (default) or off; AUDIT_CHECKPOINT_FILE and AUDIT_SIGNING_KEY_FILE place the
                      signed checkpoint of the audit log and its key
  DXHUB_CORS_ORIGINS  browser origins allowed to call the gateway (none by default in production)
  DXHUB_RATE_LIMIT    on (default) or off; DXHUB_RATE_<READS|WRITES|EXPORTS>_<SUBJECT|ORG> set the
                      token buckets per scope class`,
    vi: `dxhub: công cụ dòng lệnh của nền tảng chia sẻ dữ liệu dxhub

Cách dùng:
  dxhub start [--port N] [--host ĐỊA_CHỈ]          chạy toàn bộ dịch vụ con và cổng kết nối trong một tiến trình
  dxhub start --subgraph TÊN [--port N]            chạy riêng một dịch vụ con qua HTTP (cần DATABASE_URL)
  dxhub start --services                           chỉ chạy cổng kết nối, gọi các dịch vụ con tại *_URL
  dxhub migrate                                    cập nhật cấu trúc cơ sở dữ liệu của mọi dịch vụ con rồi thoát
  dxhub token --org MÃ --scope "P1 P2" [--ttl GIÂY] [--subject ID]
                                                   in mã thông báo dùng cho phát triển, ký bằng khóa cục bộ
                                                   (--ttl từ 60 đến DXHUB_JWT_MAX_AGE, mặc định 3600)
  dxhub import units TỆP --effective YYYY-MM-DD [--mapping TỆP]
                                                   nhập danh mục đơn vị hành chính chính thức (JSON hoặc CSV)
  dxhub import agencies TỆP                        nhập danh sách cơ quan trung ương (JSON)
  dxhub audit verify [--public-key TỆP] [--no-checkpoint] [--json]
                                                   kiểm tra chuỗi băm và điểm kiểm soát đã ký của nhật ký truy cập
  dxhub audit export [--from NGÀY] [--to NGÀY] [--subject ID] [--org MÃ] [--action HÀNH_ĐỘNG]
                                                   xuất nhật ký truy cập dạng NDJSON ra đầu ra chuẩn
  dxhub audit grant VAI_TRÒ                        cho vai trò PostgreSQL đọc và ghi thêm nhật ký, không được sửa

Tùy chọn:
  --lang vi|en    ngôn ngữ thông báo (mặc định: theo LC_ALL hoặc LANG)
  --help          hiện hướng dẫn này
  --version       hiện phiên bản

Biến môi trường:
  DATABASE_URL        PostgreSQL sẽ dùng; nếu không đặt, dùng cơ sở dữ liệu nhúng trong DXHUB_DATA_DIR
  DXHUB_DATA_DIR      thư mục của cơ sở dữ liệu nhúng (mặc định .dxhub/data)
  PORT, HOST          địa chỉ cổng kết nối lắng nghe (mặc định 127.0.0.1:4000)
  DXHUB_ENV           development (mặc định) hoặc production (tắt khóa phát triển và lệnh token)
  DXHUB_JWKS_URL      bộ khóa ký mã thông báo truy cập khi chạy production
  LOG_LEVEL           fatal, error, warn, info (mặc định), debug, trace hoặc silent
  AUDIT_CHECKPOINT    on (mặc định) hoặc off; AUDIT_CHECKPOINT_FILE và AUDIT_SIGNING_KEY_FILE là nơi lưu
                      điểm kiểm soát đã ký của nhật ký truy cập và khóa ký
  DXHUB_CORS_ORIGINS  các nguồn trình duyệt được gọi cổng kết nối (mặc định không có khi chạy production)
  DXHUB_RATE_LIMIT    on (mặc định) hoặc off; DXHUB_RATE_<READS|WRITES|EXPORTS>_<SUBJECT|ORG> đặt
                      giới hạn tốc độ theo loại phạm vi quyền`,
  },
  unknownCommand: {
    en: 'Unknown command "{value}". Run "dxhub --help" to see the commands.',
    vi: 'Không có lệnh "{value}". Chạy "dxhub --help" để xem các lệnh.',
  },
  badOption: {
    en: '{reason}. Run "dxhub --help" to see the options.',
    vi: '{reason}. Chạy "dxhub --help" để xem các tùy chọn.',
  },
  missingOption: {
    en: 'Missing {option}: {what}.',
    vi: 'Thiếu {option}: {what}.',
  },
  invalidDate: {
    en: 'Invalid value for {option}: "{value}" is not a YYYY-MM-DD date.',
    vi: 'Giá trị không hợp lệ ở {option}: "{value}" không phải ngày dạng YYYY-MM-DD.',
  },
  unknownSubgraph: {
    en: 'Unknown subgraph "{value}"; choose one of {choices}.',
    vi: 'Không có dịch vụ con "{value}"; hãy chọn một trong {choices}.',
  },
  ready: {
    en: `dxhub is ready.
  GraphQL endpoint and explorer: {url}
  Database: {database}
  Get a development token with:
    pnpm --silent dxhub token --org cuc-chuyen-doi-so-quoc-gia --scope "network:read staffing:read projects:read surveys:read incidents:read"
  Stop with Ctrl+C.`,
    vi: `dxhub đã sẵn sàng.
  Điểm truy cập GraphQL và trình khám phá: {url}
  Cơ sở dữ liệu: {database}
  Lấy mã thông báo dùng cho phát triển bằng lệnh:
    pnpm --silent dxhub token --org cuc-chuyen-doi-so-quoc-gia --scope "network:read staffing:read projects:read surveys:read incidents:read"
  Dừng bằng Ctrl+C.`,
  },
  subgraphReady: {
    en: 'Subgraph {name} is serving at {url}',
    vi: 'Dịch vụ con {name} đang phục vụ tại {url}',
  },
  stopping: {
    en: 'Stopping: finishing requests in progress...',
    vi: 'Đang dừng: hoàn tất các yêu cầu đang xử lý...',
  },
  stopped: { en: 'Stopped.', vi: 'Đã dừng.' },
  migrated: {
    en: '{schema}: {applied} migration(s) applied, {already} already in place.',
    vi: '{schema}: đã áp dụng {applied} bản cập nhật, {already} bản đã có từ trước.',
  },
  imported: {
    en: 'Imported {file}: {summary}.',
    vi: 'Đã nhập {file}: {summary}.',
  },
  failed: {
    en: 'dxhub {command} failed: {reason}',
    vi: 'dxhub {command} không thành công: {reason}',
  },
  unexpected: {
    en: 'dxhub {command} failed with an unexpected error: {reason}. Run again with LOG_LEVEL=debug for details.',
    vi: 'dxhub {command} gặp lỗi không mong đợi: {reason}. Chạy lại với LOG_LEVEL=debug để xem chi tiết.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof text;

/** Returns a CLI message in the chosen language with `{name}` placeholders filled. */
export function message(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return text[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
