// Drizzle tables of the surveys subgraph, all inside the PostgreSQL schema "surveys".
export {};
