import { FileUp } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "~/components/ui/button";

/** The Users page's "Import" button: to the bulk import of people. */
export function ImportPeopleLink() {
  return (
    <Link href="/admin/users/import" className={buttonVariants({ variant: "outline" })}>
      <FileUp className="size-4" aria-hidden /> Import
    </Link>
  );
}
