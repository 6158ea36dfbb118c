import type { Message } from "../../i18n/catalogue.ts";

// English strings of this feature; spread into the one English catalogue (i18n/en.ts).
export const accessRequestMessages = {
  "accessRequests.title": "Access requests",
  "accessRequests.lead":
    "Requests for case-by-case access to an activity, which the North Atlantic Council grants or refuses.",
  "accessRequests.leadPartner":
    "Where an activity is open to {nation} only by a Council decision, ask for it here and follow the decision.",
  "accessRequests.listMine": "Your requests",
  "accessRequests.listAll": "All requests",
  "accessRequests.statusFilter": "Status",
  "accessRequests.anyStatus": "Any status",
  "accessRequests.count": { one: "{count} request.", other: "{count} requests." },
  "accessRequests.empty": "No access requests.",
  "accessRequests.caption": "Access requests",
  "accessRequests.col.activity": "Activity",
  "accessRequests.col.nation": "Nation",
  "accessRequests.col.status": "Status",
  "accessRequests.col.decision": "Council decision",
  "accessRequests.status.requested": "Requested",
  "accessRequests.status.inDecision": "Before the Council",
  "accessRequests.status.granted": "Granted",
  "accessRequests.status.refused": "Refused",
  "accessRequests.status.withdrawn": "Withdrawn",
  "accessRequests.requestedOn": "Requested {date}",
  "accessRequests.decidedOn": "Decided {date}",
  "accessRequests.silenceUntil": "Silence until {time}",
  "accessRequests.noDecision": "Not yet before the Council",
  "accessRequests.putToCouncil": "Put to the Council",
  "accessRequests.withdraw": "Withdraw",
  "accessRequests.withdrawTitle": "Withdraw the request for {reference}?",
  "accessRequests.withdrawBody": "The request ends; you can file a new one later.",
  "accessRequests.withdrawConfirm": "Withdraw the request",

  "accessRequests.form.title": "Request Council approval",
  "accessRequests.form.lead":
    "The policy engine answers that this activity needs a Council decision for your nation. Say why you wish to take part.",
  "accessRequests.form.leadStaff":
    "File a request on a nation's behalf where the policy engine answers that an activity needs a Council decision for it.",
  "accessRequests.form.activity": "Activity",
  "accessRequests.form.activityHint": "The activity's id; the activity's page fills it in for you.",
  "accessRequests.form.activityFound": "Activity:",
  "accessRequests.form.noActivity": "No activity with this id that you may see.",
  "accessRequests.form.nation": "Nation",
  "accessRequests.form.chooseNation": "Choose a nation…",
  "accessRequests.form.reason": "Reason",
  "accessRequests.form.reasonHint": "Why your nation asks to take part; the Allies read it.",
  "accessRequests.form.submit": "Send the request",
  "accessRequests.form.sending": "Sending…",
  "accessRequests.form.done": "Request sent: {nation} for {reference}. It is listed below.",

  "accessRequests.outcome.request": "Request Council approval",
  "accessRequests.outcome.byCouncil": "Open by Council decision of {date}, ref.",
} as const satisfies Record<string, Message>;
