import { useEffect, useRef } from "react";
import { AccessPage } from "./features/access/AccessPage.tsx";
import { AccessRequestsPage } from "./features/access-requests/AccessRequestsPage.tsx";
import { ActivitiesPage } from "./features/activities/ActivitiesPage.tsx";
import { ActivityPage } from "./features/activities/ActivityPage.tsx";
import { NewActivityPage } from "./features/activities/NewActivityPage.tsx";
import { AdminPage } from "./features/admin/AdminPage.tsx";
import { AuditPage } from "./features/audit/AuditPage.tsx";
import { AccountMenu } from "./features/auth/AccountMenu.tsx";
import { LoginPage } from "./features/auth/LoginPage.tsx";
import { hasAnyRole, useMe } from "./features/auth/session.ts";
import { DecisionPage } from "./features/decisions/DecisionPage.tsx";
import { DecisionsPage } from "./features/decisions/DecisionsPage.tsx";
import { NewDecisionPage } from "./features/decisions/NewDecisionPage.tsx";
import { OpenProceduresPage } from "./features/decisions/OpenProceduresPage.tsx";
import { DocumentPage } from "./features/documents/DocumentPage.tsx";
import { DocumentsPage } from "./features/documents/DocumentsPage.tsx";
import { UploadPage } from "./features/documents/UploadPage.tsx";
import { AttendancePage } from "./features/feedback/AttendancePage.tsx";
import { FeedbackFormPage } from "./features/feedback/FeedbackFormPage.tsx";
import { FeedbackReportPage } from "./features/feedback/FeedbackReportPage.tsx";
import { FrameworkPage } from "./features/frameworks/FrameworkPage.tsx";
import { FrameworksPage } from "./features/frameworks/FrameworksPage.tsx";
import { InboxPage } from "./features/inbox/InboxPage.tsx";
import { useInbox } from "./features/inbox/queries.ts";
import { HomePage } from "./features/map/HomePage.tsx";
import { ActionItemsPage } from "./features/meetings/ActionItemsPage.tsx";
import { MeetingPage } from "./features/meetings/MeetingPage.tsx";
import { MeetingPlannerPage } from "./features/meetings/MeetingPlannerPage.tsx";
import { MeetingsPage } from "./features/meetings/MeetingsPage.tsx";
import { MilestonesPage } from "./features/milestones/MilestonesPage.tsx";
import { MyNominationsPage } from "./features/nominations/MyNominationsPage.tsx";
import { ForceGenerationPage } from "./features/operations/ForceGenerationPage.tsx";
import { OperationPage } from "./features/operations/OperationPage.tsx";
import { OperationsPage } from "./features/operations/OperationsPage.tsx";
import { PostingsPage } from "./features/operations/PostingsPage.tsx";
import { RecognitionPage } from "./features/operations/RecognitionPage.tsx";
import { PartnerPage } from "./features/partners/PartnerPage.tsx";
import { ProfilePage } from "./features/profile/ProfilePage.tsx";
import { NewProgrammePage } from "./features/programmes/NewProgrammePage.tsx";
import { ProgrammePage } from "./features/programmes/ProgrammePage.tsx";
import { ProgrammesPage } from "./features/programmes/ProgrammesPage.tsx";
import { BriefingPage } from "./features/reports/BriefingPage.tsx";
import { ImportPage } from "./features/transfer/ImportPage.tsx";
import { t, useLocale } from "./i18n/index.ts";
import { Link, NavLink, type Route, resolveRoute, useLocation } from "./router/router.tsx";
import { useDocumentTitle } from "./ui/Page.tsx";
import { NotFound } from "./ui/States.tsx";

const routes: readonly Route[] = [
  { pattern: "/", render: () => <HomePage /> },
  { pattern: "/partners/:code", render: (p) => <PartnerPage key={p.code} code={p.code ?? ""} /> },
  { pattern: "/partners/:code/briefing", render: (p) => <BriefingPage key={p.code} code={p.code ?? ""} /> },
  { pattern: "/frameworks", render: () => <FrameworksPage /> },
  { pattern: "/frameworks/:code", render: (p) => <FrameworkPage key={p.code} code={p.code ?? ""} /> },
  { pattern: "/milestones", render: () => <MilestonesPage /> },
  { pattern: "/access", render: () => <AccessPage /> },
  { pattern: "/login", render: () => <LoginPage /> },
  { pattern: "/profile", render: () => <ProfilePage /> },
  { pattern: "/inbox", render: () => <InboxPage /> },
  { pattern: "/documents", render: () => <DocumentsPage /> },
  { pattern: "/documents/new", render: () => <UploadPage /> },
  { pattern: "/documents/:id", render: (p) => <DocumentPage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/admin", render: () => <AdminPage /> },
  { pattern: "/activities", render: () => <ActivitiesPage /> },
  { pattern: "/activities/import", render: () => <ImportPage /> },
  { pattern: "/activities/new", render: () => <NewActivityPage /> },
  { pattern: "/activities/:id", render: (p) => <ActivityPage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/nominations", render: () => <MyNominationsPage /> },
  {
    pattern: "/iterations/:id/feedback/:nominationId",
    render: (p) => (
      <FeedbackFormPage key={p.nominationId} iterationId={p.id ?? ""} nominationId={p.nominationId ?? ""} />
    ),
  },
  { pattern: "/iterations/:id/report", render: (p) => <FeedbackReportPage key={p.id} iterationId={p.id ?? ""} /> },
  { pattern: "/iterations/:id/attendance", render: (p) => <AttendancePage key={p.id} iterationId={p.id ?? ""} /> },
  { pattern: "/audit", render: () => <AuditPage /> },
  { pattern: "/programmes", render: () => <ProgrammesPage /> },
  { pattern: "/programmes/new", render: () => <NewProgrammePage /> },
  { pattern: "/programmes/:id", render: (p) => <ProgrammePage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/decisions", render: () => <DecisionsPage /> },
  { pattern: "/decisions/open", render: () => <OpenProceduresPage /> },
  { pattern: "/decisions/new", render: () => <NewDecisionPage /> },
  { pattern: "/decisions/:id", render: (p) => <DecisionPage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/access-requests", render: () => <AccessRequestsPage /> },
  { pattern: "/operations", render: () => <OperationsPage /> },
  { pattern: "/operations/:code", render: (p) => <OperationPage key={p.code} code={p.code ?? ""} /> },
  {
    pattern: "/operations/:code/force-generation",
    render: (p) => <ForceGenerationPage key={p.code} code={p.code ?? ""} />,
  },
  { pattern: "/recognitions/:id", render: (p) => <RecognitionPage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/postings", render: () => <PostingsPage /> },
  { pattern: "/meetings", render: () => <MeetingsPage /> },
  { pattern: "/meetings/new", render: () => <MeetingPlannerPage /> },
  { pattern: "/meetings/:id", render: (p) => <MeetingPage key={p.id} id={p.id ?? ""} /> },
  { pattern: "/action-items", render: () => <ActionItemsPage /> },
];

/**
 * Who gets "Nominations": partners, staff and the roles of owner organisations (commands, "hq").
 * An owner organisation's other users can still open /nominations.
 */
const NOMINATION_ROLES = ["partner", "staff", "admin", "hq"] as const;

/** The main navigation; Audit, Admin and Profile appear for the users they serve. */
/** "Inbox" with the number of unread notifications, for logged-in users. */
function InboxLink() {
  const inbox = useInbox(true);
  const unread = inbox.data?.unreadCount ?? 0;
  return (
    <NavLink to="/inbox">
      {t("nav.inbox")}
      {unread > 0 ? (
        <>
          {" "}
          <span className="nav-count" aria-hidden="true">
            {unread}
          </span>
          <span className="visually-hidden">{t("nav.inboxUnread", { count: unread })}</span>
        </>
      ) : null}
    </NavLink>
  );
}

function MainNav() {
  const { user } = useMe();
  return (
    <nav aria-label={t("nav.label")} className="site-nav">
      <ul>
        <li>
          <NavLink to="/" exact>
            {t("nav.map")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/frameworks">{t("nav.frameworks")}</NavLink>
        </li>
        <li>
          <NavLink to="/milestones">{t("nav.milestones")}</NavLink>
        </li>
        <li>
          <NavLink to="/access">{t("nav.access")}</NavLink>
        </li>
        <li>
          <NavLink to="/documents">{t("nav.documents")}</NavLink>
        </li>
        <li>
          <NavLink to="/activities">{t("nav.menu")}</NavLink>
        </li>
        {hasAnyRole(user, NOMINATION_ROLES) ? (
          <li>
            <NavLink to="/nominations">{t("nav.nominations")}</NavLink>
          </li>
        ) : null}
        {user ? (
          <li>
            <NavLink to="/programmes">{t("nav.programmes")}</NavLink>
          </li>
        ) : null}
        {user ? (
          <li>
            <NavLink to="/decisions">{t("nav.decisions")}</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/operations">{t("nav.operations")}</NavLink>
        </li>
        {user ? (
          <li>
            <NavLink to="/meetings">{t("nav.meetings")}</NavLink>
          </li>
        ) : null}
        {hasAnyRole(user, ["auditor", "admin"]) ? (
          <li>
            <NavLink to="/audit">{t("nav.audit")}</NavLink>
          </li>
        ) : null}
        {hasAnyRole(user, ["admin"]) ? (
          <li>
            <NavLink to="/admin">{t("nav.admin")}</NavLink>
          </li>
        ) : null}
        {user ? (
          <li>
            <InboxLink />
          </li>
        ) : null}
        {user ? (
          <li>
            <NavLink to="/profile">{t("nav.profile")}</NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function PageNotFound() {
  useDocumentTitle(t("notFound.title"));
  return <NotFound />;
}

/** After in-app navigation, focus moves to the new page's heading (or <main>) for screen readers. */
function useFocusOnNavigate(pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose after every change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const target = document.getElementById("page-title") ?? document.getElementById("main");
      target?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);
}

export function App() {
  const lang = useLocale();
  const { pathname } = useLocation();
  useFocusOnNavigate(pathname);
  const match = resolveRoute(routes, pathname);

  return (
    <div className="app" key={lang}>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" strokeWidth="2" />
              <path d="M16 3 L19 16 L16 29 L13 16 Z M3 16 L16 13 L29 16 L16 19 Z" fill="currentColor" />
            </svg>
            <span className="brand__text">
              <span className="brand__name">{t("app.name")}</span>
              <span className="brand__tag">{t("app.tagline")}</span>
            </span>
          </Link>
          <AccountMenu />
        </div>
        <div className="site-header__nav">
          <MainNav />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {match ? match.route.render(match.params) : <PageNotFound />}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t("footer.about")}</p>
          <p>
            <a href="/api/docs">{t("footer.apiDocs")}</a>
          </p>
        </div>
      </footer>
    </div>
  );
}
