// Drizzle tables of the projects subgraph, all inside the PostgreSQL schema "projects".
export {};
