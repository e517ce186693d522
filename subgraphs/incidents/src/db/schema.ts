// Drizzle tables of the incidents subgraph, all inside the PostgreSQL schema "incidents".
export {};
