/** Where a thing sits: the nation, an area (province, district …) or an organisation. */
export type ScopeRef = { kind: "nation" } | { kind: "area"; id: string } | { kind: "org"; id: string };

export const NATION: ScopeRef = { kind: "nation" };

/** The scope of a province (by its two-digit code): where provincial grants and province-scoped records sit. */
export const provinceScope = (code: string): ScopeRef => ({ kind: "area", id: `province:${code}` });

export function scopeKey(ref: ScopeRef): string {
  return ref.kind === "nation" ? "nation" : `${ref.kind}:${ref.id}`;
}

export function parseScopeKey(key: string): ScopeRef | null {
  if (key === "nation") return NATION;
  const m = /^(area|org):(.+)$/.exec(key);
  if (!m) return null;
  return { kind: m[1] as "area" | "org", id: m[2]! };
}

/**
 * Answers which scopes contain a thing: itself, every area and organisation above it, and `nation`.
 * The registry module implements it (it owns the hierarchy); the platform only consumes it.
 */
export interface ScopeResolver {
  ancestors(ref: ScopeRef): Promise<Set<string>>;
  /** the province a scope lies in, if any (province-scoped tables carry it) */
  provinceOf(ref: ScopeRef): Promise<string | null>;
  /** does this scope exist, and what kind of thing is it (e.g. "province", "ministry") */
  describe(ref: ScopeRef): Promise<{ exists: boolean; classification: string | null }>;
  /** forget cached hierarchy after a change to it */
  invalidate(): void;
  /** the same resolver reading through another handle (a transaction: PGlite has one connection) */
  withDb(db: unknown): ScopeResolver;
}
