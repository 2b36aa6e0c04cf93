// Correlation ids: which request, and which chain of requests, a piece of work belongs to.
// Every response carries them (the web app's proxy and server), every log line written while
// serving a request carries them (./scope.ts), and calls to other services send them along.
//
//   X-Correlation-ID         the chain's id: the caller's when it is sane, else a new UUID v4
//   X-Request-ID             this request's own id, always new
//   X-Parent-Correlation-ID  the caller's parent, when it sent one
//   X-Service-Name           the service answering (web, worker, ...)
//   X-Chain-Depth            hops so far, incremented; above MAX_CHAIN_DEPTH the request is refused (508)

/** A request chain deeper than this is refused: something calls itself in a loop. */
export const MAX_CHAIN_DEPTH = 10;

/**
 * Whether the request is one hop too many: its depth (the caller's X-Chain-Depth plus one) is
 * above MAX_CHAIN_DEPTH, so a caller sending 10 or more is refused (508 Loop Detected).
 */
export function chainTooDeep(c: Correlation): boolean {
  return c.chainDepth > MAX_CHAIN_DEPTH;
}

export interface Correlation {
  correlationId: string;
  requestId: string;
  parentCorrelationId: string | null;
  /** This request's depth in its chain (the caller's X-Chain-Depth plus one; 1 for a first call). */
  chainDepth: number;
  serviceName: string;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface HeaderSource {
  get(name: string): string | null;
}

function saneId(value: string | null): string | null {
  return value && ID.test(value) ? value : null;
}

/**
 * The request header carrying the correlation the edge (the web app's proxy) chose for this
 * request, as JSON. The proxy always overwrites it, so handlers behind it read the same ids the
 * response carries instead of deriving new ones.
 */
export const CORRELATION_HEADER = "x-toolboxai-correlation";

/**
 * The correlation of an incoming request. `X-Correlation-ID` (or, from older clients, `X-Request-ID`)
 * is kept when it is sane; the request id is always new.
 */
export function correlationFrom(headers: HeaderSource, serviceName: string): Correlation {
  const depth = Number.parseInt(headers.get("x-chain-depth") ?? "", 10);
  return {
    correlationId:
      saneId(headers.get("x-correlation-id")) ?? saneId(headers.get("x-request-id")) ?? crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    parentCorrelationId: saneId(headers.get("x-parent-correlation-id")),
    chainDepth: Number.isFinite(depth) && depth >= 0 && depth < 1000 ? depth + 1 : 1,
    serviceName,
  };
}

/** The correlation the edge chose for this request (CORRELATION_HEADER), else one from its headers. */
export function requestCorrelation(headers: HeaderSource, serviceName: string): Correlation {
  const chosen = headers.get(CORRELATION_HEADER);
  if (chosen) {
    try {
      const c = JSON.parse(chosen) as Partial<Correlation>;
      const correlationId = saneId(c.correlationId ?? null);
      const requestId = saneId(c.requestId ?? null);
      const depth = c.chainDepth;
      // The depth the edge computes is at least 1 and (from correlationFrom) at most 1000.
      if (
        correlationId &&
        requestId &&
        typeof depth === "number" &&
        Number.isInteger(depth) &&
        depth >= 1 &&
        depth <= 1000
      ) {
        return {
          correlationId,
          requestId,
          parentCorrelationId: saneId(c.parentCorrelationId ?? null),
          chainDepth: depth,
          // It is echoed as X-Service-Name and into log lines: only a sane name is kept.
          serviceName: (typeof c.serviceName === "string" ? saneId(c.serviceName) : null) ?? serviceName,
        };
      }
    } catch {
      // Not ours: fall through and derive the ids from the request's own headers.
    }
  }
  return correlationFrom(headers, serviceName);
}

/** A fresh correlation for work no request started (a scheduled job, a script). */
export function newCorrelation(serviceName: string, correlationId?: string | null): Correlation {
  return {
    correlationId: saneId(correlationId ?? null) ?? crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    parentCorrelationId: null,
    chainDepth: 1,
    serviceName,
  };
}

/** The headers a response carries (X-Request-Duration is added by whoever timed it). */
export function correlationResponseHeaders(c: Correlation): Record<string, string> {
  return {
    "X-Correlation-ID": c.correlationId,
    "X-Request-ID": c.requestId,
    ...(c.parentCorrelationId ? { "X-Parent-Correlation-ID": c.parentCorrelationId } : {}),
    "X-Service-Name": c.serviceName,
    "X-Chain-Depth": String(c.chainDepth),
  };
}

/** The headers an outgoing call to another service sends: same chain, this request as parent. */
export function correlationOutgoingHeaders(c: Correlation): Record<string, string> {
  return {
    "X-Correlation-ID": c.correlationId,
    "X-Parent-Correlation-ID": c.requestId,
    "X-Chain-Depth": String(c.chainDepth),
    "X-Service-Name": c.serviceName,
  };
}
