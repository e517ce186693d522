// Drizzle tables of the network subgraph, all inside the PostgreSQL schema "network".
export {};
