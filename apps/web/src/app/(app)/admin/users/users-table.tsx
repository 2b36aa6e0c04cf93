"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { type Role, roles, type UserView } from "@toolboxai/validators";
import { MoreHorizontal, Users } from "lucide-react";
import { useEffect, useState } from "react";
import { ROLE_LABEL } from "~/components/app-shell";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { EmptyState } from "~/components/ui/empty-state";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Pager } from "~/components/ui/pager";
import { SearchInput } from "~/components/ui/search-input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { ChangeRoleDialog } from "./change-role-dialog";
import { SetActiveDialog } from "./set-active-dialog";

type Status = "all" | "active" | "deactivated";
const PAGE_SIZE = 20;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<Status>("all");
  const [page, setPage] = useState(1);
  const [roleTarget, setRoleTarget] = useState<UserView | null>(null);
  const [activeTarget, setActiveTarget] = useState<UserView | null>(null);
  const term = useDebounced(search.trim(), 250);

  // Filters change the result set: start again from page 1.
  useEffect(() => setPage(1), [term, role, status]);

  const isDefault = !term && !role && status === "all" && page === 1;
  const input = isDefault
    ? {}
    : { search: term || undefined, role: role || undefined, status, page, pageSize: PAGE_SIZE };
  const list = api.users.list.useQuery(input, { placeholderData: keepPreviousData });
  const data = list.data;
  const filtered = Boolean(term || role || status !== "all");

  return (
    <Card className="gap-0 py-0">
      <div className="flex flex-col gap-3 border-b p-4 md:flex-row md:items-end">
        <div className="grid flex-1 gap-1.5">
          <Label htmlFor="user-search">Search</Label>
          <SearchInput
            id="user-search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="grid gap-1.5 md:w-44">
          <Label htmlFor="role-filter">Role</Label>
          <NativeSelect id="role-filter" value={role} onChange={(e) => setRole(e.target.value as Role | "")}>
            <option value="">All roles</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5 md:w-44">
          <Label htmlFor="status-filter">Status</Label>
          <NativeSelect id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="all">Any status</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </NativeSelect>
        </div>
      </div>

      {list.error ? (
        <Alert variant="destructive" className="m-4 w-auto">
          <AlertDescription>Couldn't load users: {list.error.message}</AlertDescription>
        </Alert>
      ) : null}

      <div aria-busy={list.isFetching} aria-live="polite">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Last sign-in</TableHead>
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {!data ? (
              <TableSkeletonRows rows={5} columns={5} />
            ) : (
              data.items.map((user) => (
                <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
                  <TableCell>
                    <div className="font-medium">
                      {user.name}
                      {user.id === currentUserId ? (
                        <span className="ml-2 text-muted-foreground text-xs">(you)</span>
                      ) : null}
                    </div>
                    <div className="text-muted-foreground text-sm">{user.email}</div>
                  </TableCell>
                  <TableCell>
                    <Badge variant="outline">{ROLE_LABEL[user.role]}</Badge>
                  </TableCell>
                  <TableCell>
                    {user.active ? (
                      <Badge variant="success">Active</Badge>
                    ) : (
                      <Badge variant="secondary">Deactivated</Badge>
                    )}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground text-sm md:table-cell">
                    {user.lastSignInAt ? dateFormat.format(user.lastSignInAt) : "Never"}
                  </TableCell>
                  <TableCell>
                    {user.id === currentUserId ? null : (
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon" aria-label={`Actions for ${user.name}`}>
                            <MoreHorizontal className="size-4" aria-hidden />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          <DropdownMenuLabel className="truncate">{user.name}</DropdownMenuLabel>
                          <DropdownMenuSeparator />
                          <DropdownMenuItem onSelect={() => setRoleTarget(user)}>Change role…</DropdownMenuItem>
                          <DropdownMenuItem
                            onSelect={() => setActiveTarget(user)}
                            className={user.active ? "text-destructive focus:text-destructive" : undefined}
                          >
                            {user.active ? "Deactivate…" : "Reactivate…"}
                          </DropdownMenuItem>
                        </DropdownMenuContent>
                      </DropdownMenu>
                    )}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {data && data.items.length === 0 ? (
          <div className="p-8">
            <EmptyState
              icon={Users}
              title={filtered ? "No one matches these filters" : "No users yet"}
              description={filtered ? "Try another name, role or status." : "Add your first teacher to get started."}
            />
          </div>
        ) : null}
      </div>

      {data && data.total > 0 ? (
        <Pager
          className="border-t p-4"
          page={data.page}
          pageCount={data.pageCount}
          onPage={setPage}
          summary={
            <>
              {data.total} {data.total === 1 ? "person" : "people"} · page {data.page} of {data.pageCount}
            </>
          }
        />
      ) : null}

      <ChangeRoleDialog user={roleTarget} onClose={() => setRoleTarget(null)} />
      <SetActiveDialog user={activeTarget} onClose={() => setActiveTarget(null)} />
    </Card>
  );
}
