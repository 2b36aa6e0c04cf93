-- DropIndex
DROP INDEX "Session_organizationId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Session_organizationId_createdAt_lastSeenAt_userId_idx" ON "Session"("organizationId", "createdAt", "lastSeenAt", "userId");

-- Exact totals for the dashboards, kept by triggers in the writer's own transaction, whatever the
-- code path (services, raw SQL, the seed, an import). Rows of "MetricDaily":
--   day 1970-01-01 (a total, not a day):  total_users (users not deleted),
--                                         content_status:<STATUS> (content items not deleted, by status)
--   the user's createdAt day:             users_alive_joined (users not deleted who joined that day),
--                                         users_joined_active (of those, active on or after their join day)
--   the task's finishedAt day:            generations_completed, generation_seconds (completed
--                                         generation tasks and the sum of their queued-to-finished times)
-- Statement-level triggers with transition tables: each statement subtracts its old rows'
-- contributions and adds its new rows', summed per counter, in one upsert (a bulk load of 100,000
-- rows is one statement's work, not 100,000). rebuildMetricRollups (packages/db/src/rollups.ts)
-- recomputes these with the rest and sets toolboxai.rollup_rebuild = 'on' for its transaction,
-- which the triggers skip. An organization being deleted counts nothing (its rows go with it).

-- What one row counts: the counters it adds 1 (or a duration) to.
CREATE FUNCTION "metric_user_contrib"(alive BOOLEAN, created TIMESTAMP, last TIMESTAMP)
RETURNS TABLE(metric TEXT, day DATE, delta DOUBLE PRECISION) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'total_users', DATE '1970-01-01', 1::float8 WHERE alive
  UNION ALL SELECT 'users_alive_joined', created::date, 1::float8 WHERE alive
  UNION ALL SELECT 'users_joined_active', created::date, 1::float8
  WHERE alive AND last IS NOT NULL AND last::date >= created::date
$$;

CREATE FUNCTION "metric_content_contrib"(alive BOOLEAN, status TEXT)
RETURNS TABLE(metric TEXT, day DATE, delta DOUBLE PRECISION) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'content_status:' || status, DATE '1970-01-01', 1::float8 WHERE alive
$$;

CREATE FUNCTION "metric_task_contrib"(status TEXT, queued TIMESTAMP, finished TIMESTAMP)
RETURNS TABLE(metric TEXT, day DATE, delta DOUBLE PRECISION) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'generations_completed', finished::date, 1::float8
  WHERE status = 'COMPLETED' AND finished IS NOT NULL AND queued IS NOT NULL
  UNION ALL SELECT 'generation_seconds', finished::date, EXTRACT(EPOCH FROM (finished - queued))::float8
  WHERE status = 'COMPLETED' AND finished IS NOT NULL AND queued IS NOT NULL
$$;

CREATE FUNCTION "metric_user_totals"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('toolboxai.rollup_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_user_contrib"(r."deletedAt" IS NULL, r."createdAt", r."lastActiveAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_user_contrib"(r."deletedAt" IS NULL, r."createdAt", r."lastActiveAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSE
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_user_contrib"(r."deletedAt" IS NULL, r."createdAt", r."lastActiveAt") c UNION ALL SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_user_contrib"(r."deletedAt" IS NULL, r."createdAt", r."lastActiveAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_metric_totals_insert" AFTER INSERT ON "User"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_user_totals"();
CREATE TRIGGER "User_metric_totals_update" AFTER UPDATE ON "User"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_user_totals"();
CREATE TRIGGER "User_metric_totals_delete" AFTER DELETE ON "User"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_user_totals"();

CREATE FUNCTION "metric_content_totals"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('toolboxai.rollup_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_content_contrib"(r."deletedAt" IS NULL, r."status"::text) c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_content_contrib"(r."deletedAt" IS NULL, r."status"::text) c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSE
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_content_contrib"(r."deletedAt" IS NULL, r."status"::text) c UNION ALL SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_content_contrib"(r."deletedAt" IS NULL, r."status"::text) c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ContentItem_metric_totals_insert" AFTER INSERT ON "ContentItem"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_content_totals"();
CREATE TRIGGER "ContentItem_metric_totals_update" AFTER UPDATE ON "ContentItem"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_content_totals"();
CREATE TRIGGER "ContentItem_metric_totals_delete" AFTER DELETE ON "ContentItem"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_content_totals"();

CREATE FUNCTION "metric_task_totals"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('toolboxai.rollup_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_task_contrib"(r."status"::text, r."queuedAt", r."finishedAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_task_contrib"(r."status"::text, r."queuedAt", r."finishedAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  ELSE
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT d.org, d.metric, d.day, sum(d.delta), now() FROM (SELECT r."organizationId" AS org, c.metric, c.day, c.delta FROM new_rows r, "metric_task_contrib"(r."status"::text, r."queuedAt", r."finishedAt") c UNION ALL SELECT r."organizationId" AS org, c.metric, c.day, -c.delta AS delta FROM old_rows r, "metric_task_contrib"(r."status"::text, r."queuedAt", r."finishedAt") c) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = d.org)
    GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "metric", "day")
    DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "AgentTask_metric_totals_insert" AFTER INSERT ON "AgentTask"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_task_totals"();
CREATE TRIGGER "AgentTask_metric_totals_update" AFTER UPDATE ON "AgentTask"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_task_totals"();
CREATE TRIGGER "AgentTask_metric_totals_delete" AFTER DELETE ON "AgentTask"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "metric_task_totals"();
