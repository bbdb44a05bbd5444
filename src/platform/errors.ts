/** Typed domain errors; mapped to HTTP in one place (server/error-handler.ts). */
export type FieldError = { path: string; code: string; messageTh: string; messageEn: string };

/** One field's problem, in both languages: what ValidationError lists. */
export const fieldError = (path: string, code: string, messageTh: string, messageEn: string): FieldError => ({ path, code, messageTh, messageEn });

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageTh: string,
    readonly messageEn: string,
    readonly fields?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], messageTh = "ข้อมูลไม่ถูกต้อง", messageEn = "The input is not valid") {
    super("validation.failed", 400, messageTh, messageEn, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id?: string) {
    super(
      `${entity}.not-found`,
      404,
      `ไม่พบ${entityTh(entity)}${id ? ` (${id})` : ""}`,
      `${entity} not found${id ? ` (${id})` : ""}`,
    );
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = "auth.required", th = "กรุณาเข้าสู่ระบบ", en = "Please log in") {
    super(code, 401, th, en);
  }
}

export class ForbiddenError extends AppError {
  constructor(operation: string) {
    super("auth.forbidden", 403, `คุณไม่มีสิทธิ์ดำเนินการนี้ (${operation})`, `You are not allowed to do this (${operation})`, undefined, {
      operation,
    });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, messageTh: string, messageEn: string, details?: Record<string, unknown>) {
    super(code, 409, messageTh, messageEn, undefined, details);
  }
}

/** A business rule was broken, e.g. RuleViolation("emergency-fund.cap-exceeded", …). */
export class RuleViolation extends AppError {
  constructor(code: string, messageTh: string, messageEn: string, details?: Record<string, unknown>) {
    super(code, 422, messageTh, messageEn, undefined, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(code: string, messageTh: string, messageEn: string, retryAfterSeconds: number) {
    super(code, 429, messageTh, messageEn, undefined, { retryAfterSeconds });
  }
}

const ENTITY_TH: Record<string, string> = {
  area: "พื้นที่",
  organization: "หน่วยงาน",
  post: "ตำแหน่ง",
  person: "บุคคล",
  membership: "การดำรงตำแหน่ง",
  account: "บัญชีผู้ใช้",
  grant: "สิทธิ์",
  "api-key": "กุญแจ API",
  holiday: "วันหยุด",
  import: "งานนำเข้า",
  route: "หน้า",
  "strategy-node": "รายการในแผนยุทธศาสตร์",
  kpi: "ตัวชี้วัด",
  measurement: "ผลการดำเนินงาน",
  agreement: "คำรับรองการปฏิบัติราชการ",
  "agreement-round": "รอบการประเมิน",
  plan: "แผน",
  project: "โครงการ",
  amendment: "คำขอแก้ไขเปลี่ยนแปลงโครงการ",
  "budget-act": "พระราชบัญญัติงบประมาณ",
  "allocation-notice": "หนังสือแจ้งจัดสรรงบประมาณ",
  "frame-shift": "กรอบวงเงินที่ปรับมาให้จังหวัด",
  "leftover-fund": "เงินประจำงวดเหลือจ่าย",
  "matching-fund": "งบประมาณสมทบ",
  "emergency-request": "คำของบกลาง",
  procurement: "การจัดซื้อจัดจ้าง",
  contract: "สัญญา",
  committee: "คณะกรรมการ",
  "committee-seat": "ที่นั่งในคณะกรรมการ",
  meeting: "การประชุม",
  "agenda-item": "ระเบียบวาระการประชุม",
  "action-item": "เรื่องที่มอบหมายให้ดำเนินการ",
  partner: "ภาคีเครือข่าย",
  "partner-agreement": "บันทึกข้อตกลงความร่วมมือ",
};

function entityTh(entity: string): string {
  return ENTITY_TH[entity] ?? entity;
}
