"use client";

// The teacher's feedback on the whole attempt: returned to the student with their result.
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormField } from "~/components/ui/form-field";
import { Textarea } from "~/components/ui/textarea";
import { api } from "~/trpc/react";
import { DateTimeText } from "../../../../../student/assignment-ui";
import { type OnDirty, type Review, serverFieldErrors, useSaved } from "./review-model";

export function FeedbackCard({ review, onDirty }: { review: Review; onDirty: OnDirty }) {
  const saved = useSaved(review);
  const [text, setText] = useState(review.feedback ?? "");
  const [error, setError] = useState<string | undefined>();
  const mutation = api.assignments.setFeedback.useMutation({
    onSuccess(next) {
      saved(next);
      setText(next.feedback ?? "");
      setError(undefined);
      toast.success(`Feedback returned to ${review.student.name}`);
    },
    onError(e) {
      setError(serverFieldErrors(e).feedback ?? e.message);
    },
  });
  const dirty = text.trim() !== (review.feedback ?? "");
  useEffect(() => onDirty("feedback", dirty), [onDirty, dirty]);
  useEffect(() => () => onDirty("feedback", false), [onDirty]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Feedback on this attempt</h2>
        </CardTitle>
        <CardDescription>
          {review.returnedAt ? (
            <>
              Last returned <DateTimeText value={review.returnedAt} />
              {review.unseenByStudent ? " · not opened by the student yet" : " · seen by the student"}
            </>
          ) : (
            "The student sees it with their result."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate({ attemptId: review.attemptId, feedback: text });
          }}
        >
          <FormField htmlFor="attempt-feedback" label="Feedback to the student" error={error}>
            <Textarea id="attempt-feedback" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </FormField>
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={mutation.isPending || !dirty}>
              {mutation.isPending ? "Returning…" : "Return feedback"}
            </Button>
            {dirty ? <span className="text-muted-foreground text-xs">Unsaved changes</span> : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
