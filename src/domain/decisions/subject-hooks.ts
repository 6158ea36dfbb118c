import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, DecisionProcedure, DecisionStatus } from "../../db/schema.js";
import type { Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";

/** What a subject module is told about the decision on it. */
export type DecisionInfo = Readonly<{
  id: string;
  reference: string;
  procedure: DecisionProcedure;
  /** "open" when the procedure starts; the final status when it ends. */
  status: DecisionStatus;
  decisionDate: string;
  /** When it ended (ISO instant), null while open. */
  closedAt: string | null;
  /**
   * The calendar date it took effect, null while open: for a silence procedure the date of its
   * end in the deadline's time zone (a deadline of 00:30 in Brussels is that Brussels day, not the
   * UTC day before); for a meeting, the decision date.
   */
  effectiveDate: string | null;
  /** Silence broken: the objecting Ally's code. */
  brokenByNation: string | null;
}>;

/**
 * How a decision moves the record it decides (a programme, an access request). The decisions
 * module calls these inside its own transaction, so the subject's change, its audit event and
 * its notices commit with the decision or not at all.
 */
export type DecisionSubjectHooks = Readonly<{
  /**
   * Checks the subject may be put to the Council now (NOT_FOUND / INVALID_STATE otherwise) and
   * marks it as before the Council; returns its label (the decision's default label) and a title.
   * Called AFTER the decision row is inserted with status 'open' (in the same transaction), so
   * the subject may store decision.id (a foreign key). A check for "another open procedure" must
   * therefore exclude decision.id; the unique index decision_open_subject_idx enforces it anyway.
   */
  open(
    trx: Transaction<Database>,
    subjectId: string,
    decision: DecisionInfo,
    actor: Viewer | null,
    now: Date,
  ): Promise<{ labelId: string; title: string }>;
  /**
   * Applies the outcome: adopted moves the subject on; silence broken or no consensus returns it
   * to its previous step; withdrawn releases it. Writes the subject's audit event; returns the
   * notices to queue (the caller queues them in the same transaction).
   */
  close(
    trx: Transaction<Database>,
    subjectId: string,
    decision: DecisionInfo,
    actor: Viewer | null,
    now: Date,
  ): Promise<NewNotification[]>;
  /** The subject's title for the register, or null if it no longer exists. */
  title(db: Db | Transaction<Database>, subjectId: string): Promise<string | null>;
}>;
