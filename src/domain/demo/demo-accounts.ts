import type { TCreateOrganisation, TRole } from "../identity/identity.schema.js";
import type { TClearance } from "../labels/labels.schema.js";

// Demo mode only: organisations and one user per role and per a few nations, with passwords
// that the login page shows (ENTENTE_DEMO / `serve --demo`). Never loaded outside demo mode.

export const DEMO_ORGANISATIONS: (TCreateOrganisation & { key: string })[] = [
  {
    key: "is",
    name: "International Staff, Partnerships and Cooperative Security",
    kind: "alliance-staff",
    nation: null,
  },
  { key: "shape", name: "Allied Command Operations (SHAPE)", kind: "command", nation: null },
  { key: "nor", name: "Delegation of Norway to NATO", kind: "delegation", nation: "NOR" },
  { key: "jpn", name: "Mission of Japan to NATO", kind: "mission", nation: "JPN" },
  { key: "kor", name: "Mission of the Republic of Korea to NATO", kind: "mission", nation: "KOR" },
  { key: "aus", name: "Mission of Australia to NATO", kind: "mission", nation: "AUS" },
  { key: "geo", name: "Mission of Georgia to NATO", kind: "mission", nation: "GEO" },
];

export type DemoUser = {
  username: string;
  displayName: string;
  organisation: string;
  clearance: TClearance;
  roles: TRole[];
  isPointOfContact: boolean;
  /** Base32 TOTP secret enrolled in demo mode, so a tester can add it to an authenticator. */
  totpSecret: string | null;
};

/** Demo users' e-mail addresses (reserved `.example` domain): notices to them land in the outbox folder. */
export function demoEmail(username: string): string {
  return `${username}@entente.example`;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: "admin",
    displayName: "Demo administrator",
    organisation: "is",
    clearance: "NS",
    roles: ["admin"],
    isPointOfContact: false,
    totpSecret: "ENTENTEDEMOADMINENTENTEDEMOADMIN",
  },
  {
    username: "staff",
    displayName: "Partnership officer (IS)",
    organisation: "is",
    clearance: "NS",
    roles: ["staff"],
    isPointOfContact: false,
    totpSecret: "ENTENTEDEMOSTAFFENTENTEDEMOSTAFF",
  },
  {
    username: "auditor",
    displayName: "Security auditor",
    organisation: "is",
    clearance: "NS",
    roles: ["auditor"],
    isPointOfContact: false,
    totpSecret: null,
  },
  {
    username: "analyst",
    displayName: "Partnership analyst",
    organisation: "is",
    clearance: "NR",
    roles: ["analyst"],
    isPointOfContact: false,
    totpSecret: null,
  },
  {
    username: "planner.shape",
    displayName: "Operations planner (SHAPE)",
    organisation: "shape",
    clearance: "NS",
    roles: ["hq"],
    isPointOfContact: false,
    totpSecret: null,
  },
  {
    username: "delegation.nor",
    displayName: "Counsellor, Norwegian delegation",
    organisation: "nor",
    clearance: "NS",
    roles: ["delegation"],
    isPointOfContact: false,
    totpSecret: null,
  },
  {
    username: "partner.jpn",
    displayName: "Point of contact, Mission of Japan",
    organisation: "jpn",
    clearance: "NR",
    roles: ["partner"],
    isPointOfContact: true,
    totpSecret: "ENTENTEDEMOJAPANENTENTEDEMOJAPAN",
  },
  {
    username: "partner.kor",
    displayName: "Point of contact, Mission of Korea",
    organisation: "kor",
    clearance: "NR",
    roles: ["partner"],
    isPointOfContact: true,
    totpSecret: null,
  },
  {
    username: "partner.aus",
    displayName: "Point of contact, Mission of Australia",
    organisation: "aus",
    clearance: "NR",
    roles: ["partner"],
    isPointOfContact: true,
    totpSecret: null,
  },
  {
    username: "partner.geo",
    displayName: "Point of contact, Mission of Georgia",
    organisation: "geo",
    clearance: "NR",
    roles: ["partner"],
    isPointOfContact: true,
    totpSecret: null,
  },
];

/** The demo password of a demo user: shown on the login page in demo mode only. */
export function demoPassword(username: string): string {
  return `demo-${username}-2026`;
}

export function demoAccounts() {
  const nationOf = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o.nation ?? null]));
  return DEMO_USERS.map((u) => ({
    username: u.username,
    password: demoPassword(u.username),
    role: u.roles.join(", "),
    nation: nationOf.get(u.organisation) ?? null,
    totpSecret: u.totpSecret,
  }));
}
