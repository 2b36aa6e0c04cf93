import Link from "next/link";
import { Button } from "~/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="font-medium text-muted-foreground text-sm">Error 404</p>
      <h1 className="font-semibold text-2xl">We couldn't find that page</h1>
      <p className="max-w-md text-muted-foreground">The link may be old, or the page may have moved.</p>
      <Button asChild>
        <Link href="/">Go to my home</Link>
      </Button>
    </main>
  );
}
