/**
 * One layout for every e-mail the platform sends: the municipality's name and colour, a heading,
 * a few paragraphs, at most one button, and a footer with the way out. Each message comes as HTML
 * (a plain table layout with inline styles, the one thing every mail program renders alike, with no
 * image or font from anywhere) and as plain text with every address written out.
 */
import { createInstance } from "i18next";
import { resources } from "~/i18n/i18next.server.ts";
import { fallbackLanguage, i18nOptions, isLanguage, type Language, type Namespace } from "~/i18n/config.ts";

// Its own i18next instance, initialised synchronously from the resources the server already holds,
// so mail can be rendered anywhere, in a loop or inside a transaction, without waiting.
const i18n = createInstance();
void i18n.init({ ...i18nOptions, lng: fallbackLanguage, resources, initImmediate: false });

/** The language of a stored locale; anything unknown reads as Danish. */
export function mailLanguage(locale: string | null | undefined): Language {
  return isLanguage(locale) ? locale : fallbackLanguage;
}

/** A translator for e-mail text in the recipient's language. */
export function mailT(locale: string | null | undefined, ns: Namespace = "mail") {
  return i18n.getFixedT(mailLanguage(locale), ns);
}

export type MailContent = {
  /** The recipient's language: the layout's own words and the page language follow it. */
  locale: string;
  municipality: { name: string; primaryColor?: string | null };
  /** The line mail programs show after the subject in the inbox list. */
  preheader?: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** A line in the footer saying why this e-mail was sent. */
  footerNote?: string;
  /** When given: the one-click unsubscribe headers (RFC 8058) and a link in the footer. */
  unsubscribeUrl?: string;
};

export type ComposedMail = { text: string; html: string; headers: Record<string, string> };

const font = "Arial, Helvetica, sans-serif";
const ink = "#1a1d21";
const inkSoft = "#4a525c";
const fallbackBrand = "#0b4f6c";

export function composeMail(content: MailContent): ComposedMail {
  const lng = mailLanguage(content.locale);
  const t = mailT(lng);
  const action = content.action ? { label: content.action.label, url: webUrl(content.action.url) } : undefined;
  const unsubscribeUrl = content.unsubscribeUrl ? webUrl(content.unsubscribeUrl) : undefined;
  const sentBy = t("layout.sentBy", { municipality: content.municipality.name });
  const brand = brandColour(content.municipality.primaryColor);
  // The button's text is white or ink, whichever reads better on the municipality's colour; links
  // on white use the colour only when it is dark enough to read as text.
  const buttonText = contrast(brand, "#ffffff") >= contrast(brand, ink) ? "#ffffff" : ink;
  const linkColour = contrast(brand, "#ffffff") >= 4.5 ? brand : fallbackBrand;

  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated" };
  if (unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }

  const text = [
    content.municipality.name,
    "",
    content.heading,
    "=".repeat(Math.min(70, Math.max(3, content.heading.length))),
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}:`, action.url, ""] : []),
    "-- ",
    ...(content.footerNote ? [content.footerNote] : []),
    sentBy,
    ...(unsubscribeUrl ? [`${t("layout.unsubscribe")}: ${unsubscribeUrl}`] : []),
    "",
  ].join("\n");

  const p = (body: string, { size = 16, colour = ink } = {}) =>
    `<p style="margin:0 0 16px;font-family:${font};font-size:${size}px;line-height:1.5;color:${colour};">${body}</p>`;
  const html = `<!DOCTYPE html>
<html lang="${lng}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(content.heading)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;">
${content.preheader ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(content.preheader)}</div>\n` : ""}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f6f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-top:6px solid ${brand};border-radius:8px;">
<tr><td style="padding:20px 28px 4px;font-family:${font};font-size:15px;font-weight:bold;color:${inkSoft};">${escapeHtml(content.municipality.name)}</td></tr>
<tr><td style="padding:8px 28px 8px;">
<h1 style="margin:0 0 16px;font-family:${font};font-size:24px;line-height:1.3;color:${ink};">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((para) => p(escapeHtml(para).replace(/\r?\n/g, "<br>"))).join("\n")}
${
  action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 20px;"><tr><td style="background:${brand};border-radius:6px;">` +
      `<a href="${escapeHtml(action.url)}" style="display:inline-block;padding:14px 22px;font-family:${font};font-size:16px;font-weight:bold;line-height:1.2;color:${buttonText};text-decoration:none;border-radius:6px;">${escapeHtml(action.label)}</a>` +
      `</td></tr></table>\n` +
      p(`${escapeHtml(t("layout.buttonFallback"))}<br><a href="${escapeHtml(action.url)}" style="color:${linkColour};word-break:break-all;">${escapeHtml(action.url)}</a>`, { size: 14, colour: inkSoft })
    : ""
}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #d9dee4;font-family:${font};font-size:13px;line-height:1.5;color:${inkSoft};">
${content.footerNote ? `<p style="margin:0 0 8px;">${escapeHtml(content.footerNote)}</p>\n` : ""}<p style="margin:0;">${escapeHtml(sentBy)}${
    unsubscribeUrl ? ` <a href="${escapeHtml(unsubscribeUrl)}" style="color:${linkColour};">${escapeHtml(t("layout.unsubscribe"))}</a>` : ""
  }</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { text, html, headers };
}

export function escapeHtml(value: string) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Only web addresses go into a message: a javascript: or data: link would be a trap. */
function webUrl(url: string) {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`Not a web address for an e-mail: ${parsed.protocol}`);
  return parsed.toString();
}

function brandColour(colour: string | null | undefined) {
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : fallbackBrand;
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string) {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string) {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
