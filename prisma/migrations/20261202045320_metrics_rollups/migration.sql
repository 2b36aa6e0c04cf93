-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastActiveAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MetricDaily" (
    "organizationId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricDaily_pkey" PRIMARY KEY ("organizationId","metric","day")
);

-- CreateTable
CREATE TABLE "ActiveUserDay" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActiveUserDay_pkey" PRIMARY KEY ("organizationId","day","userId")
);

-- CreateIndex
CREATE INDEX "ActiveUserDay_organizationId_userId_day_idx" ON "ActiveUserDay"("organizationId", "userId", "day");

-- CreateIndex
CREATE INDEX "Session_organizationId_createdAt_idx" ON "Session"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "User_organizationId_lastActiveAt_idx" ON "User"("organizationId", "lastActiveAt");

-- AddForeignKey
ALTER TABLE "MetricDaily" ADD CONSTRAINT "MetricDaily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveUserDay" ADD CONSTRAINT "ActiveUserDay_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveUserDay" ADD CONSTRAINT "ActiveUserDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
