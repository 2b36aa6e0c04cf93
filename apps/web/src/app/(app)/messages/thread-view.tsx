"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { replySchema } from "@toolboxai/validators";
import { ArrowLeft, Megaphone, Send } from "lucide-react";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { LocalTime } from "~/components/local-time";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { FormField } from "~/components/ui/form-field";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { POLL_MS, threadTitle } from "./format";

const replyFormSchema = replySchema.pick({ body: true });
type ReplyForm = { body: string };

/** The selected conversation: its messages, oldest first, and a reply box. Opening it marks it read. */
export function ThreadView({
  threadId,
  viewerId,
  autoFocus,
  onBack,
}: {
  threadId: string;
  viewerId: string;
  autoFocus: boolean;
  onBack: () => void;
}) {
  const utils = api.useUtils();
  const pollMs = useLivePolling(POLL_MS);
  const thread = api.messages.thread.useQuery({ threadId }, { refetchInterval: pollMs, retry: false });
  const heading = useRef<HTMLHeadingElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const data = thread.data;

  // Reading marks the thread read on the server; reflect that in the list and the nav badge.
  useEffect(() => {
    if (!data) return;
    utils.messages.threads.setData(undefined, (old) =>
      old?.map((t) => (t.id === data.id ? { ...t, unreadCount: 0 } : t)),
    );
    void utils.messages.unreadCount.invalidate();
  }, [data, utils]);

  const loaded = data !== undefined;
  useEffect(() => {
    if (loaded && autoFocus) heading.current?.focus();
  }, [loaded, autoFocus]);

  const messageCount = data?.messages.length ?? 0;
  useEffect(() => {
    if (messageCount > 0 && log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [messageCount]);

  if (thread.isPending) {
    return (
      <div className="grid gap-3 p-4" aria-busy="true">
        <Spinner label="Loading conversation" className="justify-start" />
        <Skeleton className="h-6 w-1/2" />
        <Skeleton className="h-16 w-3/4" />
        <Skeleton className="ml-auto h-16 w-2/3" />
      </div>
    );
  }
  if (thread.isError) {
    return (
      <div className="grid gap-3 p-4">
        <Alert variant="destructive">
          <AlertDescription>
            {thread.error.data?.code === "NOT_FOUND"
              ? "This conversation is not available to you."
              : `Could not load this conversation: ${thread.error.message}`}
          </AlertDescription>
        </Alert>
        <Button variant="outline" className="w-fit" onClick={onBack}>
          <ArrowLeft aria-hidden="true" />
          Back to conversations
        </Button>
      </div>
    );
  }

  const t = thread.data;
  return (
    <div className="flex h-full max-h-[44rem] flex-col">
      <header className="flex items-start gap-2 border-b p-4">
        <Button variant="ghost" size="icon" className="md:hidden" onClick={onBack} aria-label="Back to conversations">
          <ArrowLeft aria-hidden="true" />
        </Button>
        <div className="min-w-0 space-y-1">
          <h2 ref={heading} tabIndex={-1} className="truncate font-semibold text-lg outline-none">
            {t.subject}
          </h2>
          <p className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
            {t.kind === "ANNOUNCEMENT" ? (
              <Badge variant="secondary">
                <Megaphone aria-hidden="true" />
                Announcement
              </Badge>
            ) : null}
            <span>
              {t.kind === "ANNOUNCEMENT"
                ? `To ${t.className ?? "a class"}, from ${t.participants.map((p) => p.name).join(", ")}`
                : `With ${threadTitle({ ...t, others: t.participants.filter((p) => p.id !== viewerId) })}${t.className ? ` · ${t.className}` : ""}`}
            </span>
          </p>
        </div>
      </header>
      {/* role="log" on a wrapper: on the <ol> itself it would hide the list semantics of its items. */}
      <div ref={log} role="log" aria-label="Messages" className="flex-1 overflow-y-auto p-4">
        <ol className="grid content-start gap-3">
          {t.messages.map((m) => (
            <li key={m.id} className={cn("grid max-w-[85%] gap-1", m.mine && "ml-auto justify-items-end")}>
              <span className="text-muted-foreground text-xs">
                <span className="font-medium text-foreground">{m.mine ? "You" : m.authorName}</span>
                {" · "}
                <LocalTime value={m.createdAt} />
              </span>
              <p
                className={cn(
                  "whitespace-pre-wrap break-words rounded-lg px-3 py-2 text-sm",
                  m.mine ? "bg-primary text-primary-foreground" : "bg-muted",
                )}
              >
                {m.body}
              </p>
            </li>
          ))}
        </ol>
      </div>
      {t.canReply ? (
        <ReplyBox threadId={t.id} />
      ) : (
        <p className="border-t p-4 text-muted-foreground text-sm">
          Announcements cannot be replied to. To ask about it, send your teacher a new message.
        </p>
      )}
    </div>
  );
}

function ReplyBox({ threadId }: { threadId: string }) {
  const utils = api.useUtils();
  const form = useForm<ReplyForm>({ resolver: zodResolver(replyFormSchema), defaultValues: { body: "" } });
  const send = api.messages.reply.useMutation({
    async onSuccess(message) {
      utils.messages.thread.setData({ threadId }, (old) =>
        old && !old.messages.some((m) => m.id === message.id) ? { ...old, messages: [...old.messages, message] } : old,
      );
      form.reset({ body: "" });
      await utils.messages.threads.invalidate();
    },
    onError(error) {
      const failure = applyServerErrors(error, form.setError);
      if (failure) toast.error(failure);
    },
  });
  const submit = form.handleSubmit((values) => send.mutate({ threadId, ...values }));
  const { errors } = form.formState;
  const bodyField = form.register("body");

  return (
    <form noValidate onSubmit={submit} className="grid gap-2 border-t p-4">
      <FormField
        label="Reply"
        htmlFor="reply-body"
        error={errors.body?.message}
        description="Press Ctrl + Enter (⌘ + Enter on Mac) to send."
      >
        <Textarea
          id="reply-body"
          rows={3}
          maxLength={5000}
          placeholder="Write a reply"
          {...bodyField}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </FormField>
      <Button type="submit" className="w-fit justify-self-end" disabled={send.isPending}>
        <Send aria-hidden="true" />
        {send.isPending ? "Sending…" : "Send"}
      </Button>
    </form>
  );
}
