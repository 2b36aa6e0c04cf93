"use client";

import { channels } from "@toolboxai/validators";
import { ROLE_LABEL } from "~/components/app-shell";
import { Avatar, AvatarFallback } from "~/components/ui/avatar";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { usePresence, useRealtimeStatus, useRealtimeUser } from "./realtime-provider";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return `${first}${last}`.toUpperCase();
}

/** Who is looking at this class right now (its teacher, students and admins), live. */
export function WhoIsOnline({ classId, className }: { classId: string; className?: string }) {
  const me = useRealtimeUser();
  const status = useRealtimeStatus();
  const { members, available } = usePresence(channels.classPresence(classId));

  let body: React.ReactNode;
  if (available) {
    body = (
      <ul className="grid gap-3" aria-label="People online">
        {members.map((member) => (
          <li key={member.id} className="flex items-center gap-3">
            <Avatar>
              <AvatarFallback aria-hidden="true">{initials(member.name)}</AvatarFallback>
            </Avatar>
            <span className="min-w-0 flex-1 truncate font-medium text-sm">
              {member.name}
              {member.id === me?.userId ? <span className="font-normal text-muted-foreground"> (you)</span> : null}
            </span>
            {member.role ? <Badge variant="secondary">{ROLE_LABEL[member.role]}</Badge> : null}
          </li>
        ))}
      </ul>
    );
  } else if (status === "connecting") {
    body = (
      <div className="grid gap-3" aria-busy="true">
        <span className="sr-only">Connecting…</span>
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-2/3" />
      </div>
    );
  } else {
    body = <p className="text-muted-foreground text-sm">Live presence is unavailable.</p>;
  }

  return (
    <Card className={className} aria-labelledby={`online-${classId}`} role="region">
      <CardHeader>
        <CardTitle>
          <h2 id={`online-${classId}`}>Who's online</h2>
        </CardTitle>
        <CardDescription>
          {available
            ? `${members.length} ${members.length === 1 ? "person" : "people"} viewing this class now.`
            : "People viewing this class now."}
        </CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
