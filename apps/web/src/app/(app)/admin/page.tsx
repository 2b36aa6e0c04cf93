import type { Role } from "@toolboxai/validators";
import { ArrowRight, GraduationCap, School, UserRound, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DashboardSummaryCard } from "~/components/metrics/dashboard-summary-card";
import { PageHeader } from "~/components/page-header";
import { RefreshOnDashboardChange } from "~/components/realtime/refresh-on-change";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { requireRole } from "~/server/auth/session";
import { api } from "~/trpc/server";
import { AgentsHealth } from "./agents-health";

export const metadata: Metadata = { title: "Admin" };

const TILES: { role: Role; label: string; icon: typeof Users }[] = [
  { role: "TEACHER", label: "Teachers", icon: School },
  { role: "STUDENT", label: "Students", icon: GraduationCap },
  { role: "PARENT", label: "Parents", icon: UserRound },
  { role: "ADMIN", label: "Admins", icon: Users },
];

export default async function AdminHome() {
  const actor = await requireRole("ADMIN");
  const [counts, agents] = await Promise.all([
    Promise.all(TILES.map((t) => api.users.list({ role: t.role, status: "active", pageSize: 1 }).then((r) => r.total))),
    api.agents.status(),
  ]);
  return (
    <>
      {/* The counts below are rendered here on the server: re-render when they change. */}
      <RefreshOnDashboardChange what={["users", "tasks"]} />
      <PageHeader
        title={`Welcome back, ${actor.name.split(" ")[0]}`}
        description="Your organization at a glance."
        actions={
          <Button asChild>
            <Link href="/admin/users">
              Manage users <ArrowRight className="size-4" aria-hidden />
            </Link>
          </Button>
        }
      />
      <section aria-label="Active accounts by role" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {TILES.map((tile, i) => (
          <Card key={tile.role}>
            <CardHeader className="flex flex-row items-center justify-between space-y-0 pb-2">
              <CardDescription>{tile.label}</CardDescription>
              <tile.icon className="size-4 text-muted-foreground" aria-hidden />
            </CardHeader>
            <CardContent>
              <p className="font-semibold text-3xl">{counts[i]}</p>
              <p className="text-muted-foreground text-xs">active accounts</p>
            </CardContent>
          </Card>
        ))}
      </section>
      <DashboardSummaryCard href="/admin/metrics" linkLabel="Organization metrics" />
      <AgentsHealth status={agents} />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>
            <h2>Getting started</h2>
          </CardTitle>
          <CardDescription>Invite your teachers first; they create classes and invite their students.</CardDescription>
        </CardHeader>
      </Card>
    </>
  );
}
