import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import type { PostRequestInput } from "./open311.js";
import { submitCase } from "./submit-case.js";

/**
 * An Open311 POST as a case: the posting client (an API key) attests that the reporter saw the consent text;
 * first and last name, e-mail and phone become the reporter's contact (kept apart like every reporter's); media
 * URLs are not fetched (the platform never downloads what a client points at).
 */
export async function submitOpen311Request({ ctx, input }: { ctx: Ctx; input: PostRequestInput }) {
  const name = [input.firstName, input.lastName].filter(Boolean).join(" ") || undefined;
  const contact = !!(name || input.email || input.phone);
  if (!input.description) throw new AppError("validation.failed", 400, "กรุณาบรรยายปัญหา (description)", "description is required", [{ path: "description", code: "cases.description-required", messageTh: "กรุณาบรรยายปัญหา", messageEn: "Describe the problem" }]);
  return submitCase({
    ctx,
    channel: "open311",
    input: {
      categoryId: input.serviceCode,
      descriptionTh: input.description,
      provinceCode: input.jurisdictionId && /^(TH-)?\d{2}$/.test(input.jurisdictionId) ? input.jurisdictionId.slice(-2) : undefined,
      lat: input.lat,
      lon: input.long,
      addressTh: input.addressString,
      attributes: input.attributes,
      reporter: contact ? { anonymous: false, name, email: input.email, phone: input.phone, notify: !!input.email } : { anonymous: true, notify: false },
      consent: true,
    },
  });
}
