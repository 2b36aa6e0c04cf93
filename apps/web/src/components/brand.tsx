import { GraduationCap } from "lucide-react";
import Link from "next/link";
import { cn } from "~/lib/utils";

export function Brand({ className, href = "/" }: { className?: string; href?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span className="grid size-8 place-items-center rounded-lg bg-primary text-primary-foreground" aria-hidden>
        <GraduationCap className="size-5" />
      </span>
      <span>ToolboxAI</span>
    </Link>
  );
}
