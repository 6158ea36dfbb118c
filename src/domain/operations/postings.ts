import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { refuse } from "../identity/authorize.js";
import { getLabel, getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { isWithin, today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import {
  type TListPostingsQuery,
  type TPosting,
  type TPostingInput,
  ZEndPostingInput,
  ZListPostingsQuery,
  ZPostingInput,
} from "./operations.schema.js";
import { type DbOrTrx, isStaff, nationOfField, operationOfField, speaksFor, storeLabel } from "./rules.js";

// Liaison officers and partner representatives posted to headquarters. The staff, or the
// nation's own users for their nation's postings, create and end them. Periods are half-open.

function readablePostings(db: DbOrTrx, viewer: Viewer, at: string) {
  return db
    .selectFrom("posting")
    .innerJoin("nation", "nation.code", "posting.nation_code")
    .leftJoin("operation", "operation.code", "posting.operation_code")
    .selectAll("posting")
    .select(["nation.name as nation_name", "operation.name as operation_name"])
    .where(readableLabel(db, viewer, at, "posting.label_id"));
}

type PostingRow = Awaited<ReturnType<ReturnType<typeof readablePostings>["executeTakeFirstOrThrow"]>>;

async function presentAll(db: DbOrTrx, rows: readonly PostingRow[], asOf: string): Promise<TPosting[]> {
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return rows.map((r) => ({
    id: r.id,
    nation: { code: r.nation_code, name: r.nation_name },
    officerName: r.officer_name,
    headquarters: r.headquarters,
    role: r.role,
    operation:
      r.operation_code === null ? null : { code: r.operation_code, name: r.operation_name ?? r.operation_code },
    startDate: r.start_date,
    endDate: r.end_date,
    current: isWithin(asOf, r.start_date, r.end_date),
    note: r.note,
    marking: labels.get(r.label_id)?.marking ?? "",
  }));
}

async function findReadablePosting(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<PostingRow> {
  const row = await readablePostings(db, viewer, today(now)).where("posting.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("posting", id);
  return row;
}

async function requirePostingRight(db: Db, actor: Viewer, action: string, nation: string, objectId: string, now: Date) {
  if (isStaff(actor) || speaksFor(actor, nation)) return;
  await refuse(
    db,
    actor,
    { action, objectType: "posting", objectId, details: { nation } },
    `Only the staff or ${nation}'s own users can manage ${nation}'s postings`,
    now,
  );
}

/** Posts a nation's officer to a headquarters (staff, or the nation's own users). */
export async function createPosting(db: Db, actor: Viewer, input: TPostingInput, now: Date): Promise<TPosting> {
  const parsed = parseInput(ZPostingInput, input);
  await requirePostingRight(db, actor, "posting.create", parsed.nation, "new", now);
  const nation = await nationOfField(db, parsed.nation);
  const operation = parsed.operation === undefined ? null : await operationOfField(db, parsed.operation);
  const at = now.toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const label = await storeLabel(
      trx,
      actor,
      parsed.label ?? { classification: "NU", releasableTo: ["NATO", nation.code] },
      at,
    );
    await trx
      .insertInto("posting")
      .values({
        id,
        nation_code: nation.code,
        officer_name: parsed.officerName,
        headquarters: parsed.headquarters,
        role: parsed.role,
        operation_code: operation?.code ?? null,
        start_date: parsed.startDate,
        end_date: parsed.endDate ?? null,
        note: parsed.note,
        label_id: label.id,
        created_by: actor.userId ?? "unknown",
        created_at: at,
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "posting.create",
        objectType: "posting",
        objectId: id,
        objectLabel: label,
        outcome: "success",
        details: { nation: nation.code, headquarters: parsed.headquarters, startDate: parsed.startDate },
      },
      now,
    );
  });
  const [view] = await presentAll(db, [await findReadablePosting(db, actor, id, now)], today(now));
  if (!view) throw notFound("posting", id);
  return view;
}

/** Ends a posting on `endDate` (exclusive: the first day no longer posted). */
export async function endPosting(
  db: Db,
  actor: Viewer,
  id: string,
  input: { endDate: string },
  now: Date,
): Promise<TPosting> {
  const parsed = parseInput(ZEndPostingInput, input);
  const row = await findReadablePosting(db, actor, id, now);
  await requirePostingRight(db, actor, "posting.end", row.nation_code, row.id, now);
  if (row.end_date !== null) {
    throw new AppError("INVALID_STATE", `The posting of ${row.officer_name} already ended on ${row.end_date}`, {
      endDate: row.end_date,
    });
  }
  if (parsed.endDate <= row.start_date) throw fieldError("endDate", `must be after startDate ${row.start_date}`);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("posting")
      .set({ end_date: parsed.endDate })
      .where("id", "=", row.id)
      .where("end_date", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", `The posting of ${row.officer_name} changed meanwhile`, {});
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "posting.end",
        objectType: "posting",
        objectId: row.id,
        objectLabel: await getLabel(trx, row.label_id),
        outcome: "success",
        details: { nation: row.nation_code, endDate: parsed.endDate },
      },
      now,
    );
  });
  const [view] = await presentAll(db, [await findReadablePosting(db, actor, id, now)], today(now));
  if (!view) throw notFound("posting", id);
  return view;
}

/** The postings the viewer may read; with `asOf`, only those current on that date (and `current` as of it). */
export async function listPostings(db: Db, viewer: Viewer, query: TListPostingsQuery, now: Date): Promise<TPosting[]> {
  const f = parseInput(ZListPostingsQuery, query);
  const asOf = f.asOf;
  const rows = await readablePostings(db, viewer, today(now))
    .$if(f.nation !== undefined, (q) => q.where("posting.nation_code", "=", f.nation ?? ""))
    .$if(f.headquarters !== undefined, (q) => q.where("posting.headquarters", "=", f.headquarters ?? "SHAPE"))
    .$if(asOf !== undefined, (q) =>
      q
        .where("posting.start_date", "<=", asOf ?? "")
        .where((eb) => eb.or([eb("posting.end_date", "is", null), eb("posting.end_date", ">", asOf ?? "")])),
    )
    .orderBy("posting.headquarters")
    .orderBy("posting.nation_code")
    .orderBy("posting.start_date")
    .orderBy("posting.id")
    .limit(2000)
    .execute();
  return presentAll(db, rows, asOf ?? today(now));
}
