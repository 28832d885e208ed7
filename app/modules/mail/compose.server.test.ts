import { composeMail } from "./compose.server.ts";

const base = {
  locale: "da",
  municipality: { name: "Fjordby Kommune", primaryColor: "#1f4e79" },
  heading: "Byrådet har besluttet",
  paragraphs: ["Første afsnit.", "Andet afsnit\nmed et linjeskift."],
};

describe("composing an e-mail", () => {
  it("escapes every text put into the HTML, so a title cannot inject markup", () => {
    const mail = composeMail({
      ...base,
      municipality: { name: "Fjordby <b>Kommune</b>", primaryColor: "#1f4e79" },
      heading: `Skolevej "nord" & <script>alert(1)</script>`,
      paragraphs: ["<img src=x onerror=alert(1)>"],
      footerNote: "Fordi du <i>følger</i> sagen.",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<i>");
    expect(mail.html).not.toContain("<b>Kommune");
    expect(mail.html).toContain("Skolevej &quot;nord&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The plain text is text: nothing to escape there.
    expect(mail.text).toContain(`Skolevej "nord" & <script>alert(1)</script>`);
  });

  it("writes the button's address out in the plain text and beside the button in the HTML", () => {
    const url = "https://raadslag.fjordby.dk/foelg/abc/bekraeft";
    const mail = composeMail({ ...base, action: { label: "Bekræft", url } });
    expect(mail.text).toContain(`Bekræft:\n${url}`);
    expect(mail.html.match(new RegExp(`href="${url}"`, "g"))).toHaveLength(2);
    expect(mail.html).toContain("Virker knappen ikke?");
  });

  it("adds one-click unsubscribe headers and a footer link only when there is something to unsubscribe from", () => {
    const url = "https://raadslag.fjordby.dk/foelg/abc/afmeld";
    const withLink = composeMail({ ...base, unsubscribeUrl: url });
    expect(withLink.headers["List-Unsubscribe"]).toBe(`<${url}>`);
    expect(withLink.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(withLink.text).toContain(`Afmeld e-mails om denne sag: ${url}`);
    expect(withLink.html).toContain(`href="${url}"`);

    const without = composeMail(base);
    expect(without.headers["List-Unsubscribe"]).toBeUndefined();
    expect(without.text).not.toContain("Afmeld");
    expect(without.headers["Auto-Submitted"]).toBe("auto-generated");
  });

  it("speaks the recipient's language in its own words and in the page language", () => {
    const english = composeMail({ ...base, locale: "en", action: { label: "Read it", url: "https://raadslag.fjordby.dk/c/x" }, unsubscribeUrl: "https://raadslag.fjordby.dk/foelg/abc/afmeld" });
    expect(english.html).toContain('<html lang="en"');
    expect(english.text).toContain("Sent by Fjordby Kommune through Rådslag.");
    expect(english.text).toContain("Stop e-mails about this consultation");
    expect(english.html).toContain("Does the button not work?");
    const danish = composeMail(base);
    expect(danish.html).toContain('<html lang="da"');
    expect(danish.text).toContain("Sendt af Fjordby Kommune gennem Rådslag.");
  });

  it("loads nothing from elsewhere and lays out with presentation tables", () => {
    const mail = composeMail({ ...base, preheader: "Kort fortalt", action: { label: "Læs mere", url: "https://raadslag.fjordby.dk/c/x" } });
    expect(mail.html).not.toMatch(/<img|<link|@import|url\(|<script/i);
    for (const table of mail.html.match(/<table[^>]*>/g) ?? []) expect(table).toContain('role="presentation"');
    expect(mail.html).toContain("<title>Byrådet har besluttet</title>");
    expect(mail.html).toContain("Kort fortalt");
    expect(mail.html).toContain("Andet afsnit<br>med et linjeskift.");
  });

  it("keeps the button readable whatever the municipality's colour", () => {
    const dark = composeMail({ ...base, municipality: { name: "Fjordby Kommune", primaryColor: "#0b2545" }, action: { label: "Læs", url: "https://x.dk/" } });
    expect(dark.html).toMatch(/color:#ffffff;text-decoration:none/);
    const light = composeMail({ ...base, municipality: { name: "Fjordby Kommune", primaryColor: "#f6c453" }, action: { label: "Læs", url: "https://x.dk/" } });
    expect(light.html).toMatch(/color:#1a1d21;text-decoration:none/);
    // A colour that is not a colour never reaches a style attribute.
    const odd = composeMail({ ...base, municipality: { name: "Fjordby Kommune", primaryColor: "red;background:url(https://evil.example)" } });
    expect(odd.html).not.toContain("evil.example");
  });

  it("refuses a link that is not a web address", () => {
    expect(() => composeMail({ ...base, action: { label: "Klik", url: "javascript:alert(1)" } })).toThrow();
    expect(() => composeMail({ ...base, unsubscribeUrl: "data:text/html,hi" })).toThrow();
  });
});
