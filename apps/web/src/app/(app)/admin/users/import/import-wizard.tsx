"use client";

import type { ImportFormat, ImportJobView } from "@toolboxai/validators";
import { FileUp, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button, buttonVariants } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { Spinner } from "~/components/ui/spinner";
import { plural } from "~/lib/plural";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { fileProblem, fileToBase64 } from "./file-content";
import { ImportProgress, ProblemsTable, SummaryTable } from "./import-results";
import { RecentImports } from "./recent-imports";

const FORMATS: { value: ImportFormat; label: string; accept: string; help: React.ReactNode }[] = [
  {
    value: "csv",
    label: "Simple CSV",
    accept: ".csv,text/csv",
    help: (
      <>
        One <code>.csv</code> file with a header row. Columns: <code>name</code>, <code>email</code>, <code>role</code>{" "}
        (student, teacher, administrator, parent), and optionally <code>password</code> (a first password, changed at
        first sign-in), <code>class</code> (students: an existing class's name) and <code>parentEmail</code> (students:
        their parent's email). Several classes or parents are separated by <code>;</code>. People are matched by email.
      </>
    ),
  },
  {
    value: "oneroster",
    label: "OneRoster 1.1 (zip)",
    accept: ".zip,application/zip,.csv,text/csv",
    help: (
      <>
        The <code>.zip</code> your student information system exports, with <code>orgs.csv</code>,{" "}
        <code>users.csv</code>, <code>classes.csv</code> and <code>enrollments.csv</code>. People, schools and classes
        are matched by <code>sourcedId</code>, so importing again updates them instead of adding duplicates. A{" "}
        <code>users.csv</code> alone imports just the people.
      </>
    ),
  },
];

const RUNNING = new Set(["QUEUED", "RUNNING"]);

/** Whether a checked file would write anything (else there is nothing to import). */
function hasWrites(job: ImportJobView): boolean {
  return Object.values(job.summary ?? {}).some((c) => c.created + c.updated + c.removed > 0);
}

/** A job, polled each second while it runs. */
function useJob(jobId: string | null) {
  return api.imports.get.useQuery(
    { jobId: jobId ?? "" },
    {
      enabled: jobId !== null,
      refetchInterval: (query) => (query.state.data && !RUNNING.has(query.state.data.status) ? false : 1000),
    },
  );
}

export function ImportWizard() {
  const ids = { format: useId(), file: useId(), fileError: useId(), help: useId() };
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [checkId, setCheckId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const utils = api.useUtils();
  const check = useJob(checkId);
  const run = useJob(importId);
  const start = api.imports.start.useMutation();

  const checked = check.data && !RUNNING.has(check.data.status) ? check.data : null;
  const imported = run.data && !RUNNING.has(run.data.status) ? run.data : null;
  const busy = start.isPending || (checkId !== null && !checked) || (importId !== null && !imported);

  function choose(next: File | null) {
    setCheckId(null);
    setImportId(null);
    setFailure(null);
    setFile(next);
    setFileError(next ? fileProblem(next) : null);
    if (next?.name.toLowerCase().endsWith(".zip")) setFormat("oneroster");
  }

  async function begin(dryRun: boolean) {
    if (!file) {
      setFileError("Choose a file first.");
      input.current?.focus();
      return;
    }
    if (fileError) return;
    setFailure(null);
    try {
      const job = await start.mutateAsync({
        format,
        dryRun,
        fileName: file.name,
        encoding: "base64",
        content: await fileToBase64(file),
      });
      if (dryRun) {
        setImportId(null);
        setCheckId(job.id);
      } else setImportId(job.id);
    } catch (error) {
      const e = error as { message: string; data?: { fieldErrors?: Record<string, string[] | undefined> | null } };
      const onFile = e.data?.fieldErrors?.content?.[0] ?? e.data?.fieldErrors?.fileName?.[0];
      if (onFile) {
        setFileError(onFile);
        input.current?.focus();
      } else setFailure(e.message);
    }
  }

  // A finished check shows in the recent imports.
  const checkedId = checked?.id;
  useEffect(() => {
    if (checkedId) void utils.imports.list.invalidate();
  }, [checkedId, utils]);
  // After the import: the users list shows the new people.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (imported?.status !== "SUCCEEDED" || announced.current === imported.id) return;
    announced.current = imported.id;
    void utils.users.list.invalidate();
    void utils.imports.list.invalidate();
    const s = imported.summary?.users;
    toast.success(s ? `Import finished: ${s.created} added, ${s.updated} updated` : "Import finished");
  }, [imported, utils]);

  const chosen = FORMATS.find((f) => f.value === format) ?? FORMATS[0];
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>1. Choose the file</CardTitle>
          <CardDescription>Files up to 5 MB.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <fieldset className="grid gap-2" disabled={busy}>
            <legend className="mb-1 font-medium text-sm">Format</legend>
            <div className="flex flex-wrap gap-4">
              {FORMATS.map((f) => (
                <label key={f.value} className="flex cursor-pointer items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name={ids.format}
                    value={f.value}
                    checked={format === f.value}
                    onChange={() => {
                      setFormat(f.value);
                      setCheckId(null);
                      setImportId(null);
                    }}
                    className="size-4 accent-primary"
                  />
                  {f.label}
                </label>
              ))}
            </div>
            <p id={ids.help} className="text-muted-foreground text-sm">
              {chosen?.help}
            </p>
          </fieldset>
          <div className="grid gap-2">
            <label htmlFor={ids.file} className="font-medium text-sm">
              File
            </label>
            {/* The drop zone wraps the native input, so keyboard and screen readers use the input itself. */}
            <section
              aria-label="Drop a file here"
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                const dropped = e.dataTransfer.files[0];
                if (dropped) choose(dropped);
              }}
              className={cn(
                "flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-6 text-center",
                dragging ? "border-primary bg-primary/5" : "border-input",
              )}
            >
              <FileUp className="size-8 text-muted-foreground" aria-hidden />
              <p className="text-muted-foreground text-sm">Drop the file here, or choose it:</p>
              <input
                ref={input}
                id={ids.file}
                type="file"
                accept={chosen?.accept}
                disabled={busy}
                aria-invalid={fileError ? true : undefined}
                aria-describedby={fileError ? ids.fileError : ids.help}
                onChange={(e) => choose(e.target.files?.[0] ?? null)}
                className="max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:font-medium file:text-sm"
              />
              {file && !fileError ? (
                <p className="text-sm">
                  {file.name} ({Math.max(1, Math.round(file.size / 1024))} KB)
                </p>
              ) : null}
            </section>
            {fileError ? (
              <p id={ids.fileError} className="text-destructive text-sm">
                {fileError}
              </p>
            ) : null}
          </div>
          <FormError message={failure} />
          <div>
            <Button type="button" variant="outline" onClick={() => begin(true)} disabled={busy || !file}>
              {start.isPending && !checkId ? <Spinner /> : null}
              Check file
            </Button>
          </div>
        </CardContent>
      </Card>

      {checkId ? (
        <Card>
          <CardHeader>
            <CardTitle>2. Check</CardTitle>
            <CardDescription>
              Every row is checked against your organization. Nothing has been written yet.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {!check.data || RUNNING.has(check.data.status) ? (
              check.data ? (
                <ImportProgress job={check.data} />
              ) : (
                <p className="text-muted-foreground text-sm">Starting…</p>
              )
            ) : (
              <CheckResult job={check.data} />
            )}
            {checked && checked.status === "SUCCEEDED" && !importId && !hasWrites(checked) ? (
              <p className="text-muted-foreground text-sm" role="status">
                Nothing to import: every row is already up to date or has a problem.
              </p>
            ) : null}
            {checked && checked.status === "SUCCEEDED" && !importId && hasWrites(checked) ? (
              <div className="flex flex-wrap items-center gap-3">
                <Button type="button" onClick={() => begin(false)} disabled={busy}>
                  <Upload className="size-4" aria-hidden />
                  Import
                </Button>
                {checked.problemCount > 0 ? (
                  <p className="text-muted-foreground text-sm">
                    The {plural(checked.problemCount, "row")} with a problem will be skipped. Or fix the file and check
                    it again.
                  </p>
                ) : null}
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {importId ? (
        <Card>
          <CardHeader>
            <CardTitle>3. Import</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {!run.data || RUNNING.has(run.data.status) ? (
              run.data ? (
                <ImportProgress job={run.data} />
              ) : (
                <p className="text-muted-foreground text-sm">Starting…</p>
              )
            ) : (
              <ImportResult job={run.data} />
            )}
          </CardContent>
        </Card>
      ) : null}

      <RecentImports />
    </div>
  );
}

function JobFailed({ job }: { job: ImportJobView }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>{job.dryRun ? "The check stopped" : "The import stopped"}</AlertTitle>
      <AlertDescription>{job.error ?? "Something went wrong. Try again."}</AlertDescription>
    </Alert>
  );
}

function CheckResult({ job }: { job: ImportJobView }) {
  if (job.status !== "SUCCEEDED") return <JobFailed job={job} />;
  return (
    <>
      <ProblemsTable job={job} />
      <h3 className="font-medium">What the import would do</h3>
      <SummaryTable job={job} />
    </>
  );
}

function ImportResult({ job }: { job: ImportJobView }) {
  if (job.status !== "SUCCEEDED") return <JobFailed job={job} />;
  return (
    <>
      <Alert role="status">
        <AlertTitle>Import finished</AlertTitle>
        <AlertDescription>
          People added without a password in the file can't sign in yet: give each a set-password link from the Users
          page.
        </AlertDescription>
      </Alert>
      <SummaryTable job={job} />
      <ProblemsTable job={job} />
      <div>
        <Link href="/admin/users" className={buttonVariants()}>
          Go to users
        </Link>
      </div>
    </>
  );
}
