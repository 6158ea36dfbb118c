import { z } from "zod";
import { ZClearance, ZLabelInput } from "../labels/labels.schema.js";

export const ACTIVITY_KINDS = [
  "course",
  "exercise",
  "workshop",
  "conference",
  "seminar",
  "strategic-level-training",
  "information-exchange",
  "intelligence-exchange",
  "technology-exchange",
  "joint-operation-support",
] as const;

export const ACTIVITY_STATUSES = [
  "proposed",
  "approved",
  "published",
  "nominations-open",
  "nominations-closed",
  "conducted",
  "feedback-collected",
  "archived",
  "cancelled",
] as const;

export const ACTIVITY_ACTIONS = [
  "approve",
  "publish",
  "open-nominations",
  "close-nominations",
  "conduct",
  "collect-feedback",
  "archive",
  "cancel",
] as const;

export const NOMINATION_STATUSES = ["confirmed", "waitlisted", "pending-owner", "withdrawn", "declined"] as const;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const ZLanguageLevel = z.number().int().min(0).max(5);

export const ZActivityKind = z.enum(ACTIVITY_KINDS);
export const ZActivityStatus = z.enum(ACTIVITY_STATUSES);
export const ZActivityAction = z.enum(ACTIVITY_ACTIONS);

export const ZActivityInput = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,6}\.\d{1,6}$/, "must be a reference such as ACT.396"),
  owner: ZText(120),
  title: ZText(200),
  kind: ZActivityKind,
  description: z.string().trim().max(5000).default(""),
  audience: ZText(300),
  requiredClearance: ZClearance,
  language: ZText(40).default("English"),
  languageLevel: ZLanguageLevel.default(0),
  areas: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  label: ZLabelInput,
});

export const ZIterationInput = z
  .strictObject({
    code: ZText(40),
    startDate: ZDate,
    endDate: ZDate,
    city: ZText(120),
    countryCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "must be a nation code (ISO alpha-3)")
      .transform((s) => s.toUpperCase()),
    seats: z.number().int().min(1).max(10_000),
    nominationDeadline: ZDate,
    twoStep: z.boolean().default(false),
  })
  .refine((i) => i.startDate <= i.endDate, { message: "must not be before startDate", path: ["endDate"] })
  .refine((i) => i.nominationDeadline <= i.startDate, {
    message: "must not be after startDate",
    path: ["nominationDeadline"],
  });

export const ZParticipantInput = z.strictObject({
  /** Only staff and admins give it: partners nominate for their own nation. */
  nation: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "must be a nation code (ISO alpha-3)")
    .transform((s) => s.toUpperCase())
    .optional(),
  name: ZText(200),
  email: z
    .email("must be an email address")
    .max(254)
    .transform((s) => s.toLowerCase()),
  rank: ZText(60),
  clearance: ZClearance,
  languageLevel: ZLanguageLevel,
});

export const ZSeats = z.number().int().min(1).max(10_000);

export type TActivityKind = z.infer<typeof ZActivityKind>;
export type TActivityStatus = z.infer<typeof ZActivityStatus>;
export type TActivityAction = z.infer<typeof ZActivityAction>;
export type TActivityInput = z.input<typeof ZActivityInput>;
export type TIterationInput = z.input<typeof ZIterationInput>;
export type TParticipantInput = z.input<typeof ZParticipantInput>;
export type TNominationStatus = (typeof NOMINATION_STATUSES)[number];
