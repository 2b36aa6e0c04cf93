import type { QuestionView } from "@toolboxai/validators";
import type { ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { plural } from "~/lib/plural";
import { TYPE_LABEL } from "../../questions/question-form-model";

/** One question of a quiz's list: its number, prompt, type and points, and any controls (`children`). */
export function QuestionRow({
  question,
  number,
  children,
}: {
  question: QuestionView;
  number: number;
  children?: ReactNode;
}) {
  return (
    <li className="grid grid-cols-[2rem_1fr_auto] items-start gap-3 rounded-md border p-3">
      <span className="pt-0.5 font-semibold tabular-nums" aria-hidden>
        {number}.
      </span>
      <div className="grid min-w-0 gap-1">
        <p className="line-clamp-2 whitespace-pre-line break-words text-sm">{question.prompt}</p>
        <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
          <Badge variant="outline">{TYPE_LABEL[question.type]}</Badge>
          <span>{plural(question.points, "point")}</span>
          {question.canEdit ? null : <span>· shared by {question.owner.name}, view only</span>}
        </div>
      </div>
      {children ?? <span />}
    </li>
  );
}
