// The route label of a request, from a fixed set so that nobody can grow the HTTP metrics' series
// by requesting paths: the Next build's routes (.next/routes-manifest.json: its static pages, its
// dynamic routes' regexes and the rewrites' sources) and, inside the REST catch-all, the OpenAPI
// document's path templates. A path that matches none is UNMATCHED_ROUTE whatever its status (a
// 508 from the proxy, a 400 from next-auth, a redirect); past MAX_ROUTE_LABELS distinct labels the
// rest are OTHER_ROUTE. Without a build (next dev) the path heuristic of ./http-metrics.mjs
// applies, under the same cap.

/** The label of a request that matches no route of the build. */
export const UNMATCHED_ROUTE = "(unmatched)";
/** The label of every route past the cap. */
export const OTHER_ROUTE = "(other)";
/** The most distinct route labels a table hands out (a backstop: the build has far fewer). */
export const MAX_ROUTE_LABELS = 300;

/**
 * @typedef {{ page: string, regex: string }} ManifestRoute
 * @typedef {{ staticRoutes?: ManifestRoute[], dynamicRoutes?: ManifestRoute[],
 *   rewrites?: { beforeFiles?: { source: string }[], afterFiles?: { source: string }[], fallback?: { source: string }[] } | { source: string }[] }} RoutesManifest
 * @typedef {{ servers?: { url: string }[], paths?: Record<string, unknown> }} OpenApiDocument
 * @typedef {(url: string, status: number) => string} RouteLabeler
 */

/** @param {string} url */
function pathnameOf(url) {
  const pathname = (url.split(/[?#]/, 1)[0] ?? "").replace(/\/{2,}/g, "/");
  return pathname.length > 1 ? pathname.replace(/\/$/, "") : "/";
}

/** @param {string} s */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The REST operations' templates under their base path, most literal first (so that
 * `/classes/join` wins over `/classes/{classId}`).
 * @param {OpenApiDocument} doc
 * @param {string} base
 */
function restTemplates(doc, base) {
  const templates = Object.keys(doc.paths ?? {}).map((template) => {
    const segments = template.split("/").filter(Boolean);
    const pattern = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : escapeRegex(s))).join("/");
    return {
      label: `${base}${template}`,
      regex: new RegExp(`^${escapeRegex(base)}/${pattern}$`),
      literals: segments.filter((s) => !s.startsWith("{")).length,
    };
  });
  return templates.sort((a, b) => b.literals - a.literals);
}

/**
 * Caps a labeler's distinct labels: once `max` are handed out, new ones become OTHER_ROUTE.
 * @param {RouteLabeler} labeler
 * @param {number} [max]
 * @returns {RouteLabeler}
 */
export function cappedLabeler(labeler, max = MAX_ROUTE_LABELS) {
  /** @type {Set<string>} */
  const seen = new Set();
  return (url, status) => {
    const label = labeler(url, status);
    if (seen.has(label)) return label;
    if (seen.size >= max) return OTHER_ROUTE;
    seen.add(label);
    return label;
  };
}

/**
 * A labeler over the build's routes.
 * @param {{ manifest: RoutesManifest, openapi?: OpenApiDocument | null,
 *   publicEntries?: { name: string, directory: boolean }[], max?: number }} options
 *   publicEntries: the public folder's top-level files (one label each) and folders ("/name/*")
 * @returns {RouteLabeler}
 */
export function routeTableLabeler({ manifest, openapi, publicEntries = [], max }) {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  /** @type {string[]} */
  const publicFolders = [];
  for (const entry of publicEntries) {
    if (entry.directory) publicFolders.push(`/${entry.name}`);
    else statics.add(`/${entry.name}`);
  }
  const rewrites = manifest.rewrites;
  const rewriteList = Array.isArray(rewrites)
    ? rewrites
    : [...(rewrites?.beforeFiles ?? []), ...(rewrites?.afterFiles ?? []), ...(rewrites?.fallback ?? [])];
  // A rewrite's source is a label of its own when it is a plain path (/health -> /api/health).
  for (const r of rewriteList) if (/^\/[\w./-]*$/.test(r.source)) statics.add(r.source);
  const restBase = openapi?.servers?.[0]?.url ?? "/api/v1";
  const rest = openapi ? restTemplates(openapi, restBase) : [];
  const restCatchAll = `${restBase}/[...path]`;
  const dynamic = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));

  /** @param {string} pathname */
  const match = (pathname) => {
    if (pathname === "/metrics") return "/metrics";
    if (pathname.startsWith("/_next/")) {
      const second = pathname.split("/")[2] ?? "";
      return second === "static" || second === "image" || second === "data" ? `/_next/${second}` : "/_next";
    }
    if (statics.has(pathname)) return pathname;
    const folder = publicFolders.find((f) => pathname.startsWith(`${f}/`));
    if (folder) return `${folder}/*`;
    for (const route of dynamic) {
      if (!route.regex.test(pathname)) continue;
      if (route.page !== restCatchAll || !openapi) return route.page;
      return rest.find((t) => t.regex.test(pathname))?.label ?? UNMATCHED_ROUTE;
    }
    return UNMATCHED_ROUTE;
  };
  return cappedLabeler((url) => match(pathnameOf(url)), max);
}
