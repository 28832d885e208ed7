// `prisma db seed`: the demo municipality, on an empty database only.
import { prisma } from "../app/utils/db.server.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { seedDemo } from "../app/modules/demo/seed.server.ts";

const env = getEnv();
if ((await prisma.municipality.count()) > 0) {
  console.log("The database already has a municipality; nothing seeded.");
} else {
  await seedDemo({ adminEmail: env.SEED_ADMIN_EMAIL, adminPassword: env.SEED_ADMIN_PASSWORD });
  console.log("Seeded the demo municipality.");
}
await prisma.$disconnect();
