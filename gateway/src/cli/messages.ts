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
  AUDIT_DATABASE_URL  separate PostgreSQL database for the audit log (default: the main database)
  DXHUB_DB_PREPARED_STATEMENTS
                      on (default) or off; set off behind a connection pooler in transaction mode
                      that cannot keep prepared statements, such as PgBouncer before 1.21
  DXHUB_HOME          folder of the embedded database, keys and audit checkpoint (default .dxhub)
  DXHUB_DATA_DIR      folder of the embedded database (default DXHUB_HOME/data, so .dxhub/data)
  DXHUB_KEYS_DIR      folder of the development signing keys, created at first start
                      (default DXHUB_HOME/keys)
  PORT, HOST          where the gateway listens (default 127.0.0.1:4000)
  DXHUB_SHUTDOWN_GRACE_MS
                      how long a stop waits for requests in progress, in milliseconds
                      (default 10000, at most 600000)
  DXHUB_ENV           development (default) or production (no development keys, no token command)
  DXHUB_JWKS_URL      key set that signs access tokens; required in production
  DXHUB_JWT_ISSUER    required iss claim of access tokens (default urn:dxhub:dev)
  DXHUB_JWT_AUDIENCE  required aud claim of access tokens (default urn:dxhub:api)
  DXHUB_JWT_ALGORITHMS
                      accepted signature algorithms, comma-separated, from ES256, ES384, RS256,
                      PS256 and EdDSA (default ES256,EdDSA,RS256)
  DXHUB_JWT_CLOCK_TOLERANCE
                      allowed clock skew for exp, nbf and iat, in seconds (default 30, at most 300)
  DXHUB_JWT_MAX_AGE   oldest accepted token, in seconds since iat; also the longest --ttl
                      (default 86400, from 60 to 2592000)
  DXHUB_JWT_MAX_BYTES
                      largest Authorization header, in bytes (default 8192, from 2048 to 65536)
  LOG_LEVEL           fatal, error, warn, info (default), debug, trace or silent
  AUDIT_CHECKPOINT    on (default) or off; on signs a checkpoint at each audit append, so that
                      deleting the newest audit rows is detected
  AUDIT_CHECKPOINT_FILE
                      file of the signed checkpoint (default DXHUB_HOME/audit/checkpoint-<id>.jws,
                      where <id> names the audit database)
  AUDIT_SIGNING_KEY_FILE
                      private key (JWK) that signs the checkpoint
                      (default DXHUB_KEYS_DIR/audit-checkpoint.private.jwk.json)
  DXHUB_SUPERGRAPH    supergraph file to serve, or compose to compose the subgraphs at start
                      (default schema/supergraph.graphql in the repository)
  DXHUB_SUPERGRAPH_WATCH
                      true (default), false, 1 or 0; reload the supergraph file when it changes
  NETWORK_URL, STAFFING_URL, PROJECTS_URL, SURVEYS_URL, INCIDENTS_URL
                      GraphQL endpoint of each subgraph for start --services, path included
                      (default http://127.0.0.1:4001/graphql to :4005/graphql, in this order)
  DXHUB_SUBGRAPH_TIMEOUT_MS
                      time allowed for one subgraph call, in milliseconds (default 10000, from 100
                      to 300000); <NAME>_TIMEOUT_MS, such as NETWORK_TIMEOUT_MS, sets it for one
                      subgraph
  DXHUB_SUBGRAPH_CONNECTIONS
                      open connections per subgraph service with start --services (default 32,
                      from 1 to 1024)
  DXHUB_SUBGRAPH_KEEPALIVE_MS
                      how long an idle connection to a subgraph service stays open, in
                      milliseconds (default 30000, from 1000 to 600000)
  DXHUB_MAX_DEPTH     deepest selection nesting in one operation (default 12, from 1 to 100)
  DXHUB_MAX_ALIASES   aliases in one operation (default 15, from 0 to 1000)
  DXHUB_MAX_ROOT_FIELDS
                      root fields in one operation, fragments expanded (default 10, from 1 to 1000)
  DXHUB_MAX_TOKENS    lexical tokens in one GraphQL document (default 2000, from 100 to 100000)
  DXHUB_MAX_DIRECTIVES
                      directives in one operation (default 20, from 0 to 1000)
  DXHUB_MAX_BODY_BYTES
                      largest request body, in bytes (default 1048576, from 1024 to 67108864)
  DXHUB_MAX_BATCH     operations in one batched request; 1 turns batching off (default 5, at most 100)
  DXHUB_INTROSPECTION
                      true (default), false, 1 or 0; serve introspection, only ever to requests
                      with a valid token
  DXHUB_FIELD_SUGGESTIONS
                      true, false, 1 or 0; "Did you mean" hints in validation errors
                      (default true, false in production)
  DXHUB_PLAN_RUNNER   true (default), false, 1 or 0; run query plans in the hub's own
                      executor; false hands every plan to @apollo/gateway's executor
  APOLLO_TELEMETRY_DISABLED
                      true (set by the hub when unset) keeps @apollo/gateway from sending usage
                      metrics to Apollo and probing cloud metadata services; false lets it
  DXHUB_CORS_ORIGINS  browser origins allowed to call the gateway, comma-separated, * for any
                      (default any in development, none in production)
  DXHUB_CORS_MAX_AGE  how long browsers cache a preflight response, in seconds (default 600,
                      at most 86400)
  DXHUB_RATE_LIMIT    on (default) or off; DXHUB_RATE_<READS|WRITES|EXPORTS>_<SUBJECT|ORG> set the
                      token buckets per scope class, for each token subject or organisation, as
                      PER_MINUTE[:BURST] in requests (BURST defaults to PER_MINUTE; default per
                      subject and per organisation: READS 300:60 and 1200:200, WRITES 60:20 and
                      240:60, EXPORTS 10:5 and 30:10)
  DXHUB_RATE_EXPORT_FIELDS
                      comma-separated field names that make a query an export, limited as EXPORTS
                      (default stixBundle,exportAuditEvents)`,
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
  AUDIT_DATABASE_URL  cơ sở dữ liệu PostgreSQL riêng cho nhật ký truy cập
                      (mặc định: cơ sở dữ liệu chính)
  DXHUB_DB_PREPARED_STATEMENTS
                      on (mặc định) hoặc off; đặt off khi kết nối qua bộ gom kết nối ở chế độ
                      giao dịch không giữ được câu lệnh đã chuẩn bị, như PgBouncer trước 1.21
  DXHUB_HOME          thư mục chứa cơ sở dữ liệu nhúng, khóa và điểm kiểm soát (mặc định .dxhub)
  DXHUB_DATA_DIR      thư mục của cơ sở dữ liệu nhúng (mặc định DXHUB_HOME/data, tức .dxhub/data)
  DXHUB_KEYS_DIR      thư mục khóa ký dùng cho phát triển, tạo ở lần khởi động đầu tiên
                      (mặc định DXHUB_HOME/keys)
  PORT, HOST          địa chỉ cổng kết nối lắng nghe (mặc định 127.0.0.1:4000)
  DXHUB_SHUTDOWN_GRACE_MS
                      thời gian chờ các yêu cầu đang xử lý khi dừng, tính bằng mili giây
                      (mặc định 10000, tối đa 600000)
  DXHUB_ENV           development (mặc định) hoặc production (tắt khóa phát triển và lệnh token)
  DXHUB_JWKS_URL      bộ khóa ký mã thông báo truy cập; bắt buộc khi chạy production
  DXHUB_JWT_ISSUER    giá trị iss bắt buộc của mã thông báo truy cập (mặc định urn:dxhub:dev)
  DXHUB_JWT_AUDIENCE  giá trị aud bắt buộc của mã thông báo truy cập (mặc định urn:dxhub:api)
  DXHUB_JWT_ALGORITHMS
                      các thuật toán ký được chấp nhận, cách nhau bằng dấu phẩy, chọn từ ES256,
                      ES384, RS256, PS256 và EdDSA (mặc định ES256,EdDSA,RS256)
  DXHUB_JWT_CLOCK_TOLERANCE
                      độ lệch đồng hồ cho phép khi kiểm tra exp, nbf và iat, tính bằng giây
                      (mặc định 30, tối đa 300)
  DXHUB_JWT_MAX_AGE   tuổi tối đa của mã thông báo, tính bằng giây kể từ iat; cũng là giới hạn
                      của --ttl (mặc định 86400, từ 60 đến 2592000)
  DXHUB_JWT_MAX_BYTES
                      kích thước tối đa của tiêu đề Authorization, tính bằng byte (mặc định 8192,
                      từ 2048 đến 65536)
  LOG_LEVEL           fatal, error, warn, info (mặc định), debug, trace hoặc silent
  AUDIT_CHECKPOINT    on (mặc định) hoặc off; khi on, mỗi lần ghi nhật ký truy cập đều ký lại điểm
                      kiểm soát, nhờ đó phát hiện được việc xóa các dòng nhật ký mới nhất
  AUDIT_CHECKPOINT_FILE
                      tệp điểm kiểm soát đã ký (mặc định DXHUB_HOME/audit/checkpoint-<id>.jws,
                      trong đó <id> xác định cơ sở dữ liệu của nhật ký truy cập)
  AUDIT_SIGNING_KEY_FILE
                      khóa bí mật (JWK) dùng để ký điểm kiểm soát
                      (mặc định DXHUB_KEYS_DIR/audit-checkpoint.private.jwk.json)
  DXHUB_SUPERGRAPH    tệp supergraph mà cổng kết nối phục vụ, hoặc compose để ghép các dịch vụ con
                      khi khởi động (mặc định schema/supergraph.graphql trong kho mã nguồn)
  DXHUB_SUPERGRAPH_WATCH
                      true (mặc định), false, 1 hoặc 0; nạp lại tệp supergraph khi tệp thay đổi
  NETWORK_URL, STAFFING_URL, PROJECTS_URL, SURVEYS_URL, INCIDENTS_URL
                      địa chỉ GraphQL của từng dịch vụ con khi chạy start --services, gồm cả
                      đường dẫn (mặc định lần lượt từ http://127.0.0.1:4001/graphql đến
                      :4005/graphql)
  DXHUB_SUBGRAPH_TIMEOUT_MS
                      thời gian chờ tối đa của một lần gọi dịch vụ con, tính bằng mili giây
                      (mặc định 10000, từ 100 đến 300000); <NAME>_TIMEOUT_MS, ví dụ
                      NETWORK_TIMEOUT_MS, đặt riêng cho một dịch vụ con
  DXHUB_SUBGRAPH_CONNECTIONS
                      số kết nối mở tới mỗi dịch vụ con khi chạy start --services (mặc định 32,
                      từ 1 đến 1024)
  DXHUB_SUBGRAPH_KEEPALIVE_MS
                      thời gian giữ một kết nối rảnh tới dịch vụ con, tính bằng mili giây
                      (mặc định 30000, từ 1000 đến 600000)
  DXHUB_MAX_DEPTH     độ sâu truy vấn tối đa của một thao tác (mặc định 12, từ 1 đến 100)
  DXHUB_MAX_ALIASES   số bí danh (alias) tối đa của một thao tác (mặc định 15, từ 0 đến 1000)
  DXHUB_MAX_ROOT_FIELDS
                      số trường gốc tối đa của một thao tác, tính cả trường trong fragment
                      (mặc định 10, từ 1 đến 1000)
  DXHUB_MAX_TOKENS    số token tối đa của một tài liệu GraphQL (mặc định 2000, từ 100 đến 100000)
  DXHUB_MAX_DIRECTIVES
                      số chỉ thị (directive) tối đa của một thao tác (mặc định 20, từ 0 đến 1000)
  DXHUB_MAX_BODY_BYTES
                      kích thước tối đa của nội dung yêu cầu, tính bằng byte (mặc định 1048576,
                      từ 1024 đến 67108864)
  DXHUB_MAX_BATCH     số thao tác tối đa trong một lô; 1 là tắt gửi theo lô (mặc định 5, tối đa 100)
  DXHUB_INTROSPECTION
                      true (mặc định), false, 1 hoặc 0; cho phép truy vấn introspection, và chỉ
                      trả lời yêu cầu có mã thông báo hợp lệ
  DXHUB_FIELD_SUGGESTIONS
                      true, false, 1 hoặc 0; gợi ý "Did you mean" trong lỗi kiểm tra truy vấn
                      (mặc định true, còn false khi chạy production)
  DXHUB_PLAN_RUNNER   true (mặc định), false, 1 hoặc 0; chạy kế hoạch truy vấn bằng bộ thực thi
                      của hub; false giao mọi kế hoạch cho bộ thực thi của @apollo/gateway
  APOLLO_TELEMETRY_DISABLED
                      true (nền tảng tự đặt khi biến chưa có) để @apollo/gateway không gửi số liệu
                      sử dụng cho Apollo và không dò dịch vụ metadata của đám mây; false thì cho phép
  DXHUB_CORS_ORIGINS  các nguồn trình duyệt được gọi cổng kết nối, cách nhau bằng dấu phẩy, * là
                      mọi nguồn (mặc định mọi nguồn khi phát triển, không có khi chạy production)
  DXHUB_CORS_MAX_AGE  thời gian trình duyệt lưu kết quả preflight, tính bằng giây (mặc định 600,
                      tối đa 86400)
  DXHUB_RATE_LIMIT    on (mặc định) hoặc off; DXHUB_RATE_<READS|WRITES|EXPORTS>_<SUBJECT|ORG> đặt
                      giới hạn tốc độ theo loại phạm vi quyền, cho mỗi người dùng của mã thông báo
                      hoặc mỗi tổ chức, dạng N hoặc N:B, với N là số yêu cầu mỗi phút và B là số
                      yêu cầu dồn tối đa (B mặc định bằng N; mặc định theo người dùng và theo
                      tổ chức: READS 300:60 và 1200:200, WRITES 60:20 và 240:60, EXPORTS 10:5
                      và 30:10)
  DXHUB_RATE_EXPORT_FIELDS
                      các tên trường, cách nhau bằng dấu phẩy, khiến truy vấn được tính là
                      xuất dữ liệu theo giới hạn EXPORTS (mặc định stixBundle,exportAuditEvents)`,
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
  // Usage errors. main.ts prints each one followed by the pointer to --help in `badOption`.
  badLanguage: {
    en: '--lang takes vi or en, not "{value}"',
    vi: '--lang chỉ nhận vi hoặc en, không nhận "{value}"',
  },
  unknownOption: {
    en: 'Unknown option "{option}"; this command takes {known}',
    vi: 'Không có tùy chọn "{option}"; lệnh này nhận các tùy chọn {known}',
  },
  unknownOptionNoOptions: {
    en: 'Unknown option "{option}"; this command takes no options',
    vi: 'Không có tùy chọn "{option}"; lệnh này không nhận tùy chọn nào',
  },
  optionValueMissing: {
    en: 'Missing value for {option}; write it as {option} VALUE or {option}=VALUE',
    vi: 'Thiếu giá trị cho {option}; hãy ghi {option} GIÁ_TRỊ hoặc {option}=GIÁ_TRỊ',
  },
  optionValueDash: {
    en: 'Missing value for {option}: the next argument "{value}" starts with a dash, so it is not taken as the value; write {option}={value} if it is',
    vi: 'Thiếu giá trị cho {option}: đối số tiếp theo "{value}" bắt đầu bằng dấu gạch ngang nên không được hiểu là giá trị; nếu đó đúng là giá trị thì hãy ghi {option}={value}',
  },
  optionTakesNoValue: {
    en: '{option} takes no value, but got "{value}"; write {option} alone',
    vi: '{option} không nhận giá trị, nhưng lại được ghi kèm "{value}"; hãy ghi riêng {option}',
  },
  unexpectedArgument: {
    en: 'Unexpected argument "{value}"; this command takes options only',
    vi: 'Thừa đối số "{value}"; lệnh này chỉ nhận tùy chọn',
  },
  invalidPort: {
    en: '--port must be a whole number from 0 to 65535, not "{value}"',
    vi: 'Giá trị không hợp lệ ở --port: "{value}"; hãy dùng một số nguyên từ 0 đến 65535',
  },
  unknownScopes: {
    en: '--scope has unknown scope(s) {unknown}; known scopes: {known}',
    vi: 'Giá trị không hợp lệ ở --scope: không có phạm vi quyền {unknown}; hãy chọn trong các phạm vi quyền {known}',
  },
  invalidTtl: {
    en: '--ttl must be a whole number of seconds from 60 to {max} (DXHUB_JWT_MAX_AGE), not "{value}"',
    vi: 'Giá trị không hợp lệ ở --ttl: "{value}"; hãy dùng một số giây nguyên từ 60 đến {max} (DXHUB_JWT_MAX_AGE)',
  },
  importKind: {
    en: 'import takes "units" or "agencies" first, not "{value}"',
    vi: 'Lệnh import cần đối số đầu tiên là "units" hoặc "agencies", không nhận "{value}"',
  },
  importExtraArgument: {
    en: 'Unexpected argument "{value}"; import takes one FILE',
    vi: 'Thừa đối số "{value}"; lệnh import chỉ nhận một TỆP',
  },
  importAgenciesOptions: {
    en: 'import agencies takes no --effective or --mapping; remove them, because only import units uses them',
    vi: 'Lệnh import agencies không nhận --effective hay --mapping; hãy bỏ các tùy chọn này, vì chỉ lệnh import units dùng chúng',
  },
  auditAction: {
    en: 'audit takes "verify", "export" or "grant", not "{value}"',
    vi: 'Lệnh audit cần "verify", "export" hoặc "grant", không nhận "{value}"',
  },
  auditActionFilter: {
    en: '--action takes one of {choices}, not "{value}"',
    vi: 'Giá trị không hợp lệ ở --action: "{value}"; hãy chọn một trong {choices}',
  },
  invalidInstant: {
    en: '{option} takes a YYYY-MM-DD date or an ISO 8601 time with an offset, such as 2025-07-01T08:00:00+07:00, not "{value}"',
    vi: 'Giá trị không hợp lệ ở {option}: "{value}"; hãy dùng ngày dạng YYYY-MM-DD hoặc thời điểm ISO 8601 có độ lệch múi giờ, ví dụ 2025-07-01T08:00:00+07:00',
  },
  grantRoleMissing: {
    en: 'audit grant needs a PostgreSQL role name, as in dxhub audit grant ROLE',
    vi: 'Lệnh audit grant cần tên một vai trò PostgreSQL, ví dụ dxhub audit grant VAI_TRÒ',
  },
  grantRoleExtra: {
    en: 'audit grant takes one PostgreSQL role name, not {count}: {values}; run it once for each role',
    vi: 'Lệnh audit grant chỉ nhận tên một vai trò PostgreSQL, không nhận {count} tên: {values}; hãy chạy lệnh riêng cho từng vai trò',
  },
  queryFailed: {
    en: 'a database query failed (PostgreSQL code {code})',
    vi: 'một truy vấn cơ sở dữ liệu không thành công (mã lỗi PostgreSQL {code})',
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
