-- AlterTable
ALTER TABLE "OutcomePoint" ADD COLUMN "commentId" TEXT;
ALTER TABLE "OutcomePoint" ADD COLUMN "pollId" TEXT;

-- AlterTable
ALTER TABLE "OutcomeReport" ADD COLUMN "figures" TEXT;
ALTER TABLE "OutcomeReport" ADD COLUMN "publishedById" TEXT;

-- CreateTable
CREATE TABLE "PopulationGroup" (
    "municipalityId" TEXT NOT NULL,
    "ageGroup" TEXT NOT NULL,
    "residents" INTEGER NOT NULL,

    PRIMARY KEY ("municipalityId", "ageGroup"),
    CONSTRAINT "PopulationGroup_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Follower" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'da',
    "consentAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "token" TEXT NOT NULL,
    CONSTRAINT "Follower_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConsultationDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "storedName" TEXT,
    "mimeType" TEXT,
    "sizeBytes" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "purpose" TEXT NOT NULL DEFAULT 'background',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsultationDocument_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConsultationDocument" ("consultationId", "createdAt", "id", "mimeType", "position", "sizeBytes", "storedName", "title", "url") SELECT "consultationId", "createdAt", "id", "mimeType", "position", "sizeBytes", "storedName", "title", "url" FROM "ConsultationDocument";
DROP TABLE "ConsultationDocument";
ALTER TABLE "new_ConsultationDocument" RENAME TO "ConsultationDocument";
CREATE INDEX "ConsultationDocument_consultationId_idx" ON "ConsultationDocument"("consultationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Follower_token_key" ON "Follower"("token");

-- CreateIndex
CREATE INDEX "Follower_consultationId_confirmedAt_idx" ON "Follower"("consultationId", "confirmedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Follower_consultationId_email_key" ON "Follower"("consultationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_dedupeKey_key" ON "MailMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");
