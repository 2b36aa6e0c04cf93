// Import jobs: `startImport` reads the upload, records an ImportJob and runs it in this process in
// the background (the request answers at once); the page polls `getImport` for progress, problems
// and the summary. A dry run checks every row and writes nothing but the job; a real run skips the
// rows with a problem, writes the rest, and audits `import.completed` with the counts.
import type { Prisma } from "@toolboxai/db";
import {
  IMPORT_KINDS,
  IMPORT_MAX_PROBLEMS,
  type ImportJobSummary,
  type ImportJobView,
  type ImportProblem,
  type ImportSummary,
  importFormatSchema,
  importStatusSchema,
  type startImportSchema,
} from "@toolboxai/validators";
import pino from "pino";
import type { z } from "zod";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { correlationLogFields } from "../correlation/scope";
import { notFound, preconditionFailed } from "../errors";
import { publishDashboardChanged } from "../realtime/events";
import { applyPlan } from "./apply";
import type { ImportInput } from "./model";
import { readOneRoster } from "./oneroster";
import { csvFiles, uploadBytes } from "./parse-csv";
import { readSimpleCsv } from "./simple-csv";
import { loadOrgState } from "./state";
import { planImport, sortProblems } from "./validate";

const log = pino({ base: { service: "import" }, mixin: correlationLogFields });

/** A job still marked running this long after it started was cut off (the process stopped). */
export const IMPORT_STALE_MS = 60 * 60 * 1000;

const jobSelect = {
  id: true,
  format: true,
  dryRun: true,
  status: true,
  processed: true,
  total: true,
  summary: true,
  problems: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.ImportJobSelect;
type JobRow = Prisma.ImportJobGetPayload<{ select: typeof jobSelect }>;

/** The jobs this process is running, so a test (or a shutdown) can wait for one. */
const running = new Map<string, Promise<void>>();

/** Resolves when the job (started in this process) has finished; at once for any other. */
export function importSettled(jobId: string): Promise<void> {
  return running.get(jobId) ?? Promise.resolve();
}

function isSummary(value: unknown): value is ImportSummary {
  return typeof value === "object" && value !== null && IMPORT_KINDS.every((k) => k in value);
}

function toView(row: JobRow, now = Date.now()): ImportJobView {
  const problems = Array.isArray(row.problems) ? (row.problems as unknown as ImportProblem[]) : [];
  const summary = isSummary(row.summary) ? row.summary : null;
  const problemCount =
    typeof (row.summary as { problemCount?: unknown })?.problemCount === "number"
      ? ((row.summary as { problemCount: number }).problemCount as number)
      : problems.length;
  const cutOff =
    (row.status === "RUNNING" || row.status === "QUEUED") &&
    !running.has(row.id) &&
    now - (row.startedAt ?? row.createdAt).getTime() > IMPORT_STALE_MS;
  return {
    id: row.id,
    format: importFormatSchema.catch("csv").parse(row.format),
    dryRun: row.dryRun,
    status: cutOff ? "FAILED" : importStatusSchema.parse(row.status),
    processed: row.processed,
    total: row.total,
    summary: summary ? stripExtra(summary) : null,
    problemCount,
    error: cutOff ? "The import was interrupted (the server restarted). Run it again." : row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    problems,
  };
}

function stripExtra(summary: ImportSummary): ImportSummary {
  return Object.fromEntries(IMPORT_KINDS.map((k) => [k, summary[k]])) as ImportSummary;
}

/**
 * Starts an import. An upload that is not a readable CSV or zip is refused at once (INVALID on
 * `content`); everything else is checked row by row in the job. Only one real import of an
 * organization runs at a time (a second is refused until the first has finished).
 */
export async function startImport(
  ctx: ServiceContext,
  input: z.output<typeof startImportSchema>,
): Promise<ImportJobView> {
  const files = csvFiles(uploadBytes(input), input.fileName);
  if (!input.dryRun) {
    const busy = await ctx.db.importJob.count({
      where: {
        dryRun: false,
        status: { in: ["QUEUED", "RUNNING"] },
        createdAt: { gt: new Date(Date.now() - IMPORT_STALE_MS) },
      },
    });
    if (busy > 0) throw preconditionFailed("Another import is running. Wait for it to finish, then try again.");
  }
  const row = await ctx.db.importJob.create({
    data: {
      organizationId: ctx.actor.orgId,
      createdById: ctx.actor.userId,
      format: input.format,
      dryRun: input.dryRun,
    },
    select: jobSelect,
  });
  const run = runImport(ctx, row.id, input.format, files, input.dryRun).finally(() => running.delete(row.id));
  running.set(row.id, run);
  return toView(row);
}

async function runImport(
  ctx: ServiceContext,
  jobId: string,
  format: "csv" | "oneroster",
  files: Map<string, string>,
  dryRun: boolean,
): Promise<void> {
  try {
    // Let the request that started the job answer first.
    await new Promise((resolve) => setImmediate(resolve));
    const read: ImportInput = format === "csv" ? readSimpleCsv(files) : readOneRoster(files);
    await ctx.db.importJob.update({
      where: { id: jobId },
      data: { status: "RUNNING", startedAt: new Date(), total: read.rowCount },
    });
    const plan = planImport(read, await loadOrgState(ctx));
    let summary = plan.summary;
    let problems = plan.problems;
    if (!dryRun) {
      const result = await applyPlan(ctx, plan, async (done, total) => {
        const processed = total === 0 ? read.rowCount : Math.round((read.rowCount * done) / total);
        await ctx.db.importJob.update({ where: { id: jobId }, data: { processed } });
      });
      summary = result.summary;
      problems = sortProblems([...plan.problems, ...result.problems]);
    }
    await ctx.db.importJob.update({
      where: { id: jobId },
      data: {
        status: "SUCCEEDED",
        processed: read.rowCount,
        finishedAt: new Date(),
        summary: { ...summary, problemCount: problems.length },
        problems: problems.slice(0, IMPORT_MAX_PROBLEMS),
      },
    });
    if (!dryRun) {
      await recordAudit(ctx, {
        action: "import.completed",
        targetType: "ImportJob",
        targetId: jobId,
        metadata: { format, rows: read.rowCount, problems: problems.length, ...summary },
      });
      publishDashboardChanged(ctx, "users");
    }
  } catch (error) {
    log.error({ err: error, jobId, orgId: ctx.actor.orgId }, "import failed");
    try {
      await ctx.db.importJob.update({
        where: { id: jobId },
        data: {
          status: "FAILED",
          finishedAt: new Date(),
          error: "The import stopped on an internal error; the rows written so far stay. Try again.",
        },
      });
      if (!dryRun)
        await recordAudit(ctx, {
          action: "import.failed",
          targetType: "ImportJob",
          targetId: jobId,
          metadata: { format },
        });
    } catch (inner) {
      log.error({ err: inner, jobId }, "import failure could not be recorded");
    }
  }
}

export async function getImport(ctx: ServiceContext, input: { jobId: string }): Promise<ImportJobView> {
  const row = await ctx.db.importJob.findFirst({ where: { id: input.jobId }, select: jobSelect });
  if (!row) throw notFound("Import");
  return toView(row);
}

/** The organization's latest imports, newest first (without their problem rows). */
export async function listImports(
  ctx: ServiceContext,
  input: { limit: number },
): Promise<{ items: ImportJobSummary[] }> {
  const rows = await ctx.db.importJob.findMany({
    select: { ...jobSelect, problems: false },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return {
    items: rows.map((row) => {
      const { problems: _, ...rest } = toView({ ...row, problems: [] });
      return rest;
    }),
  };
}
