import type { CatalogueMeta, Message } from "./catalogue.ts";

// The English catalogue: the reference set of keys. Plural messages have `one` and `other`
// forms chosen by the `count` parameter; {name} placeholders are filled from the parameters.

const messages = {
  "app.name": "Entente",
  "app.tagline": "Partnership cooperation",
  "app.documentTitle": "{page} – Entente",
  "app.skipToContent": "Skip to main content",

  "nav.label": "Main",
  "nav.map": "Map",
  "nav.frameworks": "Frameworks",
  "nav.milestones": "Milestones",
  "nav.access": "Access check",

  "footer.about":
    "Entente shows the Alliance's partnership frameworks, partners and policy over time. Every fact cites its source; uncertain and disputed facts are marked.",
  "footer.apiDocs": "API documentation",

  "state.loading": "Loading…",
  "state.errorTitle": "Something went wrong",
  "state.networkError": "The server could not be reached. Check your connection and try again.",
  "state.retry": "Try again",
  "state.httpError": "The server answered with an error (HTTP {status}). Try again in a moment.",
  "state.unexpected": "An unexpected error occurred. Try again, or reload the page.",

  "notFound.title": "Page not found",
  "notFound.message": "There is no page at this address. It may have moved, or the link may be mistyped.",
  "notFound.toMap": "Go to the partnership map",

  "period.ongoing": "Ongoing",

  "status.current": "Current",
  "status.active": "Active",
  "status.ended": "Ended",
  "status.suspended": "Suspended",

  "role.ally": "Ally",
  "role.partner": "Partner",

  "certainty.uncertain": "Uncertain",
  "certainty.disputed": "Disputed",

  "cite.label": "Source:",
  "cite.paragraph": "¶{n}",
  "cite.weak": "Weak source",
  "cite.opensNewTab": "(opens in a new tab)",

  "extent.exploratory": "Exploratory",
  "extent.regular": "Regular",
  "extent.intensive": "Intensive",

  "map.title": "Partnership map",
  "map.lead":
    "The Alliance's partnership frameworks as they stood on a chosen date. Move the slider to travel from the launch of the Partnership for Peace in 1994 to today.",
  "map.sliderLabel": "Show frameworks as of",
  "map.sliderHelp": "Arrow keys move one month, Page Up and Page Down one year, Home and End to 1994 and today.",
  "map.exactDate": "Exact date",
  "map.today": "Today",
  "map.loadingMap": "Loading the map…",
  "map.mapError": "The map could not be drawn",
  "map.updating": "Updating…",
  "map.svgTitle": "World map of partnership frameworks on {date}",
  "map.svgDesc":
    "Each country is coloured by its highest-priority framework. The list of nations by framework below gives the same information as links.",
  "map.tooltipNone": "No partnership framework",
  "map.tooltipSuspended": "{name} (suspended)",
  "map.smallStatesNote":
    "Some small states, such as Malta, Bahrain and Singapore, are too small to appear on this map; the lists below include them.",
  "map.announce": {
    one: "Showing {date}: {count} nation in a framework.",
    other: "Showing {date}: {count} nations in a framework.",
  },

  "legend.title": "Frameworks on this date",
  "legend.allies": { one: "{count} Ally", other: "{count} Allies" },
  "legend.partners": { one: "{count} partner", other: "{count} partners" },
  "legend.nations": { one: "{count} nation", other: "{count} nations" },
  "legend.suspended": "Partnership suspended",
  "legend.none": "No framework",
  "legend.priority":
    "A nation in several frameworks takes the colour of the first in this list. The Partnership for Peace and the Euro-Atlantic Partnership Council share a colour.",

  "groups.title": "Nations by framework on {date}",
  "groups.lead": "Each name opens the nation's partner profile.",
  "groups.count": { one: "{count} nation", other: "{count} nations" },
  "groups.empty": "No members on this date.",
  "groups.alliesToo": "The Allies are members too; they are listed under NATO.",

  "partner.eyebrow": "Partner profile",
  "partner.eyebrowOrganisation": "International organisation",
  "partner.loading": "Loading the partner profile…",
  "partner.currentFrameworks": "Current frameworks:",
  "partner.noCurrent": "Not a member of any framework today.",
  "partner.membershipsTitle": "Frameworks over time",
  "partner.membershipsCaption": "Memberships with their periods, status and sources",
  "partner.noMemberships": "No framework memberships are recorded.",
  "partner.col.framework": "Framework",
  "partner.nowCalled": "Now: {name}",
  "partner.col.from": "From",
  "partner.col.to": "To",
  "partner.col.status": "Status",
  "partner.col.source": "Source",
  "partner.suspendedSince": "Suspended since {date}",
  "partner.suspendedBetween": "Suspended {from} – {to}",
  "partner.timelineTitle": "Timeline",
  "partner.areasTitle": "Areas of cooperation",
  "partner.areasLead": "Chosen by the partner, with the extent of cooperation.",
  "partner.noAreas": "No areas of cooperation are recorded.",
  "partner.since": "Since",
  "partner.codes": "ISO 3166 code {code}",
  "partner.orgCode": "Code {code}",
  "partner.numeric": "numeric {code}",
  "partner.asOf": "Current status as of",
  "partner.notFoundTitle": "Partner not found",
  "partner.notFoundMessage":
    "No nation or organisation has the code “{code}”. Pick one on the map or from the framework lists.",

  "timeline.empty": "No entries yet.",
  "timeline.kind.membershipStart": "Joined",
  "timeline.kind.membershipEnd": "Left",
  "timeline.kind.suspensionStart": "Suspended",
  "timeline.kind.suspensionEnd": "Resumed",
  "timeline.kind.milestone": "Policy milestone",
  "timeline.kind.event": "Event",
  "timeline.title.accession": "Accession to the Alliance",
  "timeline.title.membershipStart": "Joined {framework}",
  "timeline.title.membershipEnd": "Left {framework}",
  "timeline.title.suspensionStart": "{framework} membership suspended",
  "timeline.title.suspensionEnd": "{framework} suspension lifted",

  "frameworks.title": "Frameworks",
  "frameworks.lead":
    "The frameworks through which the Alliance works with other nations, named and counted as of a date.",
  "frameworks.asOfLabel": "As of",
  "frameworks.showingAsOf": "Names and member counts as of {date}.",
  "frameworks.nowCalled": "Now called {name}",
  "frameworks.members": { one: "member", other: "members" },

  "framework.eyebrow": "Framework",
  "framework.kind.alliance": "Alliance",
  "framework.kind.partnership": "Partnership",
  "framework.kind.dialogue": "Dialogue",
  "framework.summary": {
    one: "On {date}: {count} member ({allies} Allies, {partners} partners).",
    other: "On {date}: {count} members ({allies} Allies, {partners} partners).",
  },
  "framework.membersTitle": "Members",
  "framework.filterLabel": "Filter by name",
  "framework.filtered": { one: "{count} member shown.", other: "{count} members shown." },
  "framework.noMembers": "This framework had no members on this date.",
  "framework.noMatch": "No member matches this filter.",
  "framework.tableCaption": "Members of {name} on {date}",
  "framework.col.nation": "Nation",
  "framework.col.role": "Role",
  "framework.col.since": "Member since",
  "framework.col.status": "Status",
  "framework.notFoundTitle": "Framework not found",
  "framework.notFoundMessage": "There is no framework with the code “{code}”.",

  "milestones.title": "Milestones",
  "milestones.lead":
    "The history of the Alliance's partnership policy: summits, launches, enlargements and decisions, each with its source.",
  "milestones.filterLegend": "Show milestones for",
  "milestones.all": "All frameworks",
  "milestones.empty": "No milestones for this framework.",
  "milestones.count": { one: "{count} milestone.", other: "{count} milestones." },
  "milestones.nations": "Nations:",

  "outcome.open": "Open",
  "outcome.councilApproval": "Needs Council approval",
  "outcome.notOpen": "Not open",

  "access.title": "Access check",
  "access.lead":
    "May a partner take part in an activity offered to a given audience on a given date? The policy engine answers and gives the rule it applied, with its source.",
  "access.formTitle": "Ask the policy engine",
  "access.partnerLabel": "Partner",
  "access.partnerPlaceholder": "Choose a nation or organisation",
  "access.states": "States",
  "access.organisations": "International organisations",
  "access.nationsError": "The list of nations could not be loaded.",
  "access.audienceLabel": "Activity audience",
  "access.audienceHint": "Framework or nation codes separated by commas, for example PFP, MD, ICI.",
  "access.dateLabel": "Date of the activity",
  "access.dateHint": "For example 1 June 2010.",
  "access.submit": "Check access",
  "access.errorSummary": "There is a problem",
  "access.errorPrefix": "Error:",
  "access.fixErrors": "Correct the highlighted fields and check again.",
  "access.intro": "Choose a partner, an audience and a date, then select “Check access”.",
  "access.checking": "Checking…",
  "access.resultTitle": "Decision",
  "access.outcomeLabel": "Decision",
  "access.why": "Why",
  "access.membership": "{partner}: member of {framework} since {since}.",
  "access.membershipSuspended":
    "{partner}: member of {framework} since {since}, but the partnership was suspended on this date.",
  "access.noMemberships": "{partner} was in no partnership framework on this date.",
  "access.engineSays": "Policy engine:",
  "access.ruleApplied": "Rule applied",
  "access.rulePeriod": "In force {from} – {to}",
  "access.seeMilestones": "See the policy milestones",
  "access.noRule": "No rule applied.",
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof messages;

export const en: { readonly meta: CatalogueMeta; readonly messages: Record<MessageKey, Message> } = {
  meta: { lang: "en", intlLocale: "en-GB", name: "English" },
  messages,
};
