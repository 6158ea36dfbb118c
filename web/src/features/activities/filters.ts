import type { ActivityKind, ActivityStatus } from "../../api/types.ts";

/** The menu's filters, exactly as the address's query string carries them. */
export type ActivityFilters = {
  q?: string | undefined;
  area?: string | undefined;
  kind?: ActivityKind | undefined;
  status?: ActivityStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  language?: string | undefined;
  owner?: string | undefined;
  openSeats?: boolean | undefined;
  openToMe?: boolean | undefined;
};

export const FILTER_NAMES = [
  "q",
  "area",
  "kind",
  "status",
  "from",
  "to",
  "language",
  "owner",
  "openSeats",
  "openToMe",
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** Reads the filters from ?q=…&area=…; unknown or empty parameters are left out. */
export function filtersFromSearch(search: URLSearchParams): ActivityFilters {
  const out: ActivityFilters = {};
  const text = (name: FilterName) => {
    const value = search.get(name)?.trim();
    return value ? value : undefined;
  };
  out.q = text("q");
  out.area = text("area");
  out.kind = text("kind") as ActivityKind | undefined;
  out.status = text("status") as ActivityStatus | undefined;
  out.from = text("from");
  out.to = text("to");
  out.language = text("language");
  out.owner = text("owner");
  out.openSeats = search.get("openSeats") === "true" ? true : undefined;
  out.openToMe = search.get("openToMe") === "true" ? true : undefined;
  return out;
}

/** The filters as API (and address) query parameters. */
export function filtersToQuery(filters: ActivityFilters): Record<string, string | undefined> {
  return {
    q: filters.q,
    area: filters.area,
    kind: filters.kind,
    status: filters.status,
    from: filters.from,
    to: filters.to,
    language: filters.language,
    owner: filters.owner,
    openSeats: filters.openSeats ? "true" : undefined,
    openToMe: filters.openToMe ? "true" : undefined,
  };
}

/** "/activities?q=piracy&kind=course" for the given filters. */
export function menuHref(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filtersToQuery(filters))) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `/activities?${qs}` : "/activities";
}

export function hasFilters(filters: ActivityFilters): boolean {
  return Object.values(filtersToQuery(filters)).some((v) => v !== undefined && v !== "");
}
