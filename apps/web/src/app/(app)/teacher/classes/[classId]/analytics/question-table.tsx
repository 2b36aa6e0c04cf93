"use client";

// Results by question: every quiz question answered in the range with its share answered
// correctly, sortable by any column (the header buttons say the order for screen readers).
import type { ClassAnalytics } from "@toolboxai/validators";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useState } from "react";
import { RateBar } from "~/components/metrics/rate-bar";
import { Badge } from "~/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";

type Row = ClassAnalytics["by_question"][number];
type SortKey = "prompt" | "answers" | "correct_rate";
const LABEL: Record<SortKey, string> = { prompt: "Question", answers: "Answers", correct_rate: "Correct" };

function compare(a: Row, b: Row, key: SortKey): number {
  if (key === "prompt") return a.prompt.localeCompare(b.prompt);
  if (key === "answers") return a.answers - b.answers;
  // Unanswered (null) sorts below every rate.
  return (a.correct_rate ?? -1) - (b.correct_rate ?? -1);
}

export function QuestionTable({ rows }: { rows: Row[] }) {
  // Hardest first: what a teacher looks for.
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "correct_rate", ascending: true });
  const sorted = [...rows].sort((a, b) => compare(a, b, sort.key) * (sort.ascending ? 1 : -1));
  const header = (key: SortKey, numeric: boolean) => {
    const active = sort.key === key;
    const Icon = active ? (sort.ascending ? ArrowUp : ArrowDown) : ArrowUpDown;
    return (
      <TableHead
        className={numeric ? "text-right" : undefined}
        aria-sort={active ? (sort.ascending ? "ascending" : "descending") : "none"}
      >
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          onClick={() => setSort({ key, ascending: active ? !sort.ascending : key === "prompt" })}
        >
          {LABEL[key]}
          <Icon className="size-3.5" aria-hidden />
          <span className="sr-only">, sort</span>
        </button>
      </TableHead>
    );
  };
  return (
    <Table data-testid="by-question">
      <caption className="sr-only">Results by question, sortable</caption>
      <TableHeader>
        <TableRow>
          {header("prompt", false)}
          <TableHead>Standards</TableHead>
          {header("answers", true)}
          {header("correct_rate", true)}
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((q) => (
          <TableRow key={q.question_id}>
            <TableCell className="max-w-[28rem] whitespace-normal">{q.prompt}</TableCell>
            <TableCell className="whitespace-normal">
              <span className="flex flex-wrap gap-1">
                {q.standards.length === 0 ? <span className="text-muted-foreground">—</span> : null}
                {q.standards.map((s) => (
                  <Badge key={s} variant="outline">
                    {s}
                  </Badge>
                ))}
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">{q.answers}</TableCell>
            <TableCell className="text-right">
              <RateBar value={q.correct_rate} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
