-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT,
    "blockedAt" DATETIME,
    "blockedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "parentId" TEXT,
    "participantId" TEXT,
    "authorUserId" TEXT,
    "authorName" TEXT NOT NULL,
    "authorRole" TEXT,
    "authorTitle" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'published',
    "heldReasons" TEXT,
    "hiddenRule" INTEGER,
    "clientId" TEXT NOT NULL,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentSupport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentSupport_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentSupport_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "rule" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentReport_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentReport_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealtimeEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RealtimeEvent_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HearingResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "receiptNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "organisation" TEXT,
    "body" TEXT NOT NULL,
    "publication" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'published',
    "heldReasons" TEXT,
    "hiddenRule" INTEGER,
    "attachmentName" TEXT,
    "attachmentStored" TEXT,
    "attachmentMime" TEXT,
    "attachmentSize" INTEGER,
    "participantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HearingResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModerationLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "municipalityId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "consultationId" TEXT,
    "commentId" TEXT,
    "hearingResponseId" TEXT,
    "participantId" TEXT,
    "rule" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "municipalityId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "promise" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "expectedDecisionAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "closedAt" DATETIME,
    "archivedAt" DATETIME,
    "createdById" TEXT,
    "discussionEnabled" BOOLEAN NOT NULL DEFAULT true,
    "slowModeMinutes" INTEGER NOT NULL DEFAULT 0,
    "discussionPausedAt" DATETIME,
    "pauseMessage" TEXT,
    "lastEventSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consultation_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Consultation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Consultation" ("archivedAt", "body", "closedAt", "closesAt", "createdAt", "createdById", "decidedBy", "expectedDecisionAt", "id", "joinCode", "kind", "municipalityId", "opensAt", "promise", "publishedAt", "slug", "status", "summary", "title", "updatedAt") SELECT "archivedAt", "body", "closedAt", "closesAt", "createdAt", "createdById", "decidedBy", "expectedDecisionAt", "id", "joinCode", "kind", "municipalityId", "opensAt", "promise", "publishedAt", "slug", "status", "summary", "title", "updatedAt" FROM "Consultation";
DROP TABLE "Consultation";
ALTER TABLE "new_Consultation" RENAME TO "Consultation";
CREATE UNIQUE INDEX "Consultation_slug_key" ON "Consultation"("slug");
CREATE UNIQUE INDEX "Consultation_joinCode_key" ON "Consultation"("joinCode");
CREATE INDEX "Consultation_municipalityId_status_idx" ON "Consultation"("municipalityId", "status");
CREATE INDEX "Consultation_status_opensAt_idx" ON "Consultation"("status", "opensAt");
CREATE INDEX "Consultation_status_closesAt_idx" ON "Consultation"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_clientId_key" ON "Comment"("clientId");

-- CreateIndex
CREATE INDEX "Comment_consultationId_status_createdAt_idx" ON "Comment"("consultationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_participantId_createdAt_idx" ON "Comment"("participantId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_status_updatedAt_idx" ON "Comment"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommentSupport_commentId_participantId_key" ON "CommentSupport"("commentId", "participantId");

-- CreateIndex
CREATE UNIQUE INDEX "CommentReport_commentId_participantId_key" ON "CommentReport"("commentId", "participantId");

-- CreateIndex
CREATE UNIQUE INDEX "RealtimeEvent_consultationId_seq_key" ON "RealtimeEvent"("consultationId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "HearingResponse_receiptNumber_key" ON "HearingResponse"("receiptNumber");

-- CreateIndex
CREATE INDEX "HearingResponse_consultationId_status_createdAt_idx" ON "HearingResponse"("consultationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ModerationLog_municipalityId_createdAt_idx" ON "ModerationLog"("municipalityId", "createdAt");
