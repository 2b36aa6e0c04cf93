// "Chrome on macOS": a person-readable name for the browser a session signed in from. Only the
// few families people recognise in a list of their own sessions; anything else stays generic.
// An app session shows the app's own name instead ("ToolboxAI for iPad", or "Mobile app").

const BROWSERS: [RegExp, string][] = [
  // Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari".
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPad\b/, "iPadOS"],
  [/\b(iPhone|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (list: [RegExp, string][], ua: string) => list.find(([re]) => re.test(ua))?.[1];

export function describeDevice(userAgent: string): string {
  const ua = userAgent.trim();
  if (!ua) return "Unknown device";
  const browser = first(BROWSERS, ua);
  const system = first(SYSTEMS, ua);
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return "Unknown browser";
}

/** What an app session is called when the app gave no name of its own. */
export const DEFAULT_APP_NAME = "Mobile app";

/**
 * The name of what a session signed in with. An app session records the name the app gave
 * (`clientName`, which has no "/") or, without one, its HTTP user agent (which has one:
 * `ToolboxAI/2.1 CFNetwork/1494`), shown as "Mobile app".
 */
export function describeSessionClient(kind: string, userAgent: string): string {
  if (kind !== "app") return describeDevice(userAgent);
  const recorded = userAgent.trim();
  return recorded && !recorded.includes("/") ? recorded : DEFAULT_APP_NAME;
}
