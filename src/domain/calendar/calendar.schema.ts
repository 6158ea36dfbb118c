import { z } from "zod";

// Calendar feeds: inputs and outputs (Zod only, imported by the web app).

export const FEED_SCOPES = ["nation", "mine"] as const;
export type TFeedScope = (typeof FEED_SCOPES)[number];

/**
 * `nation`: for a nation's users, the iterations the nation has active nominations for and
 * those open to it; for alliance users, every visible published iteration. `mine`: the
 * iterations with an active nomination this user made.
 */
export const ZCreateFeed = z.strictObject({ scope: z.enum(FEED_SCOPES).default("nation") });
export type TCreateFeed = z.input<typeof ZCreateFeed>;

export const ZFeedView = z.object({
  id: z.string(),
  scope: z.enum(FEED_SCOPES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TFeedView = z.infer<typeof ZFeedView>;

/** Returned once, at creation: the secret URL is never shown again. */
export const ZCreatedFeed = ZFeedView.extend({ url: z.string() });
export type TCreatedFeed = z.infer<typeof ZCreatedFeed>;

/** The last path segment of a feed URL (`<token>.ics`); anything malformed is simply an unknown feed (404). */
export const ZFeedFileParams = z.strictObject({ file: z.string().max(200) });
