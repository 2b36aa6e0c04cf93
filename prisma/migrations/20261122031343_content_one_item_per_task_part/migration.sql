-- DropIndex
DROP INDEX "ContentItem_agentTaskId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "ContentItem_agentTaskId_type_key" ON "ContentItem"("agentTaskId", "type");
