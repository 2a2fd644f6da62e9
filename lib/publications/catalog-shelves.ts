// The catalog's shelves: "all" is the whole catalog, served at `/` (next.config.ts rewrites it).
export const CATALOG_SHELVES = ["all"];
export const CATALOG_HOME = "/shelf/all";
