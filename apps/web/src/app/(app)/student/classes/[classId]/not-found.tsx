import { NotFoundCard } from "~/components/not-found-card";
import { PageHeader } from "~/components/page-header";

/** A class the student is not in, or that was archived (the page answers HTTP 404). */
export default function StudentClassNotFound() {
  return (
    <>
      <PageHeader title="Class not found" />
      <NotFoundCard
        title="We couldn't find that class"
        description="You may not be in it, or your teacher archived it. Ask them for the class code if you should be."
        backLabel="Back to my learning"
      />
    </>
  );
}
