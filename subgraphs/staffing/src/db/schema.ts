// Drizzle tables of the staffing subgraph, all inside the PostgreSQL schema "staffing".
export {};
