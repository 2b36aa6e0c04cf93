-- DropIndex
DROP INDEX "User_organizationId_lastActiveAt_idx";

-- CreateIndex
CREATE INDEX "ActivityEvent_organizationId_createdAt_idx" ON "ActivityEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ContentItem_organizationId_deletedAt_status_idx" ON "ContentItem"("organizationId", "deletedAt", "status");

-- CreateIndex
CREATE INDEX "User_organizationId_lastActiveAt_createdAt_deletedAt_idx" ON "User"("organizationId", "lastActiveAt", "createdAt", "deletedAt");

-- CreateIndex
CREATE INDEX "User_organizationId_deletedAt_idx" ON "User"("organizationId", "deletedAt");
