import { ApiError } from "../../api/client.ts";
import { formatDate } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import { FillBar } from "./FillBar.tsx";
import { ForceOfferForm, OfferActions, RequirementForm } from "./ForceGenerationForms.tsx";
import { offerStatusName, shortDate } from "./labels.ts";
import { useBoard } from "./queries.ts";
import type { ForceGenerationBoard, RequirementLine } from "./types.ts";

const STAFF = ["staff", "admin"] as const;

/** The force generation board: the statement of requirements, offers against each line, and the fill. */
export function ForceGenerationPage({ code }: { code: string }) {
  useDocumentTitle(t("operations.board.title"));
  return <RequireAuth title={t("operations.board.title")}>{() => <BoardLoader code={code} />}</RequireAuth>;
}

function BoardLoader({ code }: { code: string }) {
  const board = useBoard(code);
  if (board.isPending) return <Loading />;
  if (board.isError) {
    if (board.error instanceof ApiError && board.error.isNotFound) {
      return (
        <NotFound
          title={t("operations.notFound.title")}
          message={t("operations.notFound.message")}
          links={[{ to: "/operations", label: t("operations.list.title") }]}
        />
      );
    }
    return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  }
  return <Board board={board.data} />;
}

const lineHeadingId = (l: RequirementLine) => `line-${l.id}`;

function Board({ board }: { board: ForceGenerationBoard }) {
  const me = useMe();
  const isStaff = hasAnyRole(me.user, STAFF);
  const op = board.operation;
  const { totals } = board;
  return (
    <article className="ops-page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/operations">{t("operations.list.title")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/operations/${encodeURIComponent(op.code)}`}>{op.name}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("operations.board.title")}</span>
      </p>
      <PageHeader
        eyebrow={op.code}
        title={t("operations.board.heading", { name: op.name })}
        lead={t("operations.board.lead")}
      />
      <section className="card ops-totals" aria-labelledby="fg-totals">
        <h2 id="fg-totals">{t("operations.board.totals")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("operations.col.required")}</dt>
            <dd>{formatNumber(totals.quantity)}</dd>
          </div>
          <div>
            <dt>{t("operations.col.accepted")}</dt>
            <dd>{formatNumber(totals.accepted)}</dd>
          </div>
          <div>
            <dt>{t("operations.col.gap")}</dt>
            <dd>{formatNumber(totals.gap)}</dd>
          </div>
          <div>
            <dt>{t("operations.col.fill")}</dt>
            <dd>
              <FillBar rate={totals.fillRate} />
            </dd>
          </div>
          <div className="facts__wide">
            <dt>{t("operations.board.linesState")}</dt>
            <dd>
              {t("operations.board.linesFilled", { count: totals.linesFilled })}
              {" · "}
              {t("operations.board.linesWithGap", { count: totals.linesWithGap })}
            </dd>
          </div>
        </dl>
      </section>

      <section className="section" aria-labelledby="fg-lines">
        <div className="section__head">
          <h2 id="fg-lines">{t("operations.board.lines")}</h2>
        </div>
        {board.lines.length === 0 ? (
          <p className="state state--empty">{t("operations.board.noLines")}</p>
        ) : (
          <DataTable
            caption={t("operations.board.lines")}
            className="ops-board"
            columns={[
              t("operations.col.line"),
              t("operations.col.capability"),
              t("operations.col.quantity"),
              t("operations.col.period"),
              t("operations.col.location"),
              t("operations.col.accepted"),
              t("operations.col.pending"),
              t("operations.col.gap"),
              t("operations.col.fill"),
            ]}
          >
            {board.lines.map((l) => (
              <tr key={l.id}>
                <td className="ops-num">{l.lineNumber}</td>
                <th scope="row">
                  <a href={`#${lineHeadingId(l)}`}>{l.capability}</a>
                  {l.status === "closed" ? <span className="table__sub">{t("operations.board.closed")}</span> : null}
                </th>
                <td className="ops-num">
                  {formatNumber(l.quantity)} <span className="table__sub">{l.unit}</span>
                </td>
                <td>
                  <span className="nowrap">{shortDate(l.periodStart)}</span> –{" "}
                  <span className="nowrap">{shortDate(l.periodEnd)}</span>
                </td>
                <td>{l.location}</td>
                <td className="ops-num">{formatNumber(l.accepted)}</td>
                <td className="ops-num">{formatNumber(l.pending)}</td>
                <td className="ops-num">{formatNumber(l.gap)}</td>
                <td>
                  <FillBar rate={l.fillRate} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {board.lines.map((l) => (
        <LineOffers key={l.id} line={l} isStaff={isStaff} />
      ))}

      {isStaff ? <RequirementForm operation={op.code} /> : null}
    </article>
  );
}

function LineOffers({ line: l, isStaff }: { line: RequirementLine; isStaff: boolean }) {
  return (
    <section className="section ops-line" aria-labelledby={lineHeadingId(l)}>
      <div className="section__head">
        <h2 id={lineHeadingId(l)} tabIndex={-1}>
          {t("operations.board.lineHeading", { n: l.lineNumber, capability: l.capability })}
        </h2>
        <LabelBadge label={l.label} />
      </div>
      <p className="section-lead">
        {t("operations.board.lineSummary", {
          accepted: l.accepted,
          quantity: l.quantity,
          unit: l.unit,
          gap: l.gap,
          pending: l.pending,
        })}
      </p>
      {l.offers.length === 0 ? (
        <p className="muted">{t("operations.board.noOffers")}</p>
      ) : (
        <DataTable
          caption={t("operations.board.offersCaption", { n: l.lineNumber })}
          columns={[
            t("operations.col.nation"),
            t("operations.col.quantity"),
            t("operations.col.status"),
            t("operations.col.offeredAt"),
            t("operations.col.note"),
          ]}
          actions
        >
          {l.offers.map((o) => (
            <tr key={o.id}>
              <th scope="row">{o.nation.name}</th>
              <td className="ops-num">{formatNumber(o.quantity)}</td>
              <td>
                <span className={`badge ops-offer ops-offer--${o.status}`}>{offerStatusName(o.status)}</span>
              </td>
              <td>{formatDate(o.offeredAt)}</td>
              <td>{o.note || "—"}</td>
              <td>
                <OfferActions offer={o} line={l} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {l.canOffer && l.status === "open" && l.gap > 0 ? <ForceOfferForm line={l} askNation={isStaff} /> : null}
    </section>
  );
}
