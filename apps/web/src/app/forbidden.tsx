import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "~/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <ShieldAlert className="size-12 text-muted-foreground" aria-hidden />
      <p className="font-medium text-muted-foreground text-sm">Error 403</p>
      <h1 className="font-semibold text-2xl">You don't have access to this page</h1>
      <p className="max-w-md text-muted-foreground">
        Your role doesn't include this part of ToolboxAI. If you think it should, ask your school's administrator.
      </p>
      <Button asChild>
        <Link href="/">Go to my home</Link>
      </Button>
    </main>
  );
}
