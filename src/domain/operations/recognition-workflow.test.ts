import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAudit, insertDelegate, insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { expectError, fieldsOf, instant, putToCouncil } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import { breakSilence } from "../decisions/silence.js";
import { withdrawDecision } from "../decisions/withdraw.js";
import type { Viewer } from "../labels/viewer.js";
import { listNotifications } from "../notifications/notifications.js";
import { actOnRecognition, getRecognition, listRecognitions, offerRecognition } from "./recognitions.js";

// The recognition workflow: offer → advise → the Council → recognised; withdraw, end; who may
// do what, and who sees the case.

let t: TestDb;
let staff: Viewer;
let korea: Viewer;
let japan: Viewer;
let norway: Viewer;

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  korea = await insertPartnerUser(t.db, "KOR");
  japan = await insertPartnerUser(t.db, "JPN");
  norway = await insertDelegate(t.db, "NOR");
}, 120_000);
afterAll(async () => t.destroy());

const statusOf = async (id: string) =>
  (await t.db.selectFrom("contributor_recognition").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("the recognition workflow", () => {
  it("refuses illegal moves (INVALID_STATE, nothing changes); silence broken returns the case to advised", async () => {
    const offered = await offerRecognition(
      t.db,
      korea,
      { operation: "KFOR", offer: "A medical team", offeredOn: "2008-01-10" },
      instant("2008-01-10"),
    );
    expect(offered).toMatchObject({
      status: "offered",
      nation: { code: "KOR", name: "Republic of Korea" },
      operation: { code: "KFOR", name: "Kosovo Force" },
      offeredOn: "2008-01-10",
      actions: ["withdraw"],
      canPutToCouncil: false,
    });
    expect(offered.label.marking).toBe("NATO RESTRICTED // RELEASABLE TO NATO, KOR");
    expect((await getRecognition(t.db, staff, offered.id, instant("2008-01-10"))).actions).toEqual([
      "advise",
      "withdraw",
    ]);

    const end = await expectError(actOnRecognition(t.db, staff, offered.id, { action: "end" }, instant("2008-01-11")));
    expect(end.code).toBe("INVALID_STATE");
    expect(end.message).toBe(
      "Cannot end Republic of Korea's case for KFOR: it is offered, and 'end' applies only to a case that is recognised",
    );
    expect(await statusOf(offered.id)).toBe("offered");
    expect(await countAudit(t.db, { action: "recognition.end", objectId: offered.id })).toBe(0);

    // Advice is the staff's: Korea's own user is refused (audited), an empty note is VALIDATION.
    const byPartner = await expectError(
      actOnRecognition(t.db, korea, offered.id, { action: "advise", note: "fine" }, instant("2008-01-11")),
    );
    expect(byPartner.code).toBe("FORBIDDEN");
    expect(await countAudit(t.db, { action: "recognition.advise", objectId: offered.id })).toBe(1);
    const empty = await expectError(
      actOnRecognition(t.db, staff, offered.id, { action: "advise" }, instant("2008-01-11")),
    );
    expect(fieldsOf(empty)).toEqual(["note"]);

    // The Council only hears an advised case: the decision is refused and not recorded.
    const early = await expectError(putToCouncil(t.db, staff, offered.id, "2008-01-25"));
    expect(early.code).toBe("INVALID_STATE");
    expect(early.message).toBe(
      "Cannot put Republic of Korea's case for KFOR to the Council: it is offered, and only an advised case can be",
    );
    const decisions = await t.db.selectFrom("decision").select("id").where("subject_id", "=", offered.id).execute();
    expect(decisions).toEqual([]);
    expect(await statusOf(offered.id)).toBe("offered");

    const advised = await actOnRecognition(
      t.db,
      staff,
      offered.id,
      { action: "advise", note: "Militarily useful" },
      instant("2008-01-11"),
    );
    expect(advised).toMatchObject({ status: "advised", advice: "Militarily useful", canPutToCouncil: true });
    expect(await countAudit(t.db, { action: "recognition.advise", objectId: offered.id })).toBe(2);
    const again = await expectError(
      actOnRecognition(t.db, staff, offered.id, { action: "advise", note: "again" }, instant("2008-01-12")),
    );
    expect(again.code).toBe("INVALID_STATE");
    expect(await statusOf(offered.id)).toBe("advised");

    const decision = await putToCouncil(t.db, staff, offered.id, "2008-02-15");
    expect(await statusOf(offered.id)).toBe("in-decision");
    expect(await countAudit(t.db, { action: "recognition.in-decision", objectId: offered.id })).toBe(1);
    // Before the Council: neither withdrawn by the nation nor put twice.
    const withdraw = await expectError(
      actOnRecognition(t.db, korea, offered.id, { action: "withdraw" }, instant("2008-02-14")),
    );
    expect(withdraw.code).toBe("INVALID_STATE");
    await breakSilence(
      t.db,
      norway,
      decision.id,
      { reason: "Norway needs more time" },
      instant("2008-02-15", "10:00:00"),
    );
    const back = await getRecognition(t.db, korea, offered.id, instant("2008-02-16"));
    expect(back).toMatchObject({
      status: "advised",
      recognisedFrom: null,
      decision: { id: decision.id, status: "silence-broken" },
    });
    expect(await countAudit(t.db, { action: "recognition.returned", objectId: offered.id })).toBe(1);
    const inbox = await listNotifications(t.db, korea, {}, instant("2008-02-16"));
    expect(inbox.notifications.map((n) => [n.kind, n.title])).toContainEqual([
      "recognition-decided",
      "Recognition of Republic of Korea as a contributor to Kosovo Force (KFOR): not decided",
    ]);

    // Withdrawing the decision also returns it; then the nation withdraws its offer.
    const second = await putToCouncil(t.db, staff, offered.id, "2008-03-14");
    await withdrawDecision(t.db, staff, second.id, instant("2008-03-13", "12:00:00"));
    expect(await statusOf(offered.id)).toBe("advised");
    const withdrawn = await actOnRecognition(
      t.db,
      korea,
      offered.id,
      { action: "withdraw", note: "Troops needed elsewhere" },
      instant("2008-03-20"),
    );
    expect(withdrawn).toMatchObject({ status: "withdrawn", actions: [] });
  });

  it("recognises on adoption, then ends on the date given (after the recognition date only)", async () => {
    const offered = await offerRecognition(
      t.db,
      staff,
      { operation: "KFOR", nation: "KOR", offer: "An engineering company", offeredOn: "2009-01-05" },
      instant("2009-01-05"),
    );
    await actOnRecognition(t.db, staff, offered.id, { action: "advise", note: "Yes" }, instant("2009-01-06"));
    const decision = await putToCouncil(t.db, staff, offered.id, "2009-02-02");
    await runDueDecisions(t.db, instant("2009-02-03"));
    const recognised = await getRecognition(t.db, staff, offered.id, instant("2009-02-03"));
    expect(recognised).toMatchObject({
      status: "recognised",
      recognisedFrom: "2009-02-02",
      decision: { id: decision.id, status: "adopted" },
      actions: ["end"],
    });
    const duplicate = await expectError(
      offerRecognition(t.db, korea, { operation: "KFOR", offer: "More" }, instant("2009-03-01")),
    );
    expect(duplicate.code).toBe("INVALID_STATE");
    const early = await expectError(
      actOnRecognition(t.db, staff, offered.id, { action: "end", date: "2009-02-02" }, instant("2009-03-01")),
    );
    expect(fieldsOf(early)).toEqual(["date"]);
    const ended = await actOnRecognition(
      t.db,
      staff,
      offered.id,
      { action: "end", date: "2010-07-01", note: "Contingent withdrawn" },
      instant("2010-07-02"),
    );
    expect(ended).toMatchObject({ status: "ended", recognisedFrom: "2009-02-02", recognisedTo: "2010-07-01" });
  });

  it("dates the recognition by the Brussels day the silence ended, not the UTC day", async () => {
    const offered = await offerRecognition(
      t.db,
      korea,
      { operation: "OOS", offer: "A destroyer for three months", offeredOn: "2010-02-01" },
      instant("2010-02-01"),
    );
    await actOnRecognition(
      t.db,
      staff,
      offered.id,
      { action: "advise", note: "Advise acceptance" },
      instant("2010-02-02"),
    );
    // 00:30 in Brussels on 2 March is 23:30 UTC on 1 March.
    await putToCouncil(t.db, staff, offered.id, "2010-03-02", "00:30");
    await runDueDecisions(t.db, new Date("2010-03-01T23:31:00Z"));
    const recognised = await getRecognition(t.db, staff, offered.id, instant("2010-03-02"));
    expect([recognised.status, recognised.recognisedFrom]).toEqual(["recognised", "2010-03-02"]);
  });

  it("refuses an offer for another nation (FORBIDDEN, audited), an Ally (VALIDATION on nation), an unknown or ended operation", async () => {
    const before = await countAudit(t.db, { action: "recognition.offer" });
    const other = await expectError(
      offerRecognition(t.db, korea, { operation: "ISAF", nation: "MNG", offer: "For Mongolia" }, instant("2010-01-01")),
    );
    expect(other.code).toBe("FORBIDDEN");
    const denied = await t.db
      .selectFrom("audit_event")
      .select(["outcome", "actor_user_id"])
      .where("action", "=", "recognition.offer")
      .execute();
    expect(denied.filter((e) => e.outcome === "denied")).toEqual([{ outcome: "denied", actor_user_id: korea.userId }]);
    expect(await countAudit(t.db, { action: "recognition.offer" })).toBe(before + 1);

    const ally = await expectError(
      offerRecognition(t.db, staff, { operation: "ISAF", nation: "NOR", offer: "Norway" }, instant("2010-01-01")),
    );
    expect(ally.code).toBe("VALIDATION");
    expect(fieldsOf(ally)).toEqual(["nation"]);
    // Sweden became an Ally on 7 March 2024: before that it could be recognised, after not.
    const sweden = await expectError(
      offerRecognition(
        t.db,
        staff,
        { operation: "KFOR", nation: "SWE", offer: "Sweden", offeredOn: "2024-03-07" },
        instant("2024-03-08"),
      ),
    );
    expect(fieldsOf(sweden)).toEqual(["nation"]);

    const unknown = await expectError(
      offerRecognition(t.db, korea, { operation: "NOPE", offer: "?" }, instant("2010-01-01")),
    );
    expect(unknown.code).toBe("NOT_FOUND");
    const ended = await expectError(
      offerRecognition(
        t.db,
        korea,
        { operation: "IFOR", offer: "Late", offeredOn: "1997-01-01" },
        instant("1997-01-01"),
      ),
    );
    expect(ended.code).toBe("INVALID_STATE");
  });

  it("another partner sees neither the case nor its notices: NOT_FOUND like a missing id", async () => {
    const offered = await offerRecognition(
      t.db,
      korea,
      { operation: "ISAF", offer: "A PRT in Parwan", offeredOn: "2010-02-01" },
      instant("2010-02-01"),
    );
    const hidden = await expectError(getRecognition(t.db, japan, offered.id, instant("2010-02-02")));
    const missing = await expectError(getRecognition(t.db, japan, "no-such-case", instant("2010-02-02")));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(missing.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`Unknown recognition '${offered.id}'`);
    expect(missing.message).toBe("Unknown recognition 'no-such-case'");
    const act = await expectError(
      actOnRecognition(t.db, japan, offered.id, { action: "withdraw" }, instant("2010-02-02")),
    );
    expect(act.code).toBe("NOT_FOUND");
    expect(await listRecognitions(t.db, japan, {}, instant("2010-02-02"))).toEqual([]);
    expect(
      (await listRecognitions(t.db, korea, { operation: "ISAF" }, instant("2010-02-02"))).map((r) => r.id),
    ).toEqual([offered.id]);
    // An Ally's delegation sees the case (its label is releasable to NATO).
    expect((await getRecognition(t.db, norway, offered.id, instant("2010-02-02"))).actions).toEqual([]);
    await actOnRecognition(t.db, staff, offered.id, { action: "advise", note: "Yes" }, instant("2010-02-02"));
    await putToCouncil(t.db, staff, offered.id, "2010-03-01");
    await runDueDecisions(t.db, instant("2010-03-02"));
    expect(await statusOf(offered.id)).toBe("recognised");
    const japanese = await t.db
      .selectFrom("notification")
      .select("id")
      .where("recipient_user_id", "=", japan.userId ?? "")
      .execute();
    expect(japanese).toEqual([]);
    const korean = await listNotifications(t.db, korea, {}, instant("2010-03-02"));
    expect(korean.notifications.filter((n) => n.subjectId === offered.id).map((n) => n.kind)).toEqual([
      "recognition-decided",
    ]);
  });
});
