-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "showResultsBeforeClose" BOOLEAN NOT NULL DEFAULT true,
    "askAgeGroup" BOOLEAN NOT NULL DEFAULT true,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Poll_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "PollQuestion_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollOption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    CONSTRAINT "PollOption_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollBallot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "voterHash" TEXT NOT NULL,
    "ageGroup" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PollBallot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ballotId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    CONSTRAINT "PollAnswer_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "PollBallot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollAnswer_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "PostDraftRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "politicianId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "drafterId" TEXT,
    "draftText" TEXT,
    "cardFormat" TEXT,
    "neutralityConfirmedAt" DATETIME,
    "draftedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PostDraftRequest_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PostDraftRequest_politicianId_fkey" FOREIGN KEY ("politicianId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PostDraftRequest_drafterId_fkey" FOREIGN KEY ("drafterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Poll_joinCode_key" ON "Poll"("joinCode");

-- CreateIndex
CREATE INDEX "Poll_consultationId_idx" ON "Poll"("consultationId");

-- CreateIndex
CREATE INDEX "PollQuestion_pollId_idx" ON "PollQuestion"("pollId");

-- CreateIndex
CREATE INDEX "PollOption_questionId_idx" ON "PollOption"("questionId");

-- CreateIndex
CREATE INDEX "PollBallot_pollId_createdAt_idx" ON "PollBallot"("pollId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PollBallot_pollId_voterHash_key" ON "PollBallot"("pollId", "voterHash");

-- CreateIndex
CREATE INDEX "PollAnswer_questionId_optionId_idx" ON "PollAnswer"("questionId", "optionId");

-- CreateIndex
CREATE INDEX "PollAnswer_ballotId_idx" ON "PollAnswer"("ballotId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelCount_targetType_targetId_channel_key" ON "ChannelCount"("targetType", "targetId", "channel");

-- CreateIndex
CREATE INDEX "PostDraftRequest_status_createdAt_idx" ON "PostDraftRequest"("status", "createdAt");
