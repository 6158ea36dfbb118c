import { useQuery } from "@tanstack/react-query";
import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
// The Natural Earth 1:110m countries from world-atlas, served as a static asset (works offline).
import atlasUrl from "world-atlas/countries-110m.json?url";
import { ApiError } from "../../api/client.ts";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 440;

/** One drawable country: its ISO 3166 numeric id (as in world-atlas, e.g. "392"), name and SVG path. */
export type Shape = { key: string; numericId: string | null; atlasName: string; d: string };

const ANTARCTICA = "010";

async function loadShapes(signal: AbortSignal): Promise<Shape[]> {
  let response: Response;
  try {
    response = await fetch(atlasUrl, { signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK", String(cause));
  }
  if (!response.ok) throw new ApiError(response.status, "HTTP", `HTTP ${response.status}`);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features.filter((f) => f.id !== ANTARCTICA) as Feature<Geometry, { name: string }>[];
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: "FeatureCollection", features },
  );
  const path = geoPath(projection);
  return features.flatMap((f, i) => {
    const d = path(f);
    if (!d) return [];
    // A few disputed territories (N. Cyprus, Somaliland, Kosovo) have no ISO numeric id.
    const numericId = f.id === undefined ? null : String(f.id).padStart(3, "0");
    return [{ key: numericId ?? `shape-${i}`, numericId, atlasName: f.properties?.name ?? "", d }];
  });
}

export function useAtlas() {
  return useQuery({
    queryKey: ["atlas", atlasUrl],
    queryFn: ({ signal }) => loadShapes(signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}
