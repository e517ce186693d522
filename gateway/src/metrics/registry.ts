import { databaseConnectionStates, type Database, type Logger } from '@dxhub/kit';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds, from 5 ms to 10 s, the range of GraphQL calls the hub serves. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Most distinct operation names kept as label values; later names are counted as `other`. */
const MAX_OPERATION_NAMES = 200;

/** A GraphQL name as the spec defines it, so a label never carries arbitrary client text. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The gateway's Prometheus metrics in their own registry, so two hubs in one process (tests)
 * keep separate counts. Names follow Prometheus conventions: `_total` counters, `_seconds`
 * histograms, and a `dxhub_` prefix.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpInFlight: Gauge;
  readonly graphqlErrors: Counter<'code'>;
  readonly operationDuration: Histogram<'operation' | 'type'>;
  readonly subgraphDuration: Histogram<'subgraph' | 'outcome'>;
  private readonly operationNames = new Set<string>();
  private database: Database | null = null;

  constructor(private readonly logger: Logger) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dxhub_' });
    this.httpRequests = new Counter({
      name: 'dxhub_http_requests_total',
      help: 'HTTP requests served by the gateway, by method, route and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpInFlight = new Gauge({
      name: 'dxhub_http_requests_in_flight',
      help: 'HTTP requests the gateway is serving now.',
      registers: [this.registry],
    });
    this.graphqlErrors = new Counter({
      name: 'dxhub_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code, including requests rejected before execution.',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.operationDuration = new Histogram({
      name: 'dxhub_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.subgraphDuration = new Histogram({
      name: 'dxhub_subgraph_request_duration_seconds',
      help: 'Time of each call from the gateway to a subgraph, by subgraph and outcome (ok, error, failed).',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    const connections: Gauge<'state'> = new Gauge({
      name: 'dxhub_database_connections',
      help: 'Connections to the hub database by state, as pg_stat_activity reports them for all dxhub processes; absent on the embedded database.',
      labelNames: ['state'],
      registers: [this.registry],
      // prom-client calls this at each scrape.
      collect: () => this.collectConnections(connections),
    });
  }

  /** Sets the database whose connections `dxhub_database_connections` reports. */
  observeDatabase(database: Database | null): void {
    this.database = database;
  }

  /** Returns the label for an operation name: the name itself for the first few hundred, then `other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!GRAPHQL_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  private async collectConnections(gauge: Gauge<'state'>): Promise<void> {
    gauge.reset();
    if (!this.database) return;
    try {
      for (const { state, count } of await databaseConnectionStates(this.database))
        gauge.set({ state }, count);
    } catch (error) {
      this.logger.warn({ err: error }, 'database connection metrics could not be read');
    }
  }
}
