import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { withTransaction } from "../../platform/ctx.js";
import type { DemoAccount } from "./contracts.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { createAccount } from "./create-account.js";
import { hashPassword } from "./crypto.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts.js";
import { grantRole } from "./grant-role.js";
import { homeOf } from "./grant-views.js";
import { accounts } from "./tables.js";

/** Creates the demo accounts (one per role) on an empty accounts table. */
export async function seedDemoAccounts({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(accounts)) as [{ n: number }];
    if (n > 0) return;
    for (const d of DEMO_ACCOUNTS) {
      const acc = await createAccount({ ctx: tx, input: { id: `demo-${d.username}`, username: d.username, displayName: d.displayName, password: DEMO_PASSWORD, isDemo: true } });
      for (const g of d.grants) await grantRole({ ctx: tx, input: { accountId: acc.id, ...g } });
    }
    await tx.db.update(accounts).set({ email: "citizen@demo.changwat.invalid", emailVerifiedAt: tx.now() }).where(eq(accounts.id, "demo-citizen"));
    // verified demo citizens behind the demo's supports and comments (not on the login page: nobody logs in as them)
    // one password hash for all of them (argon2 is slow on purpose; 40 hashes would add seconds to every demo start)
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids = demoCitizenIds();
    await tx.db.insert(accounts).values(
      ids.map((id, i) => ({ id, username: id.slice("demo-".length), displayName: `ประชาชน ${i + 1} (ตัวอย่าง)`, email: `${id.slice("demo-".length)}@demo.changwat.invalid`, emailVerifiedAt: tx.now(), passwordHash, isDemo: true, createdAt: tx.now(), updatedAt: tx.now() })),
    );
    await writeAudit(tx, { action: "accounts.account.create", entityType: "account", entityId: ids[0]!, after: { demoCitizens: ids.length } });
    for (const id of ids) await grantRole({ ctx: tx, input: { accountId: id, role: "citizen", scope: "nation" } });
  });
}

/** How many extra verified demo citizens there are (`demo-demo.citizen.01` …), for demo supports and comments. */
export const DEMO_CITIZEN_COUNT = 40;

/** The ids of the extra verified demo citizens. */
export function demoCitizenIds(): string[] {
  return Array.from({ length: DEMO_CITIZEN_COUNT }, (_, i) => `demo-demo.citizen.${String(i + 1).padStart(2, "0")}`);
}

/** What the login page shows in demo mode. */
export function listDemoAccounts(): DemoAccount[] {
  return DEMO_ACCOUNTS.map((d) => ({ ...d, password: DEMO_PASSWORD, home: homeOf(d.grants) }));
}
