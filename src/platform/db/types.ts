import { customType } from "drizzle-orm/pg-core";

/** tsvector column; filled by a generated expression over a search_text column of segmented Thai words. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});
