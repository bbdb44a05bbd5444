import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, fieldError, ValidationError } from "../../platform/errors.js";
import { lookupOrganization } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import { AGENDA_NODE_KINDS } from "./rules.js";

/** Every node is an agenda, goal or issue that is national or the province's own (400 naming the field otherwise). */
export async function checkAgendas(ctx: Ctx, provinceCode: string, ids: string[], path: string): Promise<void> {
  const nodes = await lookupStrategyNodes(ctx, ids);
  ids.forEach((id, k) => {
    const n = nodes.get(id);
    const at = ids.length > 1 || path.endsWith("Ids") ? `${path}.${k}` : path;
    if (!n) throw new ValidationError([fieldError(at, "strategy-node.unknown", `ไม่พบวาระหรือเป้าหมายนี้ในแผนยุทธศาสตร์ (${id})`, `No such agenda or goal in the strategy cascade (${id})`)]);
    if (!AGENDA_NODE_KINDS.includes(n.kind) || (n.provinceCode !== null && n.provinceCode !== provinceCode))
      throw new ValidationError([fieldError(at, "networks.agenda-elsewhere", "ต้องเป็นวาระของประเทศ หรือประเด็น/เป้าหมายของจังหวัดนี้", "It must be a national agenda, or an issue or goal of this province")]);
  });
}

/** The province's side of an agreement: its provincial government or one of its provincial offices. */
export async function checkParty(ctx: Ctx, provinceCode: string, orgId: string): Promise<void> {
  const org = await lookupOrganization(ctx, orgId);
  if (!org) throw new ValidationError([fieldError("partyOrgId", "organization.unknown", "ไม่พบหน่วยงานนี้ในทะเบียน", "No such organisation in the registry")]);
  if (org.provinceCode !== provinceCode || !["provincial_government", "provincial_office"].includes(org.classification))
    throw new ValidationError([fieldError("partyOrgId", "networks.party-not-provincial", "คู่ลงนามฝ่ายจังหวัดต้องเป็นจังหวัดหรือส่วนราชการประจำจังหวัดนี้", "The province's party must be the provincial government or one of this province's provincial offices")]);
}

/** Two partners of a province never share a Thai name (the unique index partners_province_name answers). */
export const partnerNameTaken = () => new ConflictError("networks.partner-exists", "จังหวัดนี้มีภาคีเครือข่ายชื่อนี้แล้ว", "This province already has a partner with this name");

/** The registry organisation a partner is linked to exists (400 naming registryOrgId otherwise). */
export async function checkRegistryOrg(ctx: Ctx, orgId: string): Promise<void> {
  if (!(await lookupOrganization(ctx, orgId))) throw new ValidationError([fieldError("registryOrgId", "organization.unknown", "ไม่พบหน่วยงานนี้ในทะเบียน", "No such organisation in the registry")]);
}
