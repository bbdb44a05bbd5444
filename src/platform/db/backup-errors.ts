import { AppError } from "../errors.js";

/** A backup or restore refused or failed, with a stable code and a Thai and English message (the CLIs print both). */
export class BackupError extends AppError {
  constructor(code: string, messageTh: string, messageEn: string, details?: Record<string, unknown>) {
    super(code, 409, messageTh, messageEn, undefined, details);
  }
}
