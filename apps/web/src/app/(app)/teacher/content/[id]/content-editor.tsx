"use client";

import { type ContentDetail, contentBodySchemas } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { ArrowLeft, Copy, Download, Eye, EyeOff, RotateCcw, Sparkles, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { PageHeader } from "~/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { StatusBadge, TYPE_LABEL, TypeBadge } from "../content-badges";
import { ContentForm, type ContentFormValues, emptyBody, type GradeLevel } from "../content-form";
import { type QuizDraw, QuizQuestions, storedQuizDraw } from "./quiz-questions";
import { VersionHistory } from "./version-history";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** The form's values for a stored item; a body that no longer fits its type starts empty. */
function toFormValues(item: ContentDetail): ContentFormValues {
  const body = contentBodySchemas[item.type].safeParse(item.body);
  return {
    type: item.type,
    title: item.title,
    description: item.description,
    subject: item.subject,
    gradeLevel: item.gradeLevel as GradeLevel,
    tags: item.tags,
    body: body.success ? body.data : emptyBody(item.type),
  } as ContentFormValues;
}

export function ContentEditor({ contentId }: { contentId: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const query = api.content.get.useQuery({ contentId });
  const [conflict, setConflict] = useState<string | null>(null);
  // Versions made by the Questions card (a draw change) map to the version the form was started
  // from, so the form keeps what the user is typing; other new versions start the form afresh.
  const [formBase, setFormBase] = useState<Record<number, number>>({});

  const saved = async (item: ContentDetail, message: string) => {
    utils.content.get.setData({ contentId }, item);
    await Promise.all([utils.content.list.invalidate(), utils.content.listVersions.invalidate({ contentId })]);
    toast.success(message);
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const update = api.content.update.useMutation();
  const publish = api.content.publish.useMutation({
    onSuccess: (item) => saved(item, "Published: colleagues can now find and use it"),
    onError,
  });
  const unpublish = api.content.unpublish.useMutation({
    onSuccess: (item) => saved(item, "Unpublished: it's a draft again"),
    onError,
  });
  const restore = api.content.restore.useMutation({ onSuccess: (item) => saved(item, "Restored"), onError });
  const duplicate = api.content.duplicate.useMutation({
    async onSuccess(copy) {
      await utils.content.list.invalidate();
      toast.success(`Created "${copy.title}"`);
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

  const deleted = item.deletedAt !== null;
  const isQuiz = item.type === "QUIZ";
  const quizDraw = isQuiz ? storedQuizDraw(item.body) : null;

  /** The Questions card's save: the stored item with new draw settings, as a new version. */
  const saveQuizDraw = async (draw: QuizDraw | null): Promise<boolean> => {
    setConflict(null);
    const { type: _type, body, ...fields } = toFormValues(item);
    try {
      const next = await update.mutateAsync({
        contentId,
        expectedVersion: item.version,
        ...fields,
        body: { ...(body as object), draw },
      });
      setFormBase((bases) => ({ ...bases, [next.version]: bases[item.version] ?? item.version }));
      await saved(
        next,
        draw
          ? `Saved: students get ${draw.count} random questions tagged “${draw.tag}”`
          : "Saved: students get the fixed list",
      );
      return true;
    } catch (error) {
      if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") setConflict(error.message);
      else toast.error(error instanceof Error ? error.message : "The settings couldn't be saved. Try again.");
      return false;
    }
  };
  const published = item.status === "PUBLISHED";
  // The generation task that drafted the item, if any.
  const agentTaskId = item.agentTaskId;
  const busy = publish.isPending || unpublish.isPending || duplicate.isPending || remove.isPending;

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
              Version {item.version} · by {item.author.name} · updated {dateFormat.format(item.updatedAt)}
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
                  <Button disabled={busy} onClick={() => publish.mutate({ contentId })}>
                    <Eye aria-hidden /> Publish
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
              <Button variant="outline" disabled={busy} onClick={() => duplicate.mutate({ contentId })}>
                <Copy aria-hidden /> Duplicate
              </Button>
              {item.canManage ? (
                <AlertDialog>
                  <AlertDialogTrigger asChild>
                    <Button variant="outline" disabled={busy}>
                      <Trash2 aria-hidden /> Delete
                    </Button>
                  </AlertDialogTrigger>
                  <AlertDialogContent>
                    <AlertDialogHeader>
                      <AlertDialogTitle>Delete "{item.title}"?</AlertDialogTitle>
                      <AlertDialogDescription>
                        It disappears from the library
                        {published ? " and colleagues can no longer use it" : ""}. You can restore it later from the
                        deleted items.
                      </AlertDialogDescription>
                    </AlertDialogHeader>
                    <AlertDialogFooter>
                      <AlertDialogCancel>Cancel</AlertDialogCancel>
                      <AlertDialogAction
                        className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
                        disabled={remove.isPending}
                        onClick={(e) => {
                          e.preventDefault();
                          remove.mutate({ contentId });
                        }}
                      >
                        {remove.isPending ? "Deleting…" : "Delete"}
                      </AlertDialogAction>
                    </AlertDialogFooter>
                  </AlertDialogContent>
                </AlertDialog>
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
      {item.generated && !deleted ? (
        <Alert role="status">
          <Sparkles aria-hidden />
          <AlertDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              Drafted with AI.
              {item.status === "GENERATED" ? " Students can't see it until you publish it." : ""}
            </span>
            <Link
              href={agentTaskId ? `/teacher/tasks/${agentTaskId}` : "/teacher/tasks"}
              className="font-medium text-foreground underline underline-offset-4"
            >
              {agentTaskId ? "See the generation task and its evidence" : "See your AI tasks"}
            </Link>
          </AlertDescription>
        </Alert>
      ) : null}
      {!item.canManage ? (
        <Alert>
          <AlertDescription>
            {item.author.name} owns this item. Duplicate it to make your own copy you can change.
          </AlertDescription>
        </Alert>
      ) : null}
      {conflict ? (
        <Alert variant="destructive" data-testid="conflict">
          <AlertTitle>Someone else saved first</AlertTitle>
          <AlertDescription className="grid gap-3">
            <p>{conflict}</p>
            <div>
              <Button
                size="sm"
                variant="outline"
                onClick={async () => {
                  await query.refetch();
                  await utils.content.listVersions.invalidate({ contentId });
                  setConflict(null);
                }}
              >
                Discard my changes and load the latest version
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 gap-6">
          <ContentForm
            // A new version (a save, a restore, the latest loaded after a conflict) starts the form afresh.
            key={`${item.id}:${formBase[item.version] ?? item.version}`}
            initial={toFormValues(item)}
            disabled={!item.canManage || deleted}
            submitLabel="Save"
            pendingLabel="Saving…"
            onSave={async ({ type: _type, ...values }) => {
              setConflict(null);
              try {
                // A quiz's draw settings belong to the Questions card: keep the stored ones.
                const body = isQuiz ? { ...(values.body as object), draw: quizDraw } : values.body;
                const next = await update.mutateAsync({ contentId, expectedVersion: item.version, ...values, body });
                await saved(next, `Saved as version ${next.version}`);
              } catch (error) {
                if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
                  setConflict(error.message);
                  return;
                }
                throw error;
              }
            }}
          />
          {isQuiz ? (
            <QuizQuestions
              quizId={item.id}
              draw={quizDraw}
              canManage={item.canManage}
              deleted={deleted}
              onSaveDraw={saveQuizDraw}
            />
          ) : null}
        </div>
        {item.canManage ? <VersionHistory item={item} disabled={deleted} /> : null}
      </div>
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
