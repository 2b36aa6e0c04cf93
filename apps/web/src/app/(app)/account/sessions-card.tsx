"use client";

import type { SessionView } from "@toolboxai/validators";
import { Monitor, Smartphone } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LoadError } from "~/components/load-error";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";
import { RelativeTime } from "../teacher/tasks/task-ui";

const MOBILE = /\b(iOS|iPadOS|Android)\b/;

function SessionRow({ session }: { session: SessionView }) {
  // An app session's device is the app's own name ("Class iPad", or "Mobile app").
  const app = session.kind === "app";
  const Icon = app || MOBILE.test(session.device) ? Smartphone : Monitor;
  return (
    <li className="flex items-start gap-3 py-3" aria-current={session.current ? "true" : undefined}>
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
      <div className="grid gap-0.5">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {session.device}
          {app ? <Badge variant="secondary">App</Badge> : null}
          {session.current ? <Badge variant="success">This device</Badge> : null}
        </p>
        <p className="text-muted-foreground text-sm">
          {session.ip || "Address unknown"} · Last active <RelativeTime date={session.lastSeenAt} /> · Signed in{" "}
          <RelativeTime date={session.createdAt} />
        </p>
      </div>
    </li>
  );
}

/**
 * The browsers and apps signed in to this account, and "Sign out of other sessions" behind a
 * confirmation (it signs out the apps too).
 */
export function SessionsCard() {
  const utils = api.useUtils();
  const sessions = api.me.sessions.useQuery();
  const [confirming, setConfirming] = useState(false);
  const signOutOthers = api.me.signOutOtherSessions.useMutation({
    async onSuccess({ signedOut }) {
      setConfirming(false);
      toast.success(
        signedOut === 0 ? "No other session was open" : `Signed out of ${plural(signedOut, "other session")}`,
      );
      await utils.me.sessions.invalidate();
    },
    onError(error) {
      toast.error(error.message);
    },
  });
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Sessions</h2>
        </CardTitle>
        <CardDescription>
          Where your account is signed in, in browsers and apps. If you signed in on a shared computer or lost a device,
          sign out of the other sessions.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {sessions.isPending ? (
          <div className="grid gap-3" aria-hidden>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : sessions.isError ? (
          <LoadError
            title="Couldn't load your sessions"
            message={sessions.error.message}
            onRetry={() => void sessions.refetch()}
          />
        ) : (
          <ul aria-label="Signed-in sessions" className="divide-y">
            {sessions.data.map((s) => (
              <SessionRow key={s.id} session={s} />
            ))}
          </ul>
        )}
      </CardContent>
      <CardFooter className="justify-end">
        <Button variant="outline" disabled={others === 0} onClick={() => setConfirming(true)}>
          Sign out of other sessions
        </Button>
      </CardFooter>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Sign out of other sessions?"
        description={`${plural(others, "other session")} will be signed out at once and will need your password to sign in again. This browser stays signed in.`}
        confirmLabel="Sign out of other sessions"
        pendingLabel="Signing out…"
        destructive
        pending={signOutOthers.isPending}
        onConfirm={() => signOutOthers.mutate()}
      />
    </Card>
  );
}
