-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "resultSeenAt" TIMESTAMP(3);

-- Grades submitted before this column existed were shown to their students on submit: not new.
UPDATE "Attempt" SET "resultSeenAt" = "submittedAt" WHERE "status" = 'SUBMITTED';
