// Why a draft can be trusted (or not): which step made it, what the reviewer found, whether its
// answer keys and scripts passed the automatic checks, and which standards it claims.
import type { TaskResult } from "@toolboxai/validators";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { AGENT_LABEL, PART_LABEL, plural } from "../task-ui";

type ResultItem = TaskResult["items"][number];
type Review = TaskResult["review"];
type Finding = ResultItem["findings"][number];

const SEVERITY = {
  info: { label: "Info", variant: "secondary" },
  warning: { label: "Warning", variant: "warning" },
  blocker: { label: "Blocker", variant: "destructive" },
} as const satisfies Record<Finding["severity"], { label: string; variant: "secondary" | "warning" | "destructive" }>;

const CATEGORY_LABEL: Record<Finding["category"], string> = {
  age: "Age",
  accuracy: "Accuracy",
  accessibility: "Accessibility",
  privacy: "Privacy",
};

const STRENGTH_VARIANT: Record<string, "success" | "warning" | "outline"> = {
  strong: "success",
  partial: "warning",
  weak: "outline",
};

/** "quiz" -> "Quiz writer"; anything else as it is. */
function agentOrText(name: string): string {
  return name in AGENT_LABEL ? AGENT_LABEL[name as keyof typeof AGENT_LABEL] : name;
}

export function EvidencePanel({ item, review }: { item: ResultItem; review: Review }) {
  const id = `evidence-${item.part}`;
  const part = PART_LABEL[item.part].toLowerCase();
  return (
    <Card role="region" aria-labelledby={id} className="gap-4">
      <CardHeader>
        <CardTitle>
          <h3 id={id}>Evidence</h3>
        </CardTitle>
        <CardDescription>How the agents made and checked this {part}.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5 text-sm">
        <div className="grid gap-1">
          <h4 className="font-medium">Produced by</h4>
          <p>
            {AGENT_LABEL[item.agent]} <span className="text-muted-foreground">(step “{item.step}”)</span>
          </p>
        </div>

        <div className="grid gap-2">
          <h4 className="font-medium">Review</h4>
          {review ? (
            <>
              <p className="flex flex-wrap items-center gap-2">
                <Badge variant={review.verdict === "approved" ? "success" : "warning"}>
                  {review.verdict === "approved" ? "Approved" : "Revise"}
                </Badge>
                {review.revised.length > 0 ? (
                  <span className="text-muted-foreground">
                    Revised after review: {review.revised.map(agentOrText).join(", ")}
                  </span>
                ) : null}
              </p>
              <p>{review.summary}</p>
            </>
          ) : (
            <p className="text-muted-foreground">No review was recorded.</p>
          )}
          {item.findings.length > 0 ? (
            <ul aria-label={`Findings for the ${part}`} className="grid gap-2">
              {item.findings.map((finding, i) => (
                <li key={i} className="grid gap-1 rounded-md border p-2">
                  <span className="flex flex-wrap gap-1">
                    <Badge variant={SEVERITY[finding.severity].variant}>{SEVERITY[finding.severity].label}</Badge>
                    <Badge variant="outline">{CATEGORY_LABEL[finding.category]}</Badge>
                  </span>
                  <span>{finding.message}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">No findings for this {part}.</p>
          )}
        </div>

        {item.answerKeyCheck ? (
          <Check
            title="Answer key check"
            ok={item.answerKeyCheck.problems.length === 0}
            summary={`${item.answerKeyCheck.valid} of ${plural(item.answerKeyCheck.checked, "answer key")} valid`}
            problems={item.answerKeyCheck.problems}
          />
        ) : null}
        {item.scriptCheck ? (
          <Check
            title="Script check"
            ok={item.scriptCheck.problems.length === 0}
            summary={`${item.scriptCheck.parsed} of ${plural(item.scriptCheck.checked, "script")} ${
              item.scriptCheck.parsed === 1 ? "parses" : "parse"
            }`}
            problems={item.scriptCheck.problems}
          />
        ) : null}

        <div className="grid gap-2">
          <h4 className="font-medium">Standards</h4>
          {item.standards.length > 0 ? (
            <ul className="grid gap-2">
              {item.standards.map((s) => (
                <li key={s.code} className="grid gap-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium font-mono">{s.code}</span>
                    <Badge variant={STRENGTH_VARIANT[s.strength] ?? "outline"}>{s.strength}</Badge>
                  </span>
                  <span className="text-muted-foreground">{s.evidence}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">This {part} claims no standards.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}

function Check({ title, ok, summary, problems }: { title: string; ok: boolean; summary: string; problems: string[] }) {
  const Icon = ok ? CheckCircle2 : AlertTriangle;
  return (
    <div className="grid gap-1">
      <h4 className="font-medium">{title}</h4>
      <p className="flex items-center gap-2">
        <Icon className={ok ? "size-4 text-success" : "size-4 text-warning"} aria-hidden />
        {summary}
      </p>
      {problems.length > 0 ? (
        <ul className="list-disc pl-5 text-muted-foreground">
          {problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
