import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { activitiesApi, type NominationsQuery } from "../activities/api.ts";
import { NOMINATIONS_KEY } from "../activities/queries.ts";

/** The nominations the caller may see: a partner's nation's, an owner's activities', or all for staff. */
export const useNominations = (q: NominationsQuery) =>
  useQuery({
    queryKey: [...NOMINATIONS_KEY, "list", q],
    queryFn: ({ signal }) => activitiesApi.nominations(q, signal),
    placeholderData: keepPreviousData,
  });
