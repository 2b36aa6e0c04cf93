export const UNMATCHED_ROUTE: string;
export const OTHER_ROUTE: string;
export const MAX_ROUTE_LABELS: number;
export type RouteLabeler = (url: string, status: number) => string;
export interface ManifestRoute {
  page: string;
  regex: string;
}
export interface RoutesManifest {
  staticRoutes?: ManifestRoute[];
  dynamicRoutes?: ManifestRoute[];
  rewrites?:
    | { beforeFiles?: { source: string }[]; afterFiles?: { source: string }[]; fallback?: { source: string }[] }
    | { source: string }[];
}
export interface OpenApiDocument {
  servers?: { url: string }[];
  paths?: Record<string, unknown>;
}
/** Caps a labeler's distinct labels: past `max`, new ones become OTHER_ROUTE. */
export function cappedLabeler(labeler: RouteLabeler, max?: number): RouteLabeler;
/** A labeler over the Next build's routes and, inside the REST catch-all, the OpenAPI templates. */
export function routeTableLabeler(options: {
  manifest: RoutesManifest;
  openapi?: OpenApiDocument | null;
  publicEntries?: { name: string; directory: boolean }[];
  max?: number;
}): RouteLabeler;
