"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import { Label } from "~/components/ui/label";
import { SearchInput } from "~/components/ui/search-input";
import { Skeleton } from "~/components/ui/skeleton";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";

export function AddStudentDialog({ classId, trigger }: { classId: string; trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim());
  const utils = api.useUtils();
  const options = api.classes.availableStudents.useQuery({ classId, search: term || undefined }, { enabled: open });
  const add = api.classes.addStudent.useMutation({
    async onSuccess(detail, input) {
      await Promise.all([
        utils.classes.get.setData({ classId }, detail),
        utils.classes.availableStudents.invalidate({ classId }),
        utils.classes.list.invalidate(),
      ]);
      const name = detail.roster?.find((s) => s.id === input.studentId)?.name ?? "Student";
      toast.success(`${name} added`);
    },
    onError: (e) => toast.error(e.message),
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a student</DialogTitle>
          <DialogDescription>Students of your school who are not in this class yet.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor="student-search">Search students</Label>
          <SearchInput
            id="student-search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <ul className="grid max-h-72 gap-1 overflow-y-auto" aria-busy={options.isFetching}>
          {options.isPending ? (
            <li>
              <Skeleton className="h-10 w-full" />
            </li>
          ) : options.data?.length === 0 ? (
            <li className="py-6 text-center text-muted-foreground text-sm">No students to add.</li>
          ) : (
            options.data?.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 hover:bg-muted">
                <div className="min-w-0">
                  <div className="truncate font-medium text-sm">{s.name}</div>
                  <div className="truncate text-muted-foreground text-xs">{s.email}</div>
                </div>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={add.isPending}
                  onClick={() => add.mutate({ classId, studentId: s.id })}
                  aria-label={`Add ${s.name}`}
                >
                  Add
                </Button>
              </li>
            ))
          )}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
