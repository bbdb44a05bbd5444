import type { Me } from "../../../modules/accounts/contracts.js";
import type { ProvinceSummary } from "../../../modules/registry/contracts.js";

/**
 * The CEO provinces whose performance a user reads (the server checks again): every one with a national grant,
 * otherwise those their area grants cover (a province, its cluster or its region). The 2024 pilots come first.
 */
export function readableProvinces(me: Me | undefined, provinces: readonly ProvinceSummary[]): ProvinceSummary[] {
  const grants = (me?.authenticated ? me.grants : []).filter((g) => g.role !== "citizen");
  const nation = grants.some((g) => g.scope === "nation");
  const covered = (p: ProvinceSummary) => nation || grants.some((g) => g.scope === `area:${p.id}` || (p.cluster && g.scope === `area:${p.cluster.id}`) || g.scope === `area:${p.region.id}`);
  return provinces.filter((p) => p.ceo && covered(p));
}
