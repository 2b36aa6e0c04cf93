"use client";

// COPPA: a card per linked child under 13. It shows the statement the parent agrees to and where
// consent stands; "I consent" records it (messaging and AI features open for the child), and
// "Withdraw consent", after a confirmation, closes them again.
import type { ChildConsent } from "@toolboxai/validators";
import { ShieldCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { api } from "~/trpc/react";

const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

function ConsentCard({ child }: { child: ChildConsent }) {
  const utils = api.useUtils();
  const [confirming, setConfirming] = useState(false);
  const done = async () => utils.consent.mine.invalidate();
  const grant = api.consent.grant.useMutation({
    async onSuccess() {
      await done();
      toast.success(`Consent recorded: ${child.name} can now use messaging and AI features`);
    },
    onError: (error) => toast.error(error.message),
  });
  const revoke = api.consent.revoke.useMutation({
    async onSuccess() {
      await done();
      setConfirming(false);
      toast.success(`Consent withdrawn for ${child.name}`);
    },
    onError: (error) => toast.error(error.message),
  });
  const granted = child.state === "granted";
  const titleId = `consent-${child.studentId}`;

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <h2 id={titleId}>Parental consent for {child.name}</h2>
          {granted ? (
            <Badge variant="success">Consent given</Badge>
          ) : (
            <Badge variant="warning">{child.state === "revoked" ? "Consent withdrawn" : "Consent needed"}</Badge>
          )}
        </CardTitle>
        <CardDescription>
          {child.name} is under 13{child.age === null ? "" : ` (${child.age})`}. The law (COPPA) asks for your consent
          before they can message their teachers and use ToolboxAI's AI features.
          {granted && child.consentedAt ? (
            <>
              {" "}
              You gave it on <LocalTime value={child.consentedAt} options={DATE} />.
            </>
          ) : null}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <blockquote className="border-l-2 pl-4 text-sm italic">{child.statement}</blockquote>
      </CardContent>
      <CardFooter className="justify-end">
        {granted ? (
          <Button
            variant="outline"
            onClick={() => setConfirming(true)}
            aria-label={`Withdraw consent for ${child.name}`}
          >
            Withdraw consent
          </Button>
        ) : (
          <Button
            disabled={grant.isPending}
            onClick={() => grant.mutate({ studentId: child.studentId })}
            aria-label={`I consent for ${child.name}`}
          >
            {grant.isPending ? "Saving…" : "I consent"}
          </Button>
        )}
      </CardFooter>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Withdraw consent for ${child.name}?`}
        description={`${child.name} will no longer be able to send or receive messages or use AI features until you give consent again.`}
        confirmLabel="Withdraw consent"
        pendingLabel="Withdrawing…"
        destructive
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate({ studentId: child.studentId })}
      />
    </Card>
  );
}

/** A consent card for each linked child under 13 (children 13 and over, or without a birth date, need none). */
export function ConsentCards() {
  const children = api.consent.mine.useQuery();
  if (children.error) {
    return <p className="mb-6 text-destructive">Couldn't load parental consent: {children.error.message}</p>;
  }
  const under13 = (children.data ?? []).filter((c) => c.state !== "not_required");
  if (under13.length === 0) return null;
  return (
    <section aria-label="Parental consent" className="mb-6 grid gap-6">
      <p className="flex items-center gap-2 text-muted-foreground text-sm">
        <ShieldCheck aria-hidden className="size-4" />
        Children under 13 need your consent for messaging and AI features.
      </p>
      {under13.map((child) => (
        <ConsentCard key={child.studentId} child={child} />
      ))}
    </section>
  );
}
