import type { LucideIcon } from "lucide-react";
import { PageHeader } from "~/components/page-header";
import { Card, CardContent } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";

/** The shared frame of the teacher, student and parent homes until their features land. */
export function RoleHome(props: {
  greeting: string;
  description: string;
  empty: { icon: LucideIcon; title: string; description: string };
}) {
  return (
    <>
      <PageHeader title={props.greeting} description={props.description} />
      <Card>
        <CardContent className="py-10">
          <EmptyState icon={props.empty.icon} title={props.empty.title} description={props.empty.description} />
        </CardContent>
      </Card>
    </>
  );
}
