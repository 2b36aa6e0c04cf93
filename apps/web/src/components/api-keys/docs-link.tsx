import { BookOpen } from "lucide-react";
import { buttonVariants } from "~/components/ui/button";

/** "API docs": the interactive OpenAPI reference at /docs. */
export function DocsLink() {
  return (
    <a href="/docs" className={buttonVariants({ variant: "outline" })}>
      <BookOpen className="size-4" aria-hidden /> API docs
    </a>
  );
}
