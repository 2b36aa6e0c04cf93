import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/**
 * What the browser reported as refused by the Content-Security-Policy during one test, in every
 * page of every browser context the test opened (its own `page` and `browser.newContext()` ones).
 */
export interface CspViolations {
  /** Each report so far, oldest first: a console message or a `securitypolicyviolation` event. */
  readonly seen: readonly string[];
  /** Returns the reports so far and forgets them (for a test that provokes a violation on purpose). */
  take(): string[];
}

/**
 * Every other error the browser reported during one test, in every page of every context it
 * opened: `console.error` calls (React's hydration errors among them), uncaught exceptions and
 * rejections (`pageerror`), and the console's "Failed to load resource" lines for responses of
 * 400 and above. CSP refusals are counted by `cspViolations` instead.
 */
export interface ConsoleErrors {
  readonly seen: readonly string[];
  /**
   * Forgets and returns the errors so far that match `expected` (all of them without it), for a
   * test that provokes errors on purpose: a 404 page it opens, a session it revokes.
   */
  take(expected?: RegExp): string[];
}

const REPORT_BINDING = "__toolboxReportCspViolation";
const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

interface BrowserReports {
  csp: string[];
  console: string[];
}

function taker(list: string[]) {
  return (expected?: RegExp) => {
    const taken = list.filter((entry) => !expected || expected.test(entry));
    const kept = list.filter((entry) => !taken.includes(entry));
    list.splice(0, list.length, ...kept);
    return taken;
  };
}

/**
 * Watches every page of the test's own context and of each `browser.newContext()` it opens (a
 * second person's browser) while the test runs, sorting what the browser reports into CSP
 * violations and other errors.
 */
async function watchBrowser(
  { browser, context }: { browser: Browser; context: BrowserContext },
  use: (reports: BrowserReports) => Promise<void>,
) {
  const reports: BrowserReports = { csp: [], console: [] };
  const watched = new WeakSet<BrowserContext>();
  const watchPage = (page: Page) => {
    page.on("console", (message) => {
      const text = message.text();
      if (CSP_MESSAGE.test(text)) reports.csp.push(`${page.url()}: ${text}`);
      else if (message.type() === "error") {
        const { url, lineNumber } = message.location();
        reports.console.push(`${page.url()}: console.error ${text}${url ? ` (${url}:${lineNumber})` : ""}`);
      }
    });
    page.on("pageerror", (error) => {
      reports.console.push(`${page.url()}: uncaught ${error.name}: ${error.message}`);
    });
  };
  const watch = async (ctx: BrowserContext) => {
    if (watched.has(ctx)) return;
    watched.add(ctx);
    for (const page of ctx.pages()) watchPage(page);
    ctx.on("page", watchPage);
    await ctx.exposeBinding(REPORT_BINDING, ({ page }, report: string) => {
      reports.csp.push(`${page?.url() ?? "?"}: securitypolicyviolation ${report}`);
    });
    await ctx.addInitScript((binding) => {
      document.addEventListener(
        "securitypolicyviolation",
        (e) => {
          const report = (window as unknown as Record<string, ((report: string) => void) | undefined>)[binding];
          report?.(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
        },
        true,
      );
    }, REPORT_BINDING);
  };
  await watch(context);
  const newContext = browser.newContext;
  browser.newContext = async (...args: Parameters<typeof newContext>) => {
    const ctx = await newContext.apply(browser, args);
    await watch(ctx);
    return ctx;
  };
  try {
    await use(reports);
  } finally {
    browser.newContext = newContext;
  }
}

/**
 * Playwright's `test`, failing a test on any error the browser reports: a CSP violation (Chromium
 * logs one console message per refusal, and the page gets a `securitypolicyviolation` event; both
 * are watched), any other console error, or an uncaught exception. Every spec imports `test` from
 * here. A test that provokes them on purpose takes them with the `cspViolations` or
 * `consoleErrors` fixture, so only unexpected ones fail it.
 */
export const test = base.extend<{
  browserReports: BrowserReports;
  cspViolations: CspViolations;
  consoleErrors: ConsoleErrors;
}>({
  browserReports: [watchBrowser, { auto: true }],
  cspViolations: [
    async ({ browserReports }, use) => {
      const seen = browserReports.csp;
      await use({
        get seen() {
          return seen;
        },
        take: () => seen.splice(0),
      });
      expect(seen, "the browser reported Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ browserReports }, use) => {
      const seen = browserReports.console;
      await use({
        get seen() {
          return seen;
        },
        take: taker(seen),
      });
      expect(seen, "the browser reported console errors or uncaught exceptions").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * The console line Chromium writes for a response of `status` to a URL containing `path`, for
 * `consoleErrors.take()` in a test that is refused on purpose (a wrong password, a taken email).
 */
export function failedResponse(status: number, path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`Failed to load resource: the server responded with a status of ${status} .*${escaped}`);
}

export const DEMO_PASSWORD = "learn-with-toolbox";
export const DEMO = {
  ADMIN: "admin@maplegrove.test",
  TEACHER: "rivera@maplegrove.test",
  STUDENT: "ava@maplegrove.test",
  PARENT: "parent@maplegrove.test",
} as const;

/** Fills and submits the sign-in form, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the person has landed on their home. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => /^\/(admin|teacher|student|parent)$/.test(url.pathname));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Saves a full-page screenshot under e2e/screenshots/ for people to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations,
 * listing each rule and the elements it flagged.
 */
export async function expectAccessible(page: Page, screen: string) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(report, `accessibility violations on ${screen}`).toEqual([]);
}

/**
 * The files of a zip archive by path, unpacked with node:zlib (stored and deflated entries, which
 * is all fflate and most zip writers produce). Reads the central directory at the end of the
 * archive, as unzip tools do, then each file's data after its local header.
 */
export async function readZip(zip: Buffer): Promise<Map<string, Buffer>> {
  const { inflateRawSync } = await import("node:zlib");
  const END_OF_DIRECTORY = 0x06054b50;
  const DIRECTORY_ENTRY = 0x02014b50;
  const LOCAL_HEADER = 0x04034b50;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip archive: no end of central directory record");
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(entry) !== DIRECTORY_ENTRY) throw new Error(`zip directory entry ${n} is malformed`);
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const localHeader = zip.readUInt32LE(entry + 42);
    const name = zip.toString("utf8", entry + 46, entry + 46 + nameLength);
    if (zip.readUInt32LE(localHeader) !== LOCAL_HEADER) throw new Error(`zip local header of ${name} is malformed`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses compression method ${method}`);
    if (!name.endsWith("/")) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
