"use client";

import { contentBodySchemas } from "@toolboxai/validators";
import { ArrowLeft, Copy, Download, Eye, EyeOff, RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { api } from "~/trpc/react";
import { ConflictAlert } from "../conflict-alert";
import { StatusBadge, TYPE_LABEL, TypeBadge } from "../content-badges";
import { ContentForm } from "../content-form";
import { fromContent, storedQuizDraw } from "../content-form-model";
import { useContentItem } from "../use-content-item";
import { AiDraftNotice } from "./ai-draft-notice";
import { QuizQuestions } from "./quiz-questions";
import { VersionHistory } from "./version-history";

export function ContentEditor({ contentId }: { contentId: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const {
    query,
    publishSaved,
    publishing,
    unpublish,
    formRef,
    drawRef,
    saved,
    adopt,
    conflict,
    formItem,
    newerVersion,
    formKey,
    loadLatest,
    save,
    saveQuizDraw,
  } = useContentItem(contentId, {
    published: () => "Published: colleagues can now find and use it",
    saved: (next) => `Saved as version ${next.version}`,
    drawSaved: (draw) =>
      draw
        ? `Saved: students get ${plural(draw.count, "random question")} tagged “${draw.tag}”`
        : "Saved: students get the fixed list",
  });
  // Unsaved changes in the content form or in the quiz's draw settings: leaving asks first.
  const [formDirty, setFormDirty] = useState(false);
  const [drawDirty, setDrawDirty] = useState(false);
  const guard = useUnsavedChanges(formDirty || drawDirty);
  const onError = (error: { message: string }) => toast.error(error.message);
  const restore = api.content.restore.useMutation({ onSuccess: (item) => saved(item, "Restored"), onError });
  const duplicate = api.content.duplicate.useMutation({
    async onSuccess(copy) {
      await utils.content.list.invalidate();
      toast.success(
        `Created "${copy.title}"`,
        copy.questionsLeftOut > 0
          ? { description: `Left out ${plural(copy.questionsLeftOut, "question")} that only their owner can see.` }
          : {},
      );
      router.push(`/teacher/content/${copy.id}`);
    },
    onError,
  });
  const remove = api.content.delete.useMutation({
    async onSuccess(item) {
      await utils.content.list.invalidate();
      toast.success(`"${item.title}" was deleted. You can restore it from the deleted items.`);
      router.push("/teacher/content");
    },
    onError,
  });

  if (query.error) {
    return (
      <div className="grid gap-4">
        <BackLink />
        <Alert variant="destructive">
          <AlertTitle>
            {query.error.data?.code === "NOT_FOUND" ? "This item doesn't exist or isn't shared with you" : "Error"}
          </AlertTitle>
          <AlertDescription>{query.error.message}</AlertDescription>
        </Alert>
      </div>
    );
  }
  const item = query.data;
  if (!item) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }

  // What the form edits: `item`, unless a newer version arrived while there are unsaved changes.
  const edited = formItem(item);
  const newer = newerVersion(item, edited);
  const deleted = item.deletedAt !== null;
  const isQuiz = item.type === "QUIZ";
  const quizDraw = isQuiz ? storedQuizDraw(edited.body) : null;
  const published = item.status === "PUBLISHED";
  const busy = publishing || unpublish.isPending || duplicate.isPending || remove.isPending;

  return (
    <div className="grid gap-4">
      <BackLink />
      <PageHeader
        title={item.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TypeBadge type={item.type} />
            <StatusBadge status={item.status} deleted={deleted} />
            <span>
              Version {item.version} · by {item.author.name} · updated <LocalTime value={item.updatedAt} />
            </span>
          </span>
        }
        actions={
          deleted ? null : (
            <>
              {item.canManage ? (
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
              {item.type === "ENVIRONMENT" ? (
                // The download refuses a specification that doesn't parse; don't offer a failing link.
                contentBodySchemas.ENVIRONMENT.safeParse(item.body).success ? (
                  <Button asChild variant="outline">
                    <a href={`/api/content/${contentId}/rojo.zip`} download>
                      <Download aria-hidden /> Download Roblox project
                    </a>
                  </Button>
                ) : (
                  <Button variant="outline" disabled title="Fix the environment's errors and save it first">
                    <Download aria-hidden /> Download Roblox project
                  </Button>
                )
              ) : null}
              <Button
                variant="outline"
                disabled={busy}
                onClick={() => guard.confirmDiscard(() => duplicate.mutate({ contentId }))}
              >
                <Copy aria-hidden /> Duplicate
              </Button>
              {item.canManage ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="outline" disabled={busy}>
                      <Trash2 aria-hidden /> Delete
                    </Button>
                  }
                  title={<>Delete "{item.title}"?</>}
                  description={
                    <>
                      It disappears from the library
                      {published ? " and colleagues can no longer use it" : ""}. You can restore it later from the
                      deleted items.
                    </>
                  }
                  destructive
                  pending={remove.isPending}
                  confirmLabel="Delete"
                  pendingLabel="Deleting…"
                  onConfirm={() => remove.mutate({ contentId })}
                />
              ) : null}
            </>
          )
        }
      />

      {deleted ? (
        <Alert>
          <AlertTitle>This {TYPE_LABEL[item.type].toLowerCase()} is deleted</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-3">
            Restore it to edit, publish or share it again.
            {item.canManage ? (
              <Button size="sm" disabled={restore.isPending} onClick={() => restore.mutate({ contentId })}>
                <RotateCcw aria-hidden /> {restore.isPending ? "Restoring…" : "Restore"}
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      {item.generated && !deleted ? <AiDraftNotice item={item} /> : null}
      {!item.canManage ? (
        <Alert>
          <AlertDescription>
            {item.author.name} owns this item. Duplicate it to make your own copy you can change.
          </AlertDescription>
        </Alert>
      ) : null}
      {conflict || newer ? (
        <ConflictAlert message={conflict ?? newer ?? ""} onLoadLatest={loadLatest} data-testid="conflict" />
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 gap-6">
          <ContentForm
            key={formKey(edited)}
            ref={formRef}
            initial={fromContent(edited)}
            disabled={!item.canManage || deleted}
            submitLabel="Save"
            pendingLabel="Saving…"
            trackChanges
            onSave={(values) => save(edited, values)}
            onDirtyChange={setFormDirty}
          />
          {isQuiz ? (
            <QuizQuestions
              quizId={item.id}
              draw={quizDraw}
              canManage={item.canManage}
              deleted={deleted}
              onSaveDraw={(draw) => saveQuizDraw(edited, draw)}
              onDirtyChange={setDrawDirty}
              drawRef={drawRef}
            />
          ) : null}
        </div>
        {item.canManage ? <VersionHistory item={item} disabled={deleted} onRestored={adopt} /> : null}
      </div>
      {guard.dialog}
    </div>
  );
}

function BackLink() {
  return (
    <div>
      <Button asChild variant="ghost" size="sm">
        <Link href="/teacher/content">
          <ArrowLeft aria-hidden /> Content library
        </Link>
      </Button>
    </div>
  );
}
