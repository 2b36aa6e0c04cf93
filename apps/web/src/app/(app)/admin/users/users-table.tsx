"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { type Role, roles, type UserView } from "@toolboxai/validators";
import { MoreHorizontal, Users } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ROLE_LABEL } from "~/components/app-shell";
import { FilterField, type ListColumn, ListPage, ListPager, SelectFilter } from "~/components/list-page";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { TableCell, TableRow } from "~/components/ui/table";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { BulkActions } from "./bulk-actions";
import { ChangeRoleDialog } from "./change-role-dialog";
import { DeleteUserDialog } from "./delete-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { ParentLinksDialog } from "./parent-links-dialog";
import { ResetLinkDialog } from "./reset-link-dialog";
import { SetActiveDialog } from "./set-active-dialog";
import { TemporaryPasswordDialog } from "./temporary-password-dialog";

type Status = "all" | "active" | "deactivated";
const PAGE_SIZE = 20;

/** The columns after the selection checkbox's. */
const COLUMNS: ListColumn[] = [
  { header: "Name" },
  { header: "Role" },
  { header: "Status" },
  { header: "Last sign-in", className: "hidden md:table-cell" },
  { header: <span className="sr-only">Actions</span>, className: "w-12" },
];

/** A native checkbox (keyboard and screen readers for free) that can show "some selected". */
function SelectBox({
  checked,
  indeterminate = false,
  disabled = false,
  label,
  onChange,
}: {
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  label: string;
  onChange(checked: boolean): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="size-4 cursor-pointer accent-primary align-middle disabled:cursor-not-allowed"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<Status>("all");
  const [page, setPage] = useState(1);
  const [roleTarget, setRoleTarget] = useState<UserView | null>(null);
  const [activeTarget, setActiveTarget] = useState<UserView | null>(null);
  const [linksTarget, setLinksTarget] = useState<UserView | null>(null);
  const [editTarget, setEditTarget] = useState<UserView | null>(null);
  const [resetTarget, setResetTarget] = useState<UserView | null>(null);
  const [deleteTarget, setDeleteTarget] = useState<UserView | null>(null);
  const [tempTarget, setTempTarget] = useState<UserView | null>(null);
  // The selection survives paging and filtering (a bulk action can take people from several pages).
  const [selected, setSelected] = useState<ReadonlyMap<string, UserView>>(new Map());
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

  // You can't act on yourself in bulk either: your own row has no checkbox.
  const selectable = data?.items.filter((u) => u.id !== currentUserId) ?? [];
  const selectedOnPage = selectable.filter((u) => selected.has(u.id)).length;
  const allOnPage = selectable.length > 0 && selectedOnPage === selectable.length;
  function toggle(users: readonly UserView[], on: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const u of users) {
        if (on) next.set(u.id, u);
        else next.delete(u.id);
      }
      return next;
    });
  }
  const columns: ListColumn[] = [
    {
      header: (
        <SelectBox
          label="Select everyone on this page"
          checked={allOnPage}
          indeterminate={selectedOnPage > 0 && !allOnPage}
          disabled={selectable.length === 0}
          onChange={(on) => toggle(selectable, on)}
        />
      ),
      className: "w-10",
    },
    ...COLUMNS,
  ];

  return (
    <div className="grid gap-3">
      <BulkActions
        selected={[...selected.values()]}
        onDone={(ids) =>
          setSelected((current) => {
            const next = new Map(current);
            for (const id of ids) next.delete(id);
            return next;
          })
        }
        onClear={() => setSelected(new Map())}
      />
      <ListPage
        filtersClassName="flex flex-col gap-3 md:flex-row md:items-end"
        filters={
          <>
            <FilterField label="Search" htmlFor="user-search" className="flex-1">
              <SearchInput
                id="user-search"
                placeholder="Name or email"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </FilterField>
            <SelectFilter
              label="Role"
              id="role-filter"
              className="md:w-44"
              value={role}
              onChange={setRole}
              options={roles}
              optionLabel={ROLE_LABEL}
              anyLabel="All roles"
            />
            <FilterField label="Status" htmlFor="status-filter" className="md:w-44">
              <NativeSelect id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
                <option value="all">Any status</option>
                <option value="active">Active</option>
                <option value="deactivated">Deactivated</option>
              </NativeSelect>
            </FilterField>
          </>
        }
        error={list.error}
        errorLabel="Couldn't load users"
        busy={list.isFetching}
        columns={columns}
        skeletonRows={5}
        items={data?.items}
        renderRow={(user) => (
          <TableRow
            key={user.id}
            data-testid={`user-row-${user.email}`}
            data-state={selected.has(user.id) ? "selected" : undefined}
          >
            <TableCell>
              {user.id === currentUserId ? null : (
                <SelectBox
                  label={`Select ${user.name}`}
                  checked={selected.has(user.id)}
                  onChange={(on) => toggle([user], on)}
                />
              )}
            </TableCell>
            <TableCell>
              <div className="font-medium">
                {user.name}
                {user.id === currentUserId ? <span className="ml-2 text-muted-foreground text-xs">(you)</span> : null}
              </div>
              <div className="text-muted-foreground text-sm">{user.email}</div>
            </TableCell>
            <TableCell>
              <Badge variant="outline">{ROLE_LABEL[user.role]}</Badge>
            </TableCell>
            <TableCell>
              {user.active ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Deactivated</Badge>}
            </TableCell>
            <TableCell className="hidden text-muted-foreground text-sm md:table-cell">
              {user.lastSignInAt ? <LocalTime value={user.lastSignInAt} /> : "Never"}
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
                    <DropdownMenuItem onSelect={() => setEditTarget(user)}>Edit details…</DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => setRoleTarget(user)}>Change role…</DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => setResetTarget(user)}>Reset password…</DropdownMenuItem>
                    {user.role === "ADMIN" ? null : (
                      <DropdownMenuItem onSelect={() => setTempTarget(user)}>Set temporary password…</DropdownMenuItem>
                    )}
                    {user.role === "PARENT" ? (
                      <DropdownMenuItem onSelect={() => setLinksTarget(user)}>Linked children…</DropdownMenuItem>
                    ) : null}
                    <DropdownMenuItem
                      onSelect={() => setActiveTarget(user)}
                      className={user.active ? "text-destructive focus:text-destructive" : undefined}
                    >
                      {user.active ? "Deactivate…" : "Reactivate…"}
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem
                      onSelect={() => setDeleteTarget(user)}
                      className="text-destructive focus:text-destructive"
                    >
                      Delete…
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              )}
            </TableCell>
          </TableRow>
        )}
        empty={{
          icon: Users,
          title: filtered ? "No one matches these filters" : "No users yet",
          description: filtered ? "Try another name, role or status." : "Add your first teacher to get started.",
        }}
        footer={<ListPager data={data} noun={["person", "people"]} onPage={setPage} />}
      >
        <ChangeRoleDialog user={roleTarget} onClose={() => setRoleTarget(null)} />
        <SetActiveDialog user={activeTarget} onClose={() => setActiveTarget(null)} />
        <ParentLinksDialog parent={linksTarget} onClose={() => setLinksTarget(null)} />
        <EditUserDialog user={editTarget} onClose={() => setEditTarget(null)} />
        <ResetLinkDialog user={resetTarget} onClose={() => setResetTarget(null)} />
        <TemporaryPasswordDialog user={tempTarget} onClose={() => setTempTarget(null)} />
        <DeleteUserDialog
          user={deleteTarget}
          onClose={() => setDeleteTarget(null)}
          onDeleted={(id) =>
            setSelected((current) => {
              if (!current.has(id)) return current;
              const next = new Map(current);
              next.delete(id);
              return next;
            })
          }
        />
      </ListPage>
    </div>
  );
}
