import { ConfigError, parseEnv } from "./env.server.ts";

describe("configuration", () => {
  it("has working defaults for a first start", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/raadslag.db");
    expect(env.SEED_ADMIN_EMAIL).toBe("admin@fjordby.dk");
  });

  it("names every bad variable in one clear message", () => {
    expect(() => parseEnv({ PORT: "eighty", PUBLIC_URL: "ftp://x", DATABASE_URL: "mysql://db" })).toThrow(ConfigError);
    try {
      parseEnv({ PORT: "eighty", PUBLIC_URL: "ftp://x", DATABASE_URL: "mysql://db", SESSION_SECRET: "short" });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ["PORT", "PUBLIC_URL", "DATABASE_URL", "SESSION_SECRET"]) expect(message).toContain(name);
    }
  });

  it("treats empty variables as unset and trims a trailing slash from PUBLIC_URL", () => {
    const env = parseEnv({ PORT: "", PUBLIC_URL: "https://raadslag.fjordby.dk/" });
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("https://raadslag.fjordby.dk");
  });
});

describe("mail configuration", () => {
  it("sends nothing by SMTP unless told, from a default address, with production retry pacing", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("Rådslag <no-reply@localhost>");
    expect(env.MAIL_RETRY_SECONDS).toBe(30);
    expect(env.MAIL_RETRY_MAX_SECONDS).toBe(3600);
    expect(env.MAIL_MAX_ATTEMPTS).toBe(10);
  });

  it("takes an SMTP relay, a sender and short retries (in fractions of a second) for tests", () => {
    const env = parseEnv({
      SMTP_URL: "smtps://raadslag:hemmelig@mail.fjordby.dk:465",
      MAIL_FROM: "Fjordby Kommune <noreply@fjordby.dk>",
      MAIL_RETRY_SECONDS: "0.2",
      MAIL_POLL_SECONDS: "0.5",
    });
    expect(env.SMTP_URL).toBe("smtps://raadslag:hemmelig@mail.fjordby.dk:465");
    expect(env.MAIL_FROM).toBe("Fjordby Kommune <noreply@fjordby.dk>");
    expect(env.MAIL_RETRY_SECONDS).toBe(0.2);
    expect(env.MAIL_POLL_SECONDS).toBe(0.5);
  });

  it("refuses a relay that is not SMTP, a sender without an address and retries that never wait", () => {
    let message = "";
    try {
      parseEnv({ SMTP_URL: "http://mail.fjordby.dk", MAIL_FROM: "Fjordby Kommune", MAIL_RETRY_SECONDS: "0", MAIL_MAX_ATTEMPTS: "many" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ["SMTP_URL", "MAIL_FROM", "MAIL_RETRY_SECONDS", "MAIL_MAX_ATTEMPTS"]) expect(message).toContain(name);
  });
});

describe("links in e-mails sent without a request", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  it("use PUBLIC_URL when it is set, and the local server otherwise", async () => {
    // getEnv() reads the environment once per process; a fresh module reads it again.
    process.env.PUBLIC_URL = "https://raadslag.fjordby.dk/";
    vi.resetModules();
    expect((await import("./env.server.ts")).backgroundOrigin()).toBe("https://raadslag.fjordby.dk");
    delete process.env.PUBLIC_URL;
    process.env.PORT = "3456";
    vi.resetModules();
    expect((await import("./env.server.ts")).backgroundOrigin()).toBe("http://localhost:3456");
  });
});

describe("database lock wait", () => {
  it("waits five seconds for a lock by default, and takes a shorter wait in milliseconds", () => {
    expect(parseEnv({}).SQLITE_BUSY_TIMEOUT_MS).toBe(5000);
    expect(parseEnv({ SQLITE_BUSY_TIMEOUT_MS: "250" }).SQLITE_BUSY_TIMEOUT_MS).toBe(250);
  });

  it("refuses a wait that is not whole milliseconds between 0 and a minute, naming the variable", () => {
    for (const bad of ["soon", "-1", "2.5", "600000"]) {
      expect(() => parseEnv({ SQLITE_BUSY_TIMEOUT_MS: bad })).toThrow(/SQLITE_BUSY_TIMEOUT_MS/);
    }
  });
});

describe("several processes", () => {
  it("runs as one process without Redis unless REDIS_URL is set", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("takes a redis:// or rediss:// address, with a password and a database number", () => {
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(parseEnv({ REDIS_URL: "rediss://:secret@cache.fjordby.dk:6380/2" }).REDIS_URL).toBe("rediss://:secret@cache.fjordby.dk:6380/2");
  });

  it("refuses an address that is not Redis, naming the variable", () => {
    for (const bad of ["127.0.0.1:6379", "http://cache.fjordby.dk", "redis"]) {
      expect(() => parseEnv({ REDIS_URL: bad })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    }
  });
});

describe("database", () => {
  it("uses SQLite by default, and takes a postgres:// or postgresql:// URL with a pool of ten by default", () => {
    expect(parseEnv({}).DATABASE_URL).toBe("file:./data/raadslag.db");
    for (const url of ["postgresql://raadslag:hemmelig@db.fjordby.dk:5432/raadslag", "postgres://raadslag@127.0.0.1/raadslag?sslmode=require"]) {
      const env = parseEnv({ DATABASE_URL: url });
      expect(env.DATABASE_URL).toBe(url);
      expect(env.DATABASE_POOL_SIZE).toBe(10);
    }
    expect(parseEnv({ DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
  });

  it("refuses another database, a PostgreSQL URL without a database and a pool that is not 1–1000, naming the variable", () => {
    for (const DATABASE_URL of ["mysql://db/raadslag", "postgresql://db.fjordby.dk", "postgresql://db.fjordby.dk/", "./raadslag.db"]) {
      expect(() => parseEnv({ DATABASE_URL }), DATABASE_URL).toThrow(/DATABASE_URL: must start with "file:"/);
    }
    for (const DATABASE_POOL_SIZE of ["0", "1001", "2.5", "many"]) {
      expect(() => parseEnv({ DATABASE_POOL_SIZE }), DATABASE_POOL_SIZE).toThrow(/DATABASE_POOL_SIZE/);
    }
  });
});
