"use client";

import { type ContentDetail, type ContentVersionView, safeHref } from "@toolboxai/validators";
import { History } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
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
import { api } from "~/trpc/react";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** Earlier versions of an item, newest first: view one, or restore it (the current state is kept). */
export function VersionHistory({ item, disabled }: { item: ContentDetail; disabled: boolean }) {
  const utils = api.useUtils();
  const versions = api.content.listVersions.useQuery({ contentId: item.id });
  const [viewing, setViewing] = useState<ContentVersionView | null>(null);
  const [restoring, setRestoring] = useState<ContentVersionView | null>(null);
  const restore = api.content.restoreVersion.useMutation({
    async onSuccess(next) {
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
                    Replaced {dateFormat.format(v.createdAt)}
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
        <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-2xl">
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

/** A read-only rendering of a stored body (markdown shown as written). */
function BodyPreview({ type, body }: { type: ContentDetail["type"]; body: unknown }) {
  const b = (typeof body === "object" && body !== null ? body : {}) as {
    sections?: { heading?: string; markdown?: string; media?: { url: string; caption?: string }[] }[];
    instructions?: string;
    steps?: { text?: string }[];
  };
  if (type === "LESSON") {
    return (
      <div className="grid gap-4">
        {(b.sections ?? []).map((s, i) => (
          <section key={i} className="grid gap-1">
            <h3 className="font-semibold">{s.heading}</h3>
            <p className="whitespace-pre-wrap text-sm">{s.markdown}</p>
            {(s.media ?? []).map((m) => (
              <a
                key={m.url}
                href={safeHref(m.url) ?? undefined}
                target="_blank"
                rel="noreferrer"
                className="text-primary text-sm underline"
              >
                {m.caption || m.url}
              </a>
            ))}
          </section>
        ))}
      </div>
    );
  }
  return (
    <div className="grid gap-3 text-sm">
      {b.instructions ? <p className="whitespace-pre-wrap">{b.instructions}</p> : null}
      {b.steps?.length ? (
        <ol className="list-decimal space-y-1 pl-5">
          {b.steps.map((s, i) => (
            <li key={i}>{s.text}</li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
