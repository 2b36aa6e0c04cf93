// Downloads a file from the REST API with the session cookie (the API accepts it), as a Blob,
// and hands it to the browser under the name the server chose. Errors come back as RFC 9457
// problems; a 429 says how long to wait (Retry-After).

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

function waitWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The file name of a `Content-Disposition: attachment; filename="..."` header. */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

async function problemOf(response: Response): Promise<DownloadError> {
  const retry = Number(response.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null;
  if (response.status === 429) {
    return new DownloadError(
      `You've exported a lot in a short time. Try again in ${waitWords(retryAfter ?? 60)}.`,
      429,
      retryAfter,
    );
  }
  let detail = "";
  try {
    const body = (await response.json()) as { detail?: unknown; title?: unknown };
    detail = typeof body.detail === "string" ? body.detail : typeof body.title === "string" ? body.title : "";
  } catch {
    // not JSON: the status says enough
  }
  return new DownloadError(detail || `The export failed (HTTP ${response.status}).`, response.status, retryAfter);
}

/** Fetches `url` and saves the answer as a file; throws a DownloadError with a sentence to show. */
export async function downloadFile(url: string, init: RequestInit, fallbackName: string): Promise<string> {
  const response = await fetch(url, { credentials: "same-origin", ...init });
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  const name = attachmentName(response.headers.get("Content-Disposition"), fallbackName);
  const href = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = href;
    link.download = name;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the Blob goes.
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
  return name;
}
