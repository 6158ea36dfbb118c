import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { Viewer } from "../labels/viewer.js";
import { parseInput } from "../shared/validation.js";
import { type TCreateOrganisation, ZCreateOrganisation } from "./identity.schema.js";

export type TOrganisation = { id: string; name: string; kind: string; nation: string | null; createdAt: string };

export async function listOrganisations(db: Db): Promise<TOrganisation[]> {
  const rows = await db.selectFrom("organisation").selectAll().orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, nation: r.nation_code, createdAt: r.created_at }));
}

/** Creates an organisation; the alliance's own (staff, commands) have no nation, all others must. */
export async function createOrganisation(db: Db, actor: Viewer | null, input: TCreateOrganisation, now: Date) {
  const parsed = parseInput(ZCreateOrganisation, input);
  const isAlliance = parsed.kind === "alliance-staff" || parsed.kind === "command";
  if (isAlliance !== (parsed.nation === null)) {
    throw new AppError(
      "VALIDATION",
      "Invalid input: nation: alliance staff and commands have no nation; every other organisation has one",
      {
        fields: [
          {
            field: "nation",
            message: isAlliance ? "must be empty for the alliance's own organisations" : "is required",
          },
        ],
      },
    );
  }
  return db.transaction().execute(async (trx) => {
    if (parsed.nation !== null) {
      const nation = await trx.selectFrom("nation").select("code").where("code", "=", parsed.nation).executeTakeFirst();
      if (!nation) {
        throw new AppError("VALIDATION", `Invalid input: nation: unknown code '${parsed.nation}'`, {
          fields: [{ field: "nation", message: `unknown code '${parsed.nation}'` }],
        });
      }
    }
    const taken = await trx.selectFrom("organisation").select("id").where("name", "=", parsed.name).executeTakeFirst();
    if (taken) throw new AppError("CONFLICT", `An organisation named '${parsed.name}' exists`, { field: "name" });
    const row = {
      id: randomUUID(),
      name: parsed.name,
      kind: parsed.kind,
      nation_code: parsed.nation,
      created_at: now.toISOString(),
    };
    await trx.insertInto("organisation").values(row).execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "organisation.create",
        objectType: "organisation",
        objectId: row.id,
        outcome: "success",
        details: { name: row.name },
      },
      now,
    );
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      nation: row.nation_code,
      createdAt: row.created_at,
    } satisfies TOrganisation;
  });
}
