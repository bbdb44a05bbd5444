import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { POLICY } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { configureWebhooks } from "../../platform/webhooks/index.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createSubscription } from "./create-subscription.js";
import { deleteSubscription } from "./delete-subscription.js";
import { getDelivery } from "./get-delivery.js";
import { listDeliveries } from "./list-deliveries.js";
import { listSubscriptions } from "./list-subscriptions.js";
import { redeliver } from "./redeliver.js";
import { rotateSecret } from "./rotate-secret.js";
import { sendTestEvent } from "./send-test-event.js";
import { updateSubscription } from "./update-subscription.js";

let db: Database;
let receiver: http.Server;
let url = "";
beforeAll(async () => {
  db = await createTestDb();
  configureWebhooks({ allowPrivate: true });
  receiver = http.createServer((req, res) => req.resume().on("end", () => res.end("ok")));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await db?.close();
});

const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
/** Who stands where relative to a Chiang Rai (57) subscription. `nation`: may also manage nation-wide ones. */
const WHO: Record<string, { actor: Actor; manages: boolean; nation: boolean }> = {
  "an administrator (nation)": { actor: actor("administrator", "nation", "p-admin"), manages: true, nation: true },
  "the province's governor": { actor: actor("governor", "area:province:57", "p-gov"), manages: true, nation: false },
  "the province's vice governor": { actor: actor("vice_governor", "area:province:57", "p-vgov"), manages: true, nation: false },
  "the province's strategy office": { actor: actor("strategy_officer", "area:province:57", "p-poc"), manages: true, nation: false },
  "an administrator of the province": { actor: actor("administrator", "area:province:57", "p-admin-57"), manages: true, nation: false },
  "another province's governor": { actor: actor("governor", "area:province:76", "p-gov-76"), manages: false, nation: false },
  "a district's centre": { actor: actor("district_officer", "area:district:5709", "p-centre"), manages: false, nation: false },
  "an office of the province": { actor: actor("agency_head", "org:pro:57:disaster-prevention-mitigation", "p-head"), manages: false, nation: false },
  "the cluster office": { actor: actor("cluster_office", "area:cluster:N2", "p-cluster"), manages: false, nation: false },
  "the PMOC": { actor: actor("pmoc_viewer", "nation", "p-pmoc"), manages: false, nation: false },
  "a ministry officer": { actor: actor("ministry_officer", "ministry:moi", "p-moi"), manages: false, nation: false },
  "a citizen": { actor: actor("citizen", "nation", "p-citizen"), manages: false, nation: false },
  "the public": { actor: anon, manages: false, nation: false },
};
const owner = () => ctxFor(db, WHO["the province's strategy office"]!.actor);

let seq = 0;
async function freshSubscription(provinceCode: string | null = "57"): Promise<{ id: string; deliveryId: string }> {
  const ctx = provinceCode ? owner() : ctxFor(db, WHO["an administrator (nation)"]!.actor);
  const s = await createSubscription({ ctx, input: { url: `${url}?n=${++seq}`, provinceCode, eventTypes: ["webhook.test"] } });
  const r = await sendTestEvent({ ctx, input: { id: s.id } });
  return { id: s.id, deliveryId: r.deliveryId };
}
const snapshot = async () =>
  (await db.query<{ h: string }>("select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from (select id, url, event_types, status, version, secret from webhook_subscriptions) x"))[0]!.h +
  (await db.query<{ n: string }>("select (select count(*) from audit_log) || '/' || (select count(*) from webhook_deliveries) || '/' || (select count(*) from webhook_attempts) as n"))[0]!.n;

type Op = { files: string[]; run: (ctx: Ctx, s: { id: string; deliveryId: string }) => Promise<unknown>; writes: boolean };
const OPS: Record<string, Op> = {
  register: { files: ["create-subscription"], writes: true, run: (ctx) => createSubscription({ ctx, input: { url: `${url}?r=${++seq}`, provinceCode: "57", eventTypes: ["case.*"] } }) },
  update: { files: ["update-subscription"], writes: true, run: (ctx, s) => updateSubscription({ ctx, input: { id: s.id, eventTypes: ["case.created"] } }) },
  pause: { files: ["update-subscription"], writes: true, run: (ctx, s) => updateSubscription({ ctx, input: { id: s.id, status: "paused" } }) },
  delete: { files: ["delete-subscription"], writes: true, run: (ctx, s) => deleteSubscription({ ctx, input: { id: s.id } }) },
  "rotate secret": { files: ["rotate-secret"], writes: true, run: (ctx, s) => rotateSecret({ ctx, input: { id: s.id } }) },
  "send a test event": { files: ["send-test-event"], writes: true, run: (ctx, s) => sendTestEvent({ ctx, input: { id: s.id } }) },
  redeliver: { files: ["redeliver"], writes: true, run: (ctx, s) => redeliver({ ctx, input: { id: s.deliveryId } }) },
  "read the delivery log": { files: ["list-deliveries"], writes: false, run: (ctx, s) => listDeliveries({ ctx, input: { subscriptionId: s.id } }) },
  "read a delivery": { files: ["get-delivery"], writes: false, run: (ctx, s) => getDelivery({ ctx, input: { id: s.deliveryId } }) },
};

describe("permission matrix: who may manage Chiang Rai's webhooks (webhooks:manage)", () => {
  for (const [name, o] of Object.entries(OPS)) {
    for (const [who, w] of Object.entries(WHO)) {
      it(`${name}: ${who} → ${w.manages ? "allowed" : "refused, nothing written"}`, async () => {
        const s = await freshSubscription();
        const before = await snapshot();
        const ctx = ctxFor(db, w.actor);
        if (w.manages) {
          await o.run(ctx, s);
          if (o.writes) expect(await snapshot()).not.toBe(before);
        } else {
          const e = await o.run(ctx, s).then(() => null, (x: { status: number }) => x);
          expect(e?.status).toBe(w.actor.kind === "anonymous" ? 401 : 403);
          expect(await snapshot()).toBe(before);
        }
      });
    }
  }

  it("nation-wide subscriptions: only a nation-wide administrator registers, reads or changes them", async () => {
    const s = await freshSubscription(null);
    for (const [who, w] of Object.entries(WHO)) {
      const ctx = ctxFor(db, w.actor);
      const before = await snapshot();
      const made = await createSubscription({ ctx, input: { url: `${url}?nation=${++seq}`, provinceCode: null, eventTypes: ["case.*"] } }).then(() => 0, (e: { status: number }) => e.status);
      expect(made, who).toBe(w.nation ? 0 : w.actor.kind === "anonymous" ? 401 : 403);
      if (!w.nation) {
        expect(await rotateSecret({ ctx, input: { id: s.id } }).then(() => 0, (e: { status: number }) => e.status), who).toBe(w.actor.kind === "anonymous" ? 401 : 403);
        expect(await snapshot()).toBe(before);
      }
      const listed = await listSubscriptions({ ctx }).then((r) => r.items.some((x) => x.id === s.id), () => false);
      expect(listed, who).toBe(w.nation);
    }
  });

  it("guard: every webhooks operation of the policy and every write use case of the module is in this matrix", () => {
    for (const op of Object.keys(POLICY).filter((k) => k.startsWith("webhooks:"))) expect(["webhooks:manage"], op).toContain(op);
    const covered = new Set([...Object.values(OPS).flatMap((o) => o.files), "seed-demo-webhooks"]);
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const writers = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && /writeAudit\(|db\.insert\(|db\.update\(|db\.delete\(|insertEvent\(|deliverNow\(/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    for (const f of writers) expect(covered.has(f.replace(/\.ts$/, "")), `${f} writes: add it to the matrix`).toBe(true);
  });
});
