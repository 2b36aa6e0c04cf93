"use client";

import { type ContentDetail, type ContentVersionView, contentBodySchemas } from "@toolboxai/validators";
import { History } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/local-time";
// The student's lesson reader renders lesson text this way; a version should read the same.
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";
import { LessonMedia, withoutUnsafeMedia } from "../../../student/assignments/[assignmentId]/lesson-media";

/** Earlier versions of an item, newest first: view one, or restore it (the current state is kept). */
export function VersionHistory({
  item,
  disabled,
  onRestored,
}: {
  item: ContentDetail;
  disabled: boolean;
  /** Called with the new version a restore made, before it is shown. */
  onRestored?(next: ContentDetail): void;
}) {
  const utils = api.useUtils();
  const versions = api.content.listVersions.useQuery({ contentId: item.id });
  const [viewing, setViewing] = useState<ContentVersionView | null>(null);
  const [restoring, setRestoring] = useState<ContentVersionView | null>(null);
  const restore = api.content.restoreVersion.useMutation({
    async onSuccess(next) {
      onRestored?.(next);
      utils.content.get.setData({ contentId: item.id }, next);
      await Promise.all([
        utils.content.listVersions.invalidate({ contentId: item.id }),
        utils.content.list.invalidate(),
      ]);
      toast.success(`Restored version ${restoring?.version} as version ${next.version}`);
      setRestoring(null);
    },
    onError(error) {
      toast.error(error.message);
    },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Version history</h2>
        </CardTitle>
        <CardDescription>Every save keeps the previous version. You are on version {item.version}.</CardDescription>
      </CardHeader>
      <CardContent aria-busy={versions.isLoading}>
        {!versions.data ? (
          <div className="grid gap-2">
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : versions.data.length === 0 ? (
          <EmptyState icon={History} title="No earlier versions" description="They appear here after you save." />
        ) : (
          <ol className="grid gap-2">
            {versions.data.map((v) => (
              <li key={v.id} className="grid gap-2 rounded-md border p-3 text-sm">
                <div>
                  <div className="font-medium">
                    Version {v.version}: {v.title}
                  </div>
                  <div className="text-muted-foreground">
                    Replaced <LocalTime value={v.createdAt} />
                    {v.editedBy ? ` by ${v.editedBy.name}` : ""}
                  </div>
                </div>
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => setViewing(v)}
                    aria-label={`View version ${v.version}`}
                  >
                    View
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={disabled}
                    onClick={() => setRestoring(v)}
                    aria-label={`Restore version ${v.version}`}
                  >
                    Restore
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </CardContent>

      <Dialog open={viewing !== null} onOpenChange={(open) => (open ? undefined : setViewing(null))}>
        <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-3xl">
          <DialogHeader>
            <DialogTitle>
              Version {viewing?.version}: {viewing?.title}
            </DialogTitle>
            <DialogDescription>
              {viewing ? `${viewing.subject} · grade ${viewing.gradeLevel}` : null}
              {viewing?.tags.length ? ` · ${viewing.tags.join(", ")}` : null}
            </DialogDescription>
          </DialogHeader>
          {viewing?.description ? <p className="text-sm">{viewing.description}</p> : null}
          {viewing ? <BodyPreview type={item.type} body={viewing.body} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setViewing(null)}>
              Close
            </Button>
            <Button
              disabled={disabled}
              onClick={() => {
                setRestoring(viewing);
                setViewing(null);
              }}
            >
              Restore this version
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={restoring !== null}
        onClose={() => setRestoring(null)}
        title={<>Restore version {restoring?.version}?</>}
        description={
          <>
            Its title, details and content replace the current ones. The current state is kept in the history as version{" "}
            {item.version}, so you can go back. Unsaved changes in the editor are discarded.
          </>
        }
        pending={restore.isPending}
        confirmLabel="Restore"
        pendingLabel="Restoring…"
        onConfirm={() => {
          if (restoring) restore.mutate({ contentId: item.id, version: restoring.version });
        }}
      />
    </Card>
  );
}

/**
 * A stored body rendered as students see it: lesson sections and activity text through the
 * lesson reader's own Markdown renderer and media links, so a version reads like the lesson.
 */
function BodyPreview({ type, body }: { type: ContentDetail["type"]; body: unknown }) {
  if (type === "LESSON") {
    const lesson = contentBodySchemas.LESSON.safeParse(withoutUnsafeMedia(body));
    if (!lesson.success) return <Unreadable />;
    return (
      <div className="grid gap-6" data-testid="version-body">
        {lesson.data.sections.map((section) => (
          <section key={section.id} className="grid gap-3 rounded-md border p-4">
            <h3 className="font-semibold text-xl">{section.heading}</h3>
            {section.markdown.trim() ? (
              <Markdown mailto source={section.markdown} />
            ) : (
              <p className="text-muted-foreground">This section has no text.</p>
            )}
            <LessonMedia sectionId={`version-${section.id}`} media={section.media} />
          </section>
        ))}
      </div>
    );
  }
  if (type === "ACTIVITY") {
    const activity = contentBodySchemas.ACTIVITY.safeParse(body);
    if (!activity.success) return <Unreadable />;
    return (
      <div className="grid gap-6" data-testid="version-body">
        {activity.data.instructions.trim() ? (
          <section className="grid gap-3 rounded-md border p-4">
            <h3 className="font-semibold text-xl">Instructions</h3>
            <Markdown mailto source={activity.data.instructions} />
          </section>
        ) : null}
        {activity.data.steps.map((step, i) => (
          <section key={step.id} className="grid gap-3 rounded-md border p-4">
            <h3 className="font-semibold text-xl">Step {i + 1}</h3>
            <Markdown mailto source={step.text} />
          </section>
        ))}
      </div>
    );
  }
  if (type === "QUIZ") {
    const quiz = contentBodySchemas.QUIZ.safeParse(body);
    if (!quiz.success) return <Unreadable />;
    return (
      <div className="grid gap-3" data-testid="version-body">
        {quiz.data.instructions.trim() ? (
          <Markdown mailto source={quiz.data.instructions} />
        ) : (
          <p className="text-muted-foreground text-sm">No instructions.</p>
        )}
        <p className="text-muted-foreground text-sm">
          {quiz.data.draw
            ? `Students got ${plural(quiz.data.draw.count, "random question")} tagged “${quiz.data.draw.tag}”.`
            : "Students got the quiz's fixed list of questions (the list itself isn't part of a version)."}
        </p>
      </div>
    );
  }
  const environment = contentBodySchemas.ENVIRONMENT.safeParse(body);
  if (!environment.success) return <Unreadable />;
  const { terrain, scripts } = environment.data;
  return (
    <div className="grid gap-3 text-sm" data-testid="version-body">
      <h3 className="font-semibold text-xl">{terrain.name}</h3>
      {terrain.description ? <p>{terrain.description}</p> : null}
      <p className="text-muted-foreground">
        {terrain.baseMaterial} ground · {plural(terrain.stations.length, "station")} ·{" "}
        {plural(scripts.length, "script")}
      </p>
      <ul className="list-disc space-y-1 pl-6">
        {terrain.stations.map((station) => (
          <li key={station.id}>
            <span className="font-medium">{station.name}</span>: {station.prompt}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Unreadable() {
  return <p className="text-muted-foreground text-sm">This version's content can't be shown.</p>;
}
