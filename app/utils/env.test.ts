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
