/**
 * A few comments on the demo consultations, so a new installation shows a living debate: citizens,
 * a reply, and official answers from the administration and a politician. Fictional people.
 */
export type DemoComment = {
  author: string;
  /** A staff member's e-mail from demoStaff: the comment is an official answer. */
  staffEmail?: string;
  body: string;
  minutesAgo: number;
  supports?: number;
  replies?: DemoComment[];
};

export const demoDiscussion: Record<string, DemoComment[]> = {
  "cykelsti-strandvejen": [
    {
      author: "Mette fra Strandhøj",
      body: "Endelig! Mine børn cykler ad Strandvejen hver dag, og det er utrygt, når busserne kører tæt forbi. Husk ordentligt lys ved krydset ved Havnevej.",
      minutesAgo: 60 * 26,
      supports: 14,
      replies: [
        {
          author: "Jonas Bech Andersen",
          staffEmail: "jonas.bech@fjordby.dk",
          body: "Tak for input. Belysningen ved Havnevej er med i projektet: der kommer nye LED-master på hele strækningen fra rundkørslen til skolen.",
          minutesAgo: 60 * 20,
          supports: 6,
        },
      ],
    },
    {
      author: "Erhvervsdrivende, Kirkestien",
      body: "Jeg forstår behovet, men 38 p-pladser er mange for os butikker. Kan man lave korttidsparkering i sidegaderne i stedet?",
      minutesAgo: 60 * 9,
      supports: 5,
    },
    {
      author: "Lene Dahl Kristensen",
      staffEmail: "lene.dahl@fjordby.dk",
      body: "Tak til alle, der har skrevet indtil nu. Jeg læser med, og vi tager både trafiksikkerheden og parkeringen med, når udvalget skal beslutte.",
      minutesAgo: 60 * 3,
      supports: 9,
    },
  ],
  "ungehus-brandstationen": [
    {
      author: "Freja, 16",
      body: "Et sted hvor man kan lave musik og optage podcasts! Og åbent til kl. 22 i weekenden.",
      minutesAgo: 60 * 30,
      supports: 21,
    },
    {
      author: "Ali",
      body: "Lektiecafé med nogen der kan hjælpe med matematik. Og gratis wifi, der virker.",
      minutesAgo: 60 * 11,
      supports: 12,
    },
  ],
  "skolevej-ellemose": [
    {
      author: "Forælder i 2.b",
      body: "Overgangen ved Bakkevej om morgenen er det værste sted. Bilerne holder i begge sider, og man kan ikke se børnene.",
      minutesAgo: 60 * 40,
      supports: 8,
    },
  ],
};
