// What the attempt review's cards share: the review's types, how points read, the server's field
// errors, and writing a save's answer back into the page's query.
import { api, type RouterOutputs } from "~/trpc/react";

export type Review = RouterOutputs["assignments"]["review"];
export type ReviewQuestion = Review["questions"][number];
export type FieldErrors = Record<string, string | undefined>;
export type OnDirty = (id: string, dirty: boolean) => void;

export const points = (n: number) =>
  `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, "")} ${n === 1 ? "point" : "points"}`;

/** Field errors of a tRPC error (zod's and the domain's), first message per field. */
export function serverFieldErrors(error: {
  data?: { fieldErrors?: Record<string, string[] | undefined> | null } | null;
}) {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(error.data?.fieldErrors ?? {})) if (v?.[0]) out[k] = v[0];
  return out;
}

/** A save's answer becomes the page's data at once; the gradebook refetches. */
export function useSaved(review: Review) {
  const utils = api.useUtils();
  return (next: Review) => {
    utils.assignments.review.setData({ attemptId: review.attemptId }, next);
    void utils.gradebook.invalidate();
  };
}

/** A short answer waiting for the teacher: submitted, graded automatically, not yet looked at. */
export const needsMarks = (review: Review, q: ReviewQuestion) =>
  review.status === "SUBMITTED" && q.type === "SHORT_ANSWER" && q.graded && q.gradedAt === null;

/** The anchor of an answer's card: the home's "To review" links land on it. */
export const answerAnchor = (questionId: string) => `answer-${questionId}`;
