import { AppError } from "../errors.js";

/** A backup or restore refused or failed, with a stable code and a Thai and English message (the CLIs print both). */
export class BackupError extends AppError {
  constructor(code: string, messageTh: string, messageEn: string, details?: Record<string, unknown>) {
    super(code, 409, messageTh, messageEn, undefined, details);
  }
}

/** Runs a backup or restore command line: exits with its code; a BackupError in both languages with its code, any other error by its message alone. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      if (e instanceof BackupError) console.error(`${e.messageEn}\n${e.messageTh}\n(${e.code})`);
      else console.error(e.message); // configuration and connection errors say what is wrong; a stack would bury it
      process.exit(1);
    },
  );
}

