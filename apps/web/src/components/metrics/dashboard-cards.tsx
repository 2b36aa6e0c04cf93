// The dashboard's numbers as four groups of cards (users, content, engagement, system), each
// captioned with what it counts; the definitions are in docs/metrics.md.
import type { DashboardMetrics } from "@toolboxai/validators";
import {
  Activity,
  BookOpen,
  CheckCircle2,
  Clock,
  Cpu,
  Database,
  FilePen,
  FilePlus,
  FileText,
  Gauge,
  HardDrive,
  Percent,
  Sparkles,
  TrendingUp,
  TriangleAlert,
  UserPlus,
  Users,
  Zap,
} from "lucide-react";
import { MetricCard, MetricGroup } from "./metric-card";

export function DashboardCards({ data, showSystem = true }: { data: DashboardMetrics; showSystem?: boolean }) {
  const u = data.user_metrics;
  const c = data.content_metrics;
  const e = data.engagement_metrics;
  const s = data.system_metrics;
  const teacher = data.scope.kind === "teacher";
  const people = teacher ? "Students in your classes" : "People in your organization";
  return (
    <div className="grid gap-6">
      <MetricGroup title="Users">
        <MetricCard label="Total users" value={u.total_users} icon={Users} caption={`${people}, active accounts.`} />
        <MetricCard
          label="Active (24 h)"
          value={u.active_users}
          icon={Activity}
          caption="Did anything in the last 24 hours."
        />
        <MetricCard
          label="New today"
          value={u.new_users_today}
          icon={UserPlus}
          caption="Accounts created today (UTC)."
        />
        <MetricCard
          label="Growth"
          value={u.growth_rate}
          unit="percent"
          icon={TrendingUp}
          caption="New users this week against the week before."
          note={u.growth_rate === null ? "no sign-ups last week" : undefined}
        />
        <MetricCard
          label="30-day retention"
          value={u.user_retention}
          unit="percent"
          icon={Percent}
          caption="Of those who joined over 30 days ago, the share active in the last 30 days."
        />
      </MetricGroup>
      <MetricGroup title="Content">
        <MetricCard
          label="Total content"
          value={c.total_content}
          icon={BookOpen}
          caption="Lessons, quizzes, activities and environments."
        />
        <MetricCard label="Published" value={c.published_content} icon={CheckCircle2} caption="Ready to assign." />
        <MetricCard
          label="Drafts"
          value={c.draft_content}
          icon={FilePen}
          caption="Not published yet (AI drafts included)."
        />
        <MetricCard
          label="Created today"
          value={c.content_created_today}
          icon={FilePlus}
          caption="New items today (UTC)."
        />
        <MetricCard
          label="Avg. generation time"
          value={c.avg_generation_time}
          unit="seconds"
          icon={Sparkles}
          caption="From request to drafts, AI tasks of the last 30 days."
        />
      </MetricGroup>
      <MetricGroup title="Engagement">
        <MetricCard
          label="Active today"
          value={e.daily_active_users}
          icon={Users}
          caption="Distinct people active today (UTC)."
        />
        <MetricCard
          label="Avg. session"
          value={e.avg_session_duration}
          unit="minutes"
          icon={Clock}
          caption="Mean length of sessions started in the last 7 days."
        />
        <MetricCard
          label="Lessons completed"
          value={e.lessons_completed}
          icon={FileText}
          caption="In the last 7 days."
        />
        <MetricCard
          label="Quizzes taken"
          value={e.assessments_taken}
          icon={CheckCircle2}
          caption="Submitted in the last 7 days."
        />
        <MetricCard
          label="Engagement score"
          value={e.engagement_score}
          unit="score"
          icon={Zap}
          caption="0-100: activity, completion and quiz taking together (see the docs)."
        />
      </MetricGroup>
      {showSystem ? (
        <MetricGroup title="System">
          <MetricCard
            label="API p95"
            value={s.api_response_time_p95}
            unit="ms"
            icon={Gauge}
            caption="95% of this server's API responses were faster."
          />
          <MetricCard
            label="Cache hit rate"
            value={s.cache_hit_rate}
            unit="percent"
            icon={Cpu}
            caption="Metrics answered from the cache since the server started."
          />
          <MetricCard
            label="DB connections"
            value={s.database_connections}
            icon={Database}
            caption="Open connections to the database."
          />
          <MetricCard
            label="Redis memory"
            value={s.redis_memory_usage}
            unit="mb"
            icon={HardDrive}
            caption={s.redis_memory_usage === null ? "No Redis: caches are kept in memory." : "Used by Redis."}
          />
          <MetricCard
            label="Error rate"
            value={s.error_rate}
            unit="percent"
            icon={TriangleAlert}
            caption="Responses that were server errors (5xx)."
          />
        </MetricGroup>
      ) : null}
    </div>
  );
}
