"use client";

// The key manager's list: each key's name and prefix, owner (for admins), scopes, dates, last
// use and status, with Usage, Rotate (on the viewer's own keys only) and Revoke. Admins see the
// organization's keys, teachers their own (the server decides).
import type { ApiKeyView } from "@toolboxai/validators";
import { KeyRound, MoreHorizontal } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { FilterField, type ListColumn, ListPage } from "~/components/list-page";
import { LocalTime, RelativeTime, subscribeTick, tickSnapshot } from "~/components/local-time";
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
import { api } from "~/trpc/react";
import {
  canRevoke,
  canRotate,
  KEY_STATUS_LABEL,
  KEY_STATUS_VARIANT,
  offersRotate,
  type ShownKeyStatus,
  shownKeyStatus,
} from "./key-status";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { UsageDialog } from "./usage-dialog";

const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
type StatusFilter = "" | "working" | ShownKeyStatus;
const STATUS_FILTERS: [StatusFilter, string][] = [
  ["", "Any status"],
  ["working", "Working (active, expiring, rotated)"],
  ["revoked", "Revoked"],
  ["expired", "Expired"],
];

/** The time of the shared minute clock, or null during the server render and hydration. */
function useNow(): number | null {
  const now = useSyncExternalStore(subscribeTick, tickSnapshot, () => 0);
  return now === 0 ? null : now;
}

function matches(filter: StatusFilter, status: ShownKeyStatus): boolean {
  if (filter === "") return true;
  if (filter === "working") return status === "active" || status === "expiring" || status === "rotated";
  return filter === status;
}

export function KeysTable({ showOwner, currentUserId }: { showOwner: boolean; currentUserId: string }) {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter>("");
  const [usageTarget, setUsageTarget] = useState<ApiKeyView | null>(null);
  const [rotateTarget, setRotateTarget] = useState<ApiKeyView | null>(null);
  const [revokeTarget, setRevokeTarget] = useState<ApiKeyView | null>(null);
  const now = useNow();
  const list = api.apiKeys.list.useQuery();
  const term = search.trim().toLowerCase();
  const items = list.data?.items.filter(
    (key) =>
      matches(status, shownKeyStatus(key, now)) &&
      (!term ||
        key.name.toLowerCase().includes(term) ||
        key.prefix.toLowerCase().includes(term) ||
        key.owner.name.toLowerCase().includes(term)),
  );
  const filtered = Boolean(term || status);

  const columns: ListColumn[] = [
    { header: "Key" },
    ...(showOwner ? [{ header: "Acts as", className: "hidden lg:table-cell" }] : []),
    { header: "Scopes" },
    { header: "Last used", className: "hidden md:table-cell" },
    { header: "Created", className: "hidden xl:table-cell" },
    { header: "Expires", className: "hidden md:table-cell" },
    { header: "Status" },
    { header: <span className="sr-only">Actions</span>, className: "w-12" },
  ];

  return (
    <ListPage
      filtersClassName="flex flex-col gap-3 md:flex-row md:items-end"
      filters={
        <>
          <FilterField label="Search" htmlFor="key-search" className="flex-1">
            <SearchInput
              id="key-search"
              placeholder={showOwner ? "Name, prefix or person" : "Name or prefix"}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </FilterField>
          <FilterField label="Status" htmlFor="key-status-filter" className="md:w-64">
            <NativeSelect
              id="key-status-filter"
              value={status}
              onChange={(e) => setStatus(e.target.value as StatusFilter)}
            >
              {STATUS_FILTERS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </FilterField>
        </>
      }
      error={list.error}
      errorLabel="Couldn't load API keys"
      onRetry={() => void list.refetch()}
      busy={list.isFetching}
      columns={columns}
      skeletonRows={3}
      items={items}
      renderRow={(key) => {
        const shown = shownKeyStatus(key, now);
        return (
          <TableRow key={key.id} data-testid={`api-key-row-${key.name}`}>
            <TableCell className="whitespace-normal">
              <div className="font-medium">{key.name}</div>
              <code className="text-muted-foreground text-xs">{key.prefix}…</code>
              {key.ipAllowlist.length > 0 ? (
                <div className="text-muted-foreground text-xs" title={key.ipAllowlist.join(", ")}>
                  Only from {key.ipAllowlist.length === 1 ? key.ipAllowlist[0] : `${key.ipAllowlist.length} addresses`}
                </div>
              ) : null}
            </TableCell>
            {showOwner ? (
              <TableCell className="hidden lg:table-cell">
                <div>
                  {key.owner.name}
                  {key.owner.id === currentUserId ? (
                    <span className="ml-1 text-muted-foreground text-xs">(you)</span>
                  ) : null}
                </div>
                <div className="text-muted-foreground text-xs">{key.owner.email}</div>
              </TableCell>
            ) : null}
            <TableCell className="whitespace-normal">
              <ul aria-label="Scopes" className="flex max-w-[16rem] flex-wrap gap-1">
                {key.scopes.map((scope) => (
                  <li key={scope}>
                    <Badge variant="outline" className="font-mono">
                      {scope}
                    </Badge>
                  </li>
                ))}
              </ul>
            </TableCell>
            <TableCell className="hidden text-sm md:table-cell">
              {key.lastUsedAt ? (
                <>
                  <RelativeTime value={key.lastUsedAt} />
                  {key.lastUsedIp ? <div className="text-muted-foreground text-xs">from {key.lastUsedIp}</div> : null}
                </>
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
            </TableCell>
            <TableCell className="hidden text-muted-foreground text-sm xl:table-cell">
              <LocalTime value={key.createdAt} options={DATE} />
            </TableCell>
            <TableCell className="hidden text-sm md:table-cell">
              {key.revokedAt ? (
                <span className="text-muted-foreground">—</span>
              ) : key.expiresAt ? (
                <LocalTime value={key.expiresAt} />
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
            </TableCell>
            <TableCell className="whitespace-normal">
              <Badge variant={KEY_STATUS_VARIANT[shown]}>{KEY_STATUS_LABEL[shown]}</Badge>
              {key.revokedAt ? (
                <div className="mt-1 max-w-[14rem] text-muted-foreground text-xs">
                  <LocalTime value={key.revokedAt} options={DATE} />
                  {key.revokedReason ? `: ${key.revokedReason}` : null}
                </div>
              ) : shown === "rotated" && key.expiresAt ? (
                <div className="mt-1 text-muted-foreground text-xs">
                  Works until <LocalTime value={key.expiresAt} />
                </div>
              ) : null}
            </TableCell>
            <TableCell>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="ghost" size="icon" aria-label={`Actions for ${key.name}`}>
                    <MoreHorizontal className="size-4" aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="end">
                  <DropdownMenuLabel className="truncate">{key.name}</DropdownMenuLabel>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem onSelect={() => setUsageTarget(key)}>Usage…</DropdownMenuItem>
                  {/* Only the owner rotates a key; an admin revokes someone else's instead. */}
                  {offersRotate(key, currentUserId) ? (
                    <DropdownMenuItem disabled={!canRotate(shown)} onSelect={() => setRotateTarget(key)}>
                      Rotate…
                    </DropdownMenuItem>
                  ) : null}
                  <DropdownMenuSeparator />
                  <DropdownMenuItem
                    disabled={!canRevoke(shown)}
                    onSelect={() => setRevokeTarget(key)}
                    className="text-destructive focus:text-destructive"
                  >
                    Revoke…
                  </DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
            </TableCell>
          </TableRow>
        );
      }}
      empty={
        filtered
          ? { icon: KeyRound, title: "No key matches these filters", description: "Try another name or status." }
          : {
              icon: KeyRound,
              title: "No API keys yet",
              description:
                "A key lets a service act as you through the REST API, with only the scopes you give it: the Roblox Studio plugin downloading projects, a school's information system syncing rosters, your own scripts.",
              action: (
                <Button asChild variant="outline">
                  <a href="/docs">Read the API docs</a>
                </Button>
              ),
            }
      }
    >
      <UsageDialog apiKey={usageTarget} onClose={() => setUsageTarget(null)} />
      <RotateKeyDialog apiKey={rotateTarget} onClose={() => setRotateTarget(null)} />
      <RevokeKeyDialog apiKey={revokeTarget} onClose={() => setRevokeTarget(null)} />
    </ListPage>
  );
}
