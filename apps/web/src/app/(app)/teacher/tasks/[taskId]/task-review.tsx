"use client";

// The review screen of a finished task: one tab per generated item, each in the content form
// the library uses (save = a new version, like the content editor), with Publish, the quiz's
// questions, the environment's download, and the evidence behind the draft. Every tab's form
// stays mounted (inactive ones hidden), so switching tabs keeps unsaved edits; a tab with unsaved
// changes is marked, and leaving the page with any asks first.
import { contentBodySchemas, type TaskResult } from "@toolboxai/validators";
import { Download, Eye, EyeOff, Library } from "lucide-react";
import Link from "next/link";
import { Tabs } from "radix-ui";
import { useCallback, useEffect, useId, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { cn } from "~/lib/utils";
import { QuizQuestions } from "../../content/[id]/quiz-questions";
import { ConflictAlert } from "../../content/conflict-alert";
import { StatusBadge } from "../../content/content-badges";
import { ContentForm } from "../../content/content-form";
import { fromContent, storedQuizDraw } from "../../content/content-form-model";
import { useContentItem } from "../../content/use-content-item";
import { PART_LABEL } from "../task-ui";
import { EvidencePanel } from "./evidence-panel";

type ResultItem = TaskResult["items"][number];

export function TaskReview({ result }: { result: TaskResult }) {
  const [tab, setTab] = useState(result.items[0]?.contentId ?? "");
  // The drafts whose form (or quiz draw settings) holds unsaved changes.
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const guard = useUnsavedChanges(dirty.size > 0);
  const unsavedId = useId();
  const onDirtyChange = useCallback((contentId: string, isDirty: boolean) => {
    setDirty((current) => {
      if (current.has(contentId) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(contentId);
      else next.delete(contentId);
      return next;
    });
  }, []);
  if (result.items.length === 0) {
    return (
      <Alert role="status">
        <AlertTitle>No drafts were saved</AlertTitle>
        <AlertDescription>The task finished without producing any content.</AlertDescription>
      </Alert>
    );
  }
  return (
    <section aria-labelledby="review-title" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="review-title" className="font-semibold text-xl tracking-tight">
          Review the drafts
        </h2>
        <p className="text-muted-foreground text-sm">
          Each draft is in your content library as “Generated”. Students never see a generated draft until you publish
          it: read it, edit and save, then publish the parts you want to use. Switching tabs keeps unsaved edits;
          Publish saves them first.
        </p>
      </div>
      <Tabs.Root value={tab} onValueChange={setTab} className="grid gap-4">
        <Tabs.List aria-label="Generated drafts" className="inline-flex w-fit gap-1 rounded-lg bg-muted p-1">
          {result.items.map((item) => (
            <Tabs.Trigger
              key={item.contentId}
              value={item.contentId}
              className={cn(
                "rounded-md px-3 py-1.5 font-medium text-muted-foreground text-sm outline-none transition-colors",
                "hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                "data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm",
              )}
              aria-describedby={dirty.has(item.contentId) ? unsavedId : undefined}
            >
              <span className="flex items-center gap-2">
                {PART_LABEL[item.part]}
                {dirty.has(item.contentId) ? (
                  <span
                    className="size-2 rounded-full bg-warning"
                    title="Unsaved changes"
                    data-testid="tab-unsaved"
                    aria-hidden
                  />
                ) : null}
              </span>
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {result.items.map((item) => (
          // Inactive tabs stay mounted (hidden), keeping what was typed in them.
          <Tabs.Content
            key={item.contentId}
            value={item.contentId}
            forceMount
            hidden={tab !== item.contentId}
            className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring data-[state=inactive]:hidden"
          >
            <ReviewItem item={item} review={result.review} onDirtyChange={onDirtyChange} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
      <span id={unsavedId} hidden>
        Unsaved changes
      </span>
      {guard.dialog}
    </section>
  );
}

function ReviewItem({
  item,
  review,
  onDirtyChange,
}: {
  item: ResultItem;
  review: TaskResult["review"];
  onDirtyChange(contentId: string, dirty: boolean): void;
}) {
  const contentId = item.contentId;
  const {
    query,
    publishSaved,
    publishing,
    unpublish,
    formRef,
    drawRef,
    conflict,
    formItem,
    newerVersion,
    formKey,
    loadLatest,
    save,
    saveQuizDraw,
  } = useContentItem(contentId, {
    published: (next) => `Published: “${next.title}” can now be assigned`,
    saved: (next) => (next.status === "PUBLISHED" ? `Saved as version ${next.version}` : "Draft saved"),
    drawSaved: () => "Question settings saved",
  });
  const [formDirty, setFormDirty] = useState(false);
  const [drawDirty, setDrawDirty] = useState(false);
  const dirty = formDirty || drawDirty;
  useEffect(() => onDirtyChange(contentId, dirty), [contentId, dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(contentId, false), [contentId, onDirtyChange]);

  if (query.error) {
    return (
      <Alert variant="destructive">
        <AlertTitle>
          {query.error.data?.code === "NOT_FOUND"
            ? `This ${PART_LABEL[item.part].toLowerCase()} was deleted or isn't available`
            : "The draft couldn't be loaded"}
        </AlertTitle>
        <AlertDescription>{query.error.message}</AlertDescription>
      </Alert>
    );
  }
  const content = query.data;
  if (!content) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-72 w-full" />
      </div>
    );
  }

  // What the form edits: `content`, unless a newer version arrived while there are unsaved changes.
  const edited = formItem(content);
  const newer = newerVersion(content, edited);
  const deleted = content.deletedAt !== null;
  const published = content.status === "PUBLISHED";
  const editable = content.canManage && !deleted;
  const isQuiz = content.type === "QUIZ";
  const quizDraw = isQuiz ? storedQuizDraw(edited.body) : null;
  // The zip route refuses a body that doesn't parse; say so here rather than download an error.
  const downloadable =
    content.type === "ENVIRONMENT" && !deleted && contentBodySchemas.ENVIRONMENT.safeParse(content.body).success;
  const busy = publishing || unpublish.isPending;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="grid min-w-0 gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-card p-4">
          <div className="grid min-w-0 gap-1">
            <h3 className="truncate font-semibold">{content.title}</h3>
            <p className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
              <StatusBadge status={content.status} deleted={deleted} />
              <span>Version {content.version}</span>
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {content.type === "ENVIRONMENT" ? (
              downloadable ? (
                <Button asChild variant="outline">
                  <a href={`/api/content/${contentId}/rojo.zip`} download>
                    <Download aria-hidden /> Download Roblox project (.zip)
                  </a>
                </Button>
              ) : (
                <Button variant="outline" disabled title="Fix the environment's errors and save it first">
                  <Download aria-hidden /> Download Roblox project (.zip)
                </Button>
              )
            ) : null}
            <Button asChild variant="outline">
              <Link href={`/teacher/content/${contentId}`}>
                <Library aria-hidden /> Open in content library
              </Link>
            </Button>
            {editable ? (
              published ? (
                <Button variant="outline" disabled={busy} onClick={() => unpublish.mutate({ contentId })}>
                  <EyeOff aria-hidden /> Unpublish
                </Button>
              ) : (
                <Button disabled={busy} onClick={() => void publishSaved(edited)}>
                  <Eye aria-hidden /> {publishing ? "Publishing…" : "Publish"}
                </Button>
              )
            ) : null}
          </div>
        </div>

        {published ? null : (
          <p className="text-muted-foreground text-sm">
            Students can't see this {PART_LABEL[item.part].toLowerCase()} until you publish it.
          </p>
        )}
        {deleted ? (
          <Alert role="status">
            <AlertDescription>
              This draft is deleted. Restore it from the content library to edit or publish it.
            </AlertDescription>
          </Alert>
        ) : null}
        {conflict || newer ? <ConflictAlert message={conflict ?? newer ?? ""} onLoadLatest={loadLatest} /> : null}

        <ContentForm
          key={formKey(edited)}
          ref={formRef}
          initial={fromContent(edited)}
          disabled={!editable}
          submitLabel="Save"
          pendingLabel="Saving…"
          trackChanges
          onSave={(values) => save(edited, values)}
          onDirtyChange={setFormDirty}
        />
        {isQuiz ? (
          <QuizQuestions
            quizId={content.id}
            draw={quizDraw}
            canManage={content.canManage}
            deleted={deleted}
            onSaveDraw={(draw) => saveQuizDraw(edited, draw)}
            onDirtyChange={setDrawDirty}
            drawRef={drawRef}
          />
        ) : null}
      </div>
      <EvidencePanel item={item} review={review} />
    </div>
  );
}
