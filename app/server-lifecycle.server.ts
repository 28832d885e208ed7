/**
 * What the server does before it listens, and the background jobs it runs while it lives.
 * Migrations are applied by server/index.mjs through Prisma's CLI before this runs.
 */
import { prisma, tuneDatabase } from "~/utils/db.server.ts";
import { backgroundOrigin, getEnv } from "~/utils/env.server.ts";
import { seedDemo } from "~/modules/demo/seed.server.ts";
import { ensureAdmin } from "~/modules/auth/users.server.ts";
import { advanceLifecycle } from "~/modules/consultations/consultations.server.ts";
import { startLiveResults } from "~/modules/polls/live-results.server.ts";
import { startMailWorker } from "~/modules/mail/worker.server.ts";
import { forgetUnconfirmedFollowers } from "~/modules/followers/followers.server.ts";
import { sendOverdueReminders } from "~/modules/outcomes/overdue.server.ts";
import { dailyRetention } from "~/modules/privacy/retention.server.ts";

/** WAL mode, the demo municipality on an empty database, and a first admin. */
export async function prepareDatabase() {
  const env = getEnv();
  await tuneDatabase();
  if ((await prisma.municipality.count()) === 0) {
    await seedDemo({ adminEmail: env.SEED_ADMIN_EMAIL, adminPassword: env.SEED_ADMIN_PASSWORD });
    console.log("Seeded the demo municipality.");
  }
  const municipality = await prisma.municipality.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } });
  if (await ensureAdmin(municipality.id, env.SEED_ADMIN_EMAIL, env.SEED_ADMIN_PASSWORD)) {
    console.log(`Created the first admin, ${env.SEED_ADMIN_EMAIL}.`);
  }
}

/** Opens and closes consultations at their dates, within seconds, and says so to open pages. */
export function startBackgroundJobs({ intervalMs = 15_000 } = {}) {
  let running = false;
  // Personal data past the retention period is deleted once a day (modules/privacy/retention.server.ts).
  const retention = dailyRetention();
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await advanceLifecycle();
      await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await forgetUnconfirmedFollowers();
      // One reminder a day per overdue decision; the outbox's dedupe key keeps it to one.
      await sendOverdueReminders(backgroundOrigin());
      await retention();
    } catch (error) {
      console.error("[lifecycle] tick failed", error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  const stopLiveResults = startLiveResults();
  // Sends the outbox: woken by every enqueue, polling besides (see modules/mail/worker.server.ts).
  const mailWorker = startMailWorker();
  return () => {
    clearInterval(timer);
    stopLiveResults();
    void mailWorker.stop();
  };
}
