import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "~/components/ui/button";
import { Card, CardContent } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";

/** What a student sees for a link to something that is gone or not theirs, with a way back home. */
export function NotFoundCard({
  title,
  description,
  backLabel,
  backHref = "/student",
}: {
  title: string;
  description: string;
  backLabel: string;
  backHref?: string;
}) {
  return (
    <Card>
      <CardContent>
        <EmptyState
          icon={SearchX}
          title={title}
          description={description}
          action={
            <Button asChild>
              <Link href={backHref}>{backLabel}</Link>
            </Button>
          }
        />
      </CardContent>
    </Card>
  );
}
