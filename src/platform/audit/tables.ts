import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Append-only: a trigger (migration) rejects UPDATE and DELETE; no API edits or deletes audit rows. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    provinceCode: text("province_code"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: uuid("request_id").notNull(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_log_province_idx").on(t.provinceCode, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);
