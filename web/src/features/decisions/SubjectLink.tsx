import { Link } from "../../router/router.tsx";
import { subjectHref, subjectTypeName } from "./labels.ts";
import type { DecisionSummary } from "./types.ts";

/** What a decision is about: its type, and its title linked to the record when Entente holds it. */
export function SubjectLink({ subject }: { subject: DecisionSummary["subject"] }) {
  const href = subjectHref(subject.type, subject.id);
  const title = subject.title || subject.text;
  return (
    <>
      <span className="table__sub decision-subject__type">{subjectTypeName(subject.type)}</span>
      {href ? <Link to={href}>{title}</Link> : <span>{title}</span>}
    </>
  );
}
