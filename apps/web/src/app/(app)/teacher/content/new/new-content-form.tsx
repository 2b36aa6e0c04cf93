"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { api } from "~/trpc/react";
import { TYPE_LABEL } from "../content-badges";
import { ContentForm } from "../content-form";
import { emptyContent } from "../content-form-model";

export function NewContentForm({ type }: { type: "LESSON" | "QUIZ" | "ACTIVITY" }) {
  const router = useRouter();
  const utils = api.useUtils();
  const create = api.content.create.useMutation();
  // What was typed before the item is created is lost by leaving: ask first.
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedChanges(dirty);
  return (
    <>
      <ContentForm
        key={type}
        initial={emptyContent(type)}
        submitLabel={`Create ${TYPE_LABEL[type].toLowerCase()}`}
        pendingLabel="Creating…"
        onSave={async (values) => {
          const item = await create.mutateAsync(values);
          await utils.content.list.invalidate();
          toast.success(
            item.type === "QUIZ" ? `"${item.title}" was created: now add its questions` : `"${item.title}" was created`,
          );
          router.push(`/teacher/content/${item.id}`);
        }}
        onDirtyChange={setDirty}
      />
      {guard.dialog}
    </>
  );
}
