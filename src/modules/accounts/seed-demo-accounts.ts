import { sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { withTransaction } from "../../platform/ctx.js";
import type { DemoAccount } from "./contracts.js";
import { createAccount } from "./create-account.js";
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
  });
}

/** What the login page shows in demo mode. */
export function listDemoAccounts(): DemoAccount[] {
  return DEMO_ACCOUNTS.map((d) => ({ ...d, password: DEMO_PASSWORD, home: homeOf(d.grants) }));
}
