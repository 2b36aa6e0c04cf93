"use client";

import type { Role } from "@toolboxai/validators";
import {
  BarChart3,
  BookOpen,
  Bot,
  BotMessageSquare,
  FileQuestion,
  GraduationCap,
  Home,
  KeyRound,
  Library,
  LogOut,
  type LucideIcon,
  MessageSquare,
  School,
  ScrollText,
  Server,
  Settings,
  ShieldCheck,
  Sparkles,
  UserCog,
  UserRound,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
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
import { cn } from "~/lib/utils";
import { Brand } from "./brand";
import { NewGradesBadge } from "./new-grades-badge";
import { ConnectionIndicator } from "./realtime/connection-indicator";
import { UnreadBadge } from "./unread-badge";

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Other path prefixes that belong to this item (a role home owns its detail pages). */
  owns?: string[];
  /** A count next to the label: unread messages, or a student's grades they have not opened yet. */
  badge?: "messages" | "grades";
}

const MESSAGES: NavItem = { href: "/messages", label: "Messages", icon: MessageSquare, badge: "messages" };
const GENERATE: NavItem = { href: "/teacher/generate", label: "Generate", icon: Sparkles };
const AI_TASKS: NavItem = { href: "/teacher/tasks", label: "AI tasks", icon: Bot };
const ASSISTANT: NavItem = { href: "/teacher/assistant", label: "Assistant", icon: BotMessageSquare };

/** What each role sees in the navigation. Pages check roles on the server as well. */
const NAV: Record<Role, NavItem[]> = {
  ADMIN: [
    { href: "/admin", label: "Overview", icon: Home },
    { href: "/admin/metrics", label: "Metrics", icon: BarChart3 },
    { href: "/admin/users", label: "Users", icon: Users },
    { href: "/admin/classes", label: "Classes", icon: School },
    { href: "/teacher/content", label: "Content library", icon: Library },
    { href: "/teacher/questions", label: "Question bank", icon: FileQuestion },
    ASSISTANT,
    { href: "/admin/ai", label: "AI", icon: Bot, owns: ["/teacher/tasks"] },
    MESSAGES,
    { href: "/admin/api-keys", label: "API keys", icon: KeyRound },
    { href: "/admin/audit", label: "Audit log", icon: ScrollText },
    { href: "/admin/data-protection", label: "Data protection", icon: ShieldCheck },
    { href: "/admin/settings", label: "Settings", icon: Settings },
    { href: "/admin/system", label: "System", icon: Server },
  ],
  TEACHER: [
    { href: "/teacher", label: "My classes", icon: School, owns: ["/teacher/classes"] },
    { href: "/teacher/content", label: "Content library", icon: Library },
    { href: "/teacher/questions", label: "Question bank", icon: FileQuestion },
    { href: "/teacher/metrics", label: "My metrics", icon: BarChart3 },
    ASSISTANT,
    GENERATE,
    AI_TASKS,
    MESSAGES,
    { href: "/teacher/api-keys", label: "API keys", icon: KeyRound },
  ],
  STUDENT: [
    {
      href: "/student",
      label: "My learning",
      icon: BookOpen,
      owns: ["/student/assignments", "/student/attempts", "/student/classes"],
    },
    // New grades are counted where the student reads them.
    { href: "/student/grades", label: "Grades", icon: GraduationCap, badge: "grades" },
    MESSAGES,
  ],
  PARENT: [{ href: "/parent", label: "My child", icon: Home }, MESSAGES],
};

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: "Admin",
  TEACHER: "Teacher",
  STUDENT: "Student",
  PARENT: "Parent",
};

export interface ShellUser {
  name: string;
  email: string;
  role: Role;
  organization: string;
}

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const pathname = usePathname();
  const items: NavItem[] = [...NAV[user.role], { href: "/account", label: "Account", icon: UserCog }];
  const home = `/${user.role.toLowerCase()}`;
  const isActive = (item: NavItem) =>
    pathname === item.href ||
    (item.href !== home && pathname.startsWith(`${item.href}/`)) ||
    (item.owns ?? []).some((prefix) => pathname.startsWith(prefix));

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b bg-card md:sticky md:top-0 md:flex md:h-screen md:w-60 md:flex-col md:border-r md:border-b-0">
        <div className="flex h-14 items-center px-4">
          <Brand />
        </div>
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-0">
          {items.map((item) => {
            const active = isActive(item);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 font-medium text-sm transition-colors",
                  active ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <item.icon className="size-4" aria-hidden />
                {item.label}
                {item.badge === "messages" ? <UnreadBadge className="ml-auto" /> : null}
                {item.badge === "grades" ? <NewGradesBadge className="ml-auto" /> : null}
              </Link>
            );
          })}
        </nav>
        <div className="mt-auto hidden p-4 text-muted-foreground text-xs md:block">{user.organization}</div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b bg-card px-4 md:px-8">
          <ConnectionIndicator className="mr-auto" />
          <Badge variant="secondary">{ROLE_LABEL[user.role]}</Badge>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" className="gap-2" aria-label={`Account menu for ${user.name}`}>
                <UserRound className="size-4" aria-hidden />
                <span className="max-w-40 truncate">{user.name}</span>
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-56">
              <DropdownMenuLabel>
                <div className="truncate">{user.name}</div>
                <div className="truncate font-normal text-muted-foreground text-xs">{user.email}</div>
              </DropdownMenuLabel>
              <DropdownMenuSeparator />
              <DropdownMenuItem asChild>
                <Link href="/account">
                  <UserCog className="size-4" aria-hidden /> Account
                </Link>
              </DropdownMenuItem>
              <DropdownMenuItem asChild>
                <Link href="/signout">
                  <LogOut className="size-4" aria-hidden /> Sign out
                </Link>
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
