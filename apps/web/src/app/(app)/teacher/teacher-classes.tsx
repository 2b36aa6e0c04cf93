"use client";

import { useState } from "react";
import { ClassList } from "~/components/classes/class-list";

/**
 * The teacher's classes, with a filter that brings archived classes back into view: an archived
 * class's card opens its page, where "Unarchive" reopens it.
 */
export function TeacherClasses({ emptyAction }: { emptyAction?: React.ReactNode }) {
  const [showArchived, setShowArchived] = useState(false);
  return (
    <section aria-labelledby="your-classes" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="your-classes" className="font-semibold text-lg">
          Your classes
        </h2>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          Show archived classes
        </label>
      </div>
      <ClassList
        linkBase="/teacher/classes/"
        includeArchived={showArchived}
        empty={{
          title: "No classes yet",
          description: "Create your first class, then share its join code with your students.",
          action: emptyAction,
        }}
      />
    </section>
  );
}
