import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, type Language } from "~/i18n/config.ts";
import { resources } from "~/i18n/i18next.server.ts";
import type { ParticipationFigures } from "../figures.ts";
import { AgeGroupChart } from "./age-group-chart.tsx";
import { ChannelChart } from "./channel-chart.tsx";

async function render(element: ReactElement, lng: Language = "da") {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng, resources });
  // Intl separates numbers and "%" with a no-break space in Danish; read it as a space.
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element)).replace(/\u00a0|&nbsp;/g, " ");
}

/** The text of the markup, as a reader (or a screen reader) gets it. */
function text(html: string) {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

function svgOf(html: string) {
  return /<svg role="img"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
}

function tableOf(html: string) {
  return /<details>[\s\S]*?<\/details>/.exec(html)?.[0] ?? "";
}

const storyPoll: ParticipationFigures = {
  participants: 80,
  comments: 0,
  hearingResponses: 0,
  pollVoters: 77,
  byAgeGroup: { "13-17": 48, "18-24": 21, "25-39": 0, "40-64": 5, "65+": 0 },
  byChannel: { snapchat: 44, instagram: 25, qr: 12, facebook: 9, web: 7 },
  population: { "13-17": 3712, "18-24": 4389, "25-39": 9874, "40-64": 20416, "65+": 13603 },
};

describe("the age-group chart", () => {
  it("is an SVG image named by its caption and described with every group's two shares", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: storyPoll }));
    const svg = svgOf(html);
    const titleId = /aria-labelledby="([^"]+)"/.exec(svg)![1];
    const descId = /aria-describedby="([^"]+)"/.exec(svg)![1];
    expect(svg).toContain(`<title id="${titleId}">Aldersgrupper: deltagere og indbyggere</title>`);
    const desc = new RegExp(`<desc id="${descId}">([^<]*)</desc>`).exec(svg)![1];
    expect(desc).toContain("74 deltagere oplyste aldersgruppe.");
    expect(desc).toContain("13-17 år: 65 % af deltagerne, 7 % af indbyggerne.");
    expect(desc).toContain("65+ år: 0 % af deltagerne, 26 % af indbyggerne.");
  });

  it("writes each share beside its bar, the ratio of over- and under-represented groups, and says which they are", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: storyPoll }));
    const drawn = text(svgOf(html));
    // 48 of 74 is 65 %; 3,712 of 51,994 residents is 7 %; 0.649 / 0.0714 = 9.1.
    expect(drawn).toContain("13-17 år ▲ 9,1× 65 % 7 %");
    expect(drawn).toContain("40-64 år ▼ 0,2× 7 % 39 %");
    expect(svgOf(html).match(/<rect /g)).toHaveLength(10);
    const said = text(html);
    expect(said).toContain("Fylder mere blandt deltagerne end blandt indbyggerne: 13-17 år (9,1×), 18-24 år (3,4×).");
    expect(said).toContain("Fylder mindre blandt deltagerne end blandt indbyggerne: 25-39 år (0,0×), 40-64 år (0,2×), 65+ år (0,0×).");
    expect(said).toContain("74 af 77 stemmer i afstemningerne oplyste aldersgruppe.");
  });

  it("has the figures as a table for screen readers and copying", async () => {
    const table = tableOf(await render(createElement(AgeGroupChart, { figures: storyPoll })));
    expect(table).toMatch(/<summary[^>]*>Vis tallene som tabel<\/summary>/);
    expect(table).toContain('<caption class="visually-hidden">Aldersgrupper: deltagere og indbyggere</caption>');
    expect(table).toContain('<th scope="col">Andel af indbyggerne</th>');
    expect(text(table)).toContain("13-17 år 48 65 % 3.712 7 % 9,1×");
    expect(text(table)).toContain("40-64 år 5 7 % 20.416 39 % 0,2×");
  });

  it("reads in English with English number formats", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: storyPoll }), "en");
    expect(svgOf(html)).toContain("Age groups: participants and residents</title>");
    expect(text(tableOf(html))).toContain("13-17 years 48 65% 3,712 7% 9.1×");
  });

  it("without population figures shows participants only and says there is nothing to compare with", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: { ...storyPoll, population: null } }));
    expect(svgOf(html).match(/<rect /g)).toHaveLength(5);
    expect(text(html)).toContain("indbyggertal pr. aldersgruppe er ikke indtastet");
    expect(text(html)).not.toContain("▲");
  });

  it("with a handful of answers gives the shares but no verdict", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: { ...storyPoll, pollVoters: 4, byAgeGroup: { "13-17": 3, "18-24": 1, "25-39": 0, "40-64": 0, "65+": 0 } } }));
    expect(text(svgOf(html))).toContain("13-17 år 75 %");
    expect(text(html)).toContain("Kun 4 har oplyst aldersgruppe");
    expect(text(html)).not.toMatch(/[▲▼]/);
  });

  it("says so plainly when no age group has been answered, instead of drawing empty bars", async () => {
    const html = await render(createElement(AgeGroupChart, { figures: { ...storyPoll, byAgeGroup: { "13-17": 0, "18-24": 0, "25-39": 0, "40-64": 0, "65+": 0 } } }));
    expect(html).not.toContain("<svg");
    expect(text(html)).toContain("Ingen har oplyst aldersgruppe endnu.");
  });
});

describe("the channel chart", () => {
  it("draws arrivals per channel, largest first, with the number and share beside each bar", async () => {
    const html = await render(createElement(ChannelChart, { figures: storyPoll }));
    const svg = svgOf(html);
    expect(svg).toContain("Hvor deltagerne kom fra</title>");
    expect(text(svg)).toContain("Snapchat 44 (45 %) Instagram 25 (26 %) QR-kode 12 (12 %) Facebook 9 (9 %) Kort link 7 (7 %)");
    expect(svg).toContain("97 ankomster i alt. Snapchat: 44 (45 %); Instagram: 25 (26 %)");
    expect(text(tableOf(html))).toContain("Kanal Ankomster Andel Snapchat 44 45 %");
  });

  it("says so when nobody has arrived by a shared link", async () => {
    const html = await render(createElement(ChannelChart, { figures: { byChannel: {} } }), "en");
    expect(html).not.toContain("<svg");
    expect(text(html)).toContain("Nobody has arrived by a shared link, a short link or a QR code yet.");
  });
});
