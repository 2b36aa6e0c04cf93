-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "dueExtensions" JSONB NOT NULL DEFAULT '{}';
