import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";

// The one definition of "member as of a date", as SQL fragments that every query composes:
// listing members, expanding group tokens, and later the label predicate. Periods are half-open.

type MembershipEb = ExpressionBuilder<Database, "membership">;

/** The membership's period covers `asOf` (valid_from inclusive, valid_to exclusive). */
export function membershipActiveAt(asOf: string) {
  return (eb: MembershipEb) =>
    eb.and([
      eb("membership.valid_from", "<=", asOf),
      eb.or([eb("membership.valid_to", "is", null), eb("membership.valid_to", ">", asOf)]),
    ]);
}

/** A suspension of the membership covers `asOf`. */
export function membershipSuspendedAt(asOf: string) {
  return (eb: MembershipEb) =>
    eb.exists(
      eb
        .selectFrom("suspension")
        .select("suspension.id")
        .whereRef("suspension.membership_id", "=", "membership.id")
        .where("suspension.valid_from", "<=", asOf)
        .where((s) => s.or([s("suspension.valid_to", "is", null), s("suspension.valid_to", ">", asOf)])),
    );
}

/** Active and not suspended: the membership confers rights on `asOf`. */
export function membershipInForceAt(asOf: string) {
  return (eb: MembershipEb) => eb.and([membershipActiveAt(asOf)(eb), eb.not(membershipSuspendedAt(asOf)(eb))]);
}
