import { NotFoundCard } from "~/components/not-found-card";
import { PageHeader } from "~/components/page-header";

/** A link to an assignment that is gone or not the student's (the page answers HTTP 404). */
export default function AssignmentNotFound() {
  return (
    <>
      <PageHeader title="Assignment not found" />
      <NotFoundCard
        title="We couldn't find that assignment"
        description="It may have been removed, or the class may have been archived. Ask your teacher if you think it should be here."
        backLabel="Back to my assignments"
      />
    </>
  );
}
