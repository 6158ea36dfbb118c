import type { Db } from "../../db/connect.js";
import { type DocumentStore, uploadDocument } from "../documents/documents.js";
import type { TUserView } from "../identity/identity.schema.js";
import { createOrganisation, listOrganisations } from "../identity/organisations.js";
import { newReadablePassword } from "../identity/secrets.js";
import { createUser, viewerOf } from "../identity/users.js";
import type { TLabelInput } from "../labels/labels.schema.js";
import { DEMO_ORGANISATIONS, DEMO_USERS, demoEmail, demoPassword } from "./demo-accounts.js";
import { seedDemoActivities } from "./demo-activities.js";
import { seedDemoFeedback } from "./demo-feedback.js";
import { seedDemoOperations } from "./demo-operations.js";
import { seedDemoProgrammes } from "./demo-programmes.js";

/**
 * First run outside demo mode: when there is no user at all, creates the International Staff
 * organisation and an administrator with a random password, and returns it to print once.
 */
export async function ensureAdministrator(db: Db, now: Date): Promise<{ username: string; password: string } | null> {
  const any = await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  const existing = (await listOrganisations(db)).find((o) => o.kind === "alliance-staff");
  const organisation =
    existing ??
    (await createOrganisation(db, null, { name: "International Staff", kind: "alliance-staff", nation: null }, now));
  const password = newReadablePassword();
  await createUser(
    db,
    null,
    {
      username: "admin",
      displayName: "Administrator",
      organisationId: organisation.id,
      clearance: "NS",
      roles: ["admin"],
      password,
    },
    now,
  );
  return { username: "admin", password };
}

type DemoDocument = { reference: string; title: string; date: string; label: TLabelInput; body: string };

// Markings follow real ones quoted in the reference (e.g. "NATO UNCLASSIFIED Releasable to
// Montenegro and PFP", "NATO/EAPC UNCLASSIFIED Releasable to Afghanistan, Australia, Japan,
// Jordan, New Zealand and the United Arab Emirates"); the documents themselves are invented demo content.
const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    reference: "PUB(2012)001",
    title: "NATO's relations with partners across the globe (fact sheet)",
    date: "2012-05-20",
    label: { classification: "PUBLIC" },
    body: "Public fact sheet.",
  },
  {
    reference: "PCM(2012)0001",
    title: "Partnership Cooperation Menu 2012: overview",
    date: "2012-01-15",
    label: { classification: "NU", releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] },
    body: "Some 1,600 activities open to all partners.",
  },
  {
    reference: "C-M(2012)0014",
    title: "Arrangements to facilitate operations (silence procedure)",
    date: "2012-02-27",
    label: { classification: "NU", releasableTo: ["EAPC"] },
    body: "Silence procedure ends 16 March 2012.",
  },
  {
    reference: "IPCP-JPN(2012)",
    title: "Individual Partnership and Cooperation Programme: Japan (draft)",
    date: "2012-06-01",
    label: { classification: "NR", releasableTo: ["JPN"] },
    body: "Draft programme, confidential to Japan and the alliance.",
  },
  {
    reference: "IPCP-KOR(2012)",
    title: "Individual Partnership and Cooperation Programme: Republic of Korea (draft)",
    date: "2012-06-01",
    label: { classification: "NR", releasableTo: ["KOR"] },
    body: "Draft programme, confidential to Korea and the alliance.",
  },
  {
    reference: "SPS-EH(2017)",
    title: "Science for Peace and Security events handbook",
    date: "2017-11-15",
    label: { classification: "NU", releasableTo: ["EAPC", "AFG", "AUS", "JPN", "JOR", "NZL", "ARE"] },
    body: "Events handbook.",
  },
  {
    reference: "ACT-D-75-1",
    title: "ACT Directive 75-1",
    date: "2016-06-22",
    label: { classification: "NU", releasableTo: ["MNE", "PFP"] },
    body: "Directive releasable to Montenegro and PfP.",
  },
  {
    reference: "ISAF-PM(2010)11",
    title: "ISAF troop contributions placemat, November 2010",
    date: "2010-11-01",
    label: { classification: "NU", releasableTo: ["NATO", "AUS", "NZL", "KOR", "MNG", "GEO"] },
    body: "Australia 1,550; Korea 246; New Zealand 234; Mongolia 47.",
  },
  {
    reference: "MC-PLAN(2011)07",
    title: "Operational planning note (Allies only)",
    date: "2011-07-01",
    label: { classification: "NC", releasableTo: ["NATO"] },
    body: "Allies only.",
  },
  {
    reference: "IS-NOTE(2011)42",
    title: "Internal staff note on partnership reform",
    date: "2011-04-01",
    label: { classification: "NR" },
    body: "Alliance staff only: no releasability.",
  },
];

/** Demo mode: organisations, one user per role and a few nations, labelled demo documents and the demo menu. */
export async function seedDemoIdentity(
  db: Db,
  store: DocumentStore,
  now: Date,
): Promise<{ users: number; documents: number; activities: number } | null> {
  const any = await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  const organisationIds = new Map<string, string>();
  for (const { key, ...input } of DEMO_ORGANISATIONS) {
    organisationIds.set(key, (await createOrganisation(db, null, input, now)).id);
  }
  const users: TUserView[] = [];
  for (const u of DEMO_USERS) {
    const user = await createUser(
      db,
      null,
      {
        username: u.username,
        displayName: u.displayName,
        organisationId: organisationIds.get(u.organisation) ?? "",
        clearance: u.clearance,
        roles: u.roles,
        isPointOfContact: u.isPointOfContact,
        email: demoEmail(u.username),
        password: demoPassword(u.username),
      },
      now,
    );
    if (u.totpSecret) {
      await db
        .updateTable("app_user")
        .set({ totp_secret: u.totpSecret, totp_enabled: 1 })
        .where("id", "=", user.id)
        .execute();
    }
    users.push(user);
  }
  const staff = users.find((u) => u.username === "staff");
  if (!staff) return { users: users.length, documents: 0, activities: 0 };
  for (const d of DEMO_DOCUMENTS) {
    const body = `${d.reference}\n${d.title}\n\n${d.body}\n`;
    await uploadDocument(
      db,
      store,
      viewerOf(staff),
      { reference: d.reference, title: d.title, date: d.date, label: d.label },
      { filename: `${d.reference.replace(/[^\w-]+/g, "-")}.txt`, bytes: Buffer.from(body) },
      now,
    );
  }
  const activities = await seedDemoActivities(db, viewerOf(staff), now);
  await seedDemoFeedback(db);
  const byName = (name: string) => {
    const user = users.find((u) => u.username === name);
    if (!user) throw new Error(`demo user ${name} is missing`);
    return viewerOf(user);
  };
  await seedDemoProgrammes(
    db,
    { staff: viewerOf(staff), japan: byName("partner.jpn"), delegation: byName("delegation.nor") },
    now,
  );
  await seedDemoOperations(db, store, {
    staff: viewerOf(staff),
    korea: byName("partner.kor"),
    japan: byName("partner.jpn"),
    delegation: byName("delegation.nor"),
  });
  return { users: users.length, documents: DEMO_DOCUMENTS.length, activities };
}
