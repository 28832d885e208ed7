/**
 * Demo content for a fresh installation of Rådslag.
 *
 * Pure data: no database access and no runtime imports. The seed script turns the
 * relative day offsets into dates when it runs, so the demo always looks current.
 *
 * Everything here is fictional: Fjordby Kommune does not exist, and the staff are
 * invented people. Place names inside the municipality (Østbyen, Strandhøj, Ellemose,
 * Havneparken, Mejerigrunden …) are invented for the demo too.
 *
 * Bodies are plain text; paragraphs are separated by a blank line. Bodies and
 * summaries deliberately avoid calendar dates and words like "i dag", so they read
 * correctly whenever the demo is seeded; deadlines come from the date fields.
 */

export type DemoConsultationKind = "hearing" | "participation" | "decision";

export type DemoConsultationPhase =
  | "open"
  | "closed_awaiting"
  | "closed_overdue"
  | "outcome_published"
  | "scheduled";

export type DemoConsultation = {
  /** Stable id for tests and for idempotent seeding. */
  key: string;
  kind: DemoConsultationKind;
  phase: DemoConsultationPhase;
  title: string;
  /** Plain language, understood in ten seconds; at most about 200 characters. */
  summary: string;
  /** Plain text, paragraphs separated by a blank line. */
  body: string;
  /** What the council promises to do with the input (fits the kind). */
  promise: string;
  decidedBy: string;
  /** Negative = in the past. */
  opensDaysFromNow: number;
  closesDaysFromNow: number;
  /** Expected decision date. */
  decisionDaysFromNow: number;
  /** url only for links on the municipality's own (fictional) domain. */
  documents: { title: string; url?: string }[];
  outcome?: { decision: string; points: { youSaid: string; weDid: string }[] };
};

export type DemoStaffRole = "admin" | "editor" | "moderator" | "politician";

export type DemoStaffMember = {
  email: string;
  name: string;
  role: DemoStaffRole;
  /** Shown with official answers. */
  title: string;
};

export type DemoMunicipality = {
  slug: string;
  name: string;
  primaryColor: string;
  accentColor: string;
  contactEmail: string;
  /** ISO weekdays, 1 (Monday) to 7 (Sunday), comma-separated. */
  officeDays: string;
  officeOpens: string;
  officeCloses: string;
};

const DOCS = "https://www.fjordby.dk/media/borgerdialog";

export const demoMunicipality: DemoMunicipality = {
  slug: "fjordby",
  name: "Fjordby Kommune",
  // Deep fjord blue. White text on it: contrast 8.94:1 (WCAG AA needs 4.5:1, AAA 7:1).
  primaryColor: "#0b4f6c",
  // Warm sand yellow. On the primary colour: 5.51:1; dark text (#1a1a1a) on it: 10.72:1.
  // Not for text on white (1.62:1) — use it for highlights, badges and fills only.
  accentColor: "#f6c453",
  contactEmail: "borgerdialog@fjordby.dk",
  officeDays: "1,2,3,4,5",
  officeOpens: "09:00",
  officeCloses: "15:00",
};

export const demoStaff: DemoStaffMember[] = [
  {
    email: "admin@fjordby.dk",
    name: "Henrik Lund Nielsen",
    role: "admin",
    title: "Digitalisering og IT",
  },
  {
    email: "sofie.holm@fjordby.dk",
    name: "Sofie Holm Madsen",
    role: "editor",
    title: "Kommunikation",
  },
  {
    email: "jonas.bech@fjordby.dk",
    name: "Jonas Bech Andersen",
    role: "editor",
    title: "Teknik og Miljø",
  },
  {
    email: "camilla.friis@fjordby.dk",
    name: "Camilla Friis Larsen",
    role: "moderator",
    title: "Borgerservice",
  },
  {
    email: "lene.dahl@fjordby.dk",
    name: "Lene Dahl Kristensen",
    role: "politician",
    title: "Borgmester",
  },
];

/** The hearing promise, worded for the body that receives the responses. */
function hearingPromise(recipient: string): string {
  return (
    "Alle høringssvar bliver læst. De offentliggøres med navn, medmindre du beder om andet, " +
    `og de bliver sammenfattet og kommenteret i et høringsnotat, som ${recipient} får forelagt, før der træffes beslutning. ` +
    "Når beslutningen er truffet, får alle, der følger høringen, besked om, hvad der kom ud af den."
  );
}

export const demoConsultations: DemoConsultation[] = [
  // 1. Open hearing: a concrete proposal, formal responses before the committee decides.
  {
    key: "cykelsti-strandvejen",
    kind: "hearing",
    phase: "open",
    title: "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj",
    summary:
      "Vi foreslår en 2,4 km lang cykelsti i begge sider af Strandvejen. 38 p-pladser og 11 træer må vige. Send et høringssvar, før Teknik- og Miljøudvalget beslutter.",
    body: [
      "Strandvejen er den korteste vej mellem Fjordby centrum og Strandhøj. Omkring 1.100 cyklister kører her hver dag, og mange af dem er elever på vej til Strandhøj Skole. De deler vejen med biler og busser, og politiet har registreret 9 uheld med cyklister på strækningen de seneste fem år.",
      "Forvaltningen foreslår en 2,2 meter bred, hævet cykelsti i begge sider af vejen fra rundkørslen ved Havnevej til Strandhøj Skole, i alt 2,4 km. For at få plads fjernes de 38 parkeringspladser i vejsiden mellem Kirkestien og Møllevej, og 11 lindetræer ud for nr. 40–62 fældes. Der plantes 20 nye træer i sidegaderne. Projektet koster 14,2 mio. kr.",
      "Vi vil især gerne høre fra dig om tre ting: hvor beboerne på strækningen kan parkere i stedet, hvordan krydset ved Strandhøj Skole bliver mest sikkert, og om du hellere vil have en smallere cykelsti ud for nr. 40–62, så træerne kan blive stående.",
      "Det er ikke til debat i denne høring, om der skal bygges en cykelsti, eller hvor mange penge der er afsat. Det besluttede Byrådet med budgettet. Høringen handler om, hvordan cykelstien skal se ud.",
      "Du sender dit høringssvar her på siden inden fristen, og du skal skrive dit navn. Har du spørgsmål, kan du komme til borgermødet i Strandhøj Skoles aula. Tid og sted står i invitationen under dokumenter.",
    ].join("\n\n"),
    promise: hearingPromise("Teknik- og Miljøudvalget"),
    decidedBy: "Teknik- og Miljøudvalget",
    opensDaysFromNow: -9,
    closesDaysFromNow: 19,
    decisionDaysFromNow: 47,
    documents: [
      {
        title: "Projektforslag: Cykelsti langs Strandvejen (PDF)",
        url: `${DOCS}/cykelsti-strandvejen/projektforslag.pdf`,
      },
      {
        title: "Kort over strækningen og de berørte parkeringspladser (PDF)",
        url: `${DOCS}/cykelsti-strandvejen/kort.pdf`,
      },
      {
        title: "Trafiktælling og uheld på Strandvejen (PDF)",
        url: `${DOCS}/cykelsti-strandvejen/trafiktaelling.pdf`,
      },
      {
        title: "Invitation til borgermøde i Strandhøj Skoles aula",
        url: `${DOCS}/cykelsti-strandvejen/borgermoede.pdf`,
      },
    ],
  },

  // 2. Open participation aimed at young people: ideas and polls, shared from stories.
  {
    key: "ungehus-brandstationen",
    kind: "participation",
    phase: "open",
    title: "Hvad skal der ske i det nye ungehus?",
    summary:
      "Den gamle brandstation på Havnevej bliver ungehus for 13–25-årige. Hvad skal der være, og hvornår skal det have åbent? Kom med din idé eller svar på afstemningen.",
    body: [
      "Byrådet har besluttet, at den gamle brandstation på Havnevej skal være ungehus for unge mellem 13 og 25 år. Der er sat 3,5 mio. kr. af til at sætte huset i stand og 600.000 kr. om året til drift, så der er voksne til stede, når huset har åbent.",
      "Nu vil vi gerne vide, hvad du vil bruge huset til. Skal der være musiklokale, gaming, et sted at lave lektier, et køkken hvor I selv kan lave mad – eller noget helt andet? Og hvornår skal det have åbent: lige efter skole, om aftenen eller i weekenden?",
      "Udenfor er der plads på den gamle øvelsesplads bag huset. Den er cirka 900 m², så der er plads til én ting, fx en lille skatepark, en multibane eller et overdækket sted at hænge ud.",
      "Det ligger fast, at ungehuset kommer i brandstationen, og pengene bliver ikke flere. Det er indholdet og åbningstiderne, du er med til at bestemme.",
      "Du kan skrive en idé, kommentere andres idéer eller svare på afstemningen. Du skal ikke logge ind for at svare på afstemningen, og dit svar er anonymt.",
    ].join("\n\n"),
    promise:
      "Vi læser alle idéer og tæller alle stemmer. Kultur- og Fritidsudvalget får det hele forelagt, når de beslutter, hvad der skal være i huset. Bagefter fortæller vi her, hvilke idéer der kommer med – og hvorfor de andre ikke gør.",
    decidedBy: "Kultur- og Fritidsudvalget",
    opensDaysFromNow: -6,
    closesDaysFromNow: 22,
    decisionDaysFromNow: 55,
    documents: [
      {
        title: "Plantegning af den gamle brandstation (PDF)",
        url: `${DOCS}/ungehus/plantegning.pdf`,
      },
      {
        title: "Byrådets beslutning om ungehuset (dagsordenspunkt)",
        url: `${DOCS}/ungehus/byraadets-beslutning.pdf`,
      },
    ],
  },

  // 3. Open decision: a citizen budget with rules fixed before the vote, binding within the frame.
  {
    key: "borgerbudget-oestbyen",
    kind: "decision",
    phase: "open",
    title: "Borgerbudget Østbyen: Du bestemmer, hvad 500.000 kr. skal bruges på",
    summary:
      "Vælg op til tre af ni projekter til Østbyen. Projekterne med flest stemmer bliver gennemført for i alt 500.000 kr. Alle fra 13 år, der bor i Østbyen, kan stemme.",
    body: [
      "Byrådet har sat 500.000 kr. af til projekter i Østbyen, som beboerne selv vælger. I idéfasen kom der 46 forslag. Forvaltningen har tjekket, hvad de koster, og om de kan lade sig gøre, og ni projekter går videre til afstemningen.",
      "Projekterne spænder fra bænke og borde ved Østre Dam (85.000 kr.) og lys på stien mellem Skolebakken og Østbyhallen (140.000 kr.) til udendørs fitness ved hallen (190.000 kr.) og en ny legeplads i Kastanjegården (230.000 kr.). Alle ni projekter og deres pris står i projektkataloget.",
      "Sådan tælles stemmerne: Du kan vælge op til tre projekter. Når afstemningen lukker, bliver projekterne gennemført i rækkefølge efter antal stemmer, indtil pengene er brugt. Er der ikke penge nok til det næste projekt på listen, springer vi videre til det første projekt, der kan betales med det beløb, der er tilbage. Står to projekter lige, vinder det billigste.",
      "Alle, der bor i Østbyen og er fyldt 13 år, kan stemme. Afstemningen er anonym, og der kan afgives én stemme pr. telefon eller computer. Reglerne blev lagt fast, før afstemningen åbnede, og de bliver ikke ændret undervejs.",
      "Resultatet er bindende. Byrådet har på forhånd besluttet at følge det, så længe projekterne holder sig inden for de 500.000 kr. og gældende regler. De valgte projekter bliver gennemført inden for et år efter afstemningen.",
    ].join("\n\n"),
    promise:
      "Resultatet er bindende inden for rammen på 500.000 kr.: projekterne med flest stemmer bliver gennemført efter de regler, der står her på siden. Reglerne blev lagt fast, før afstemningen åbnede, og ændres ikke. Resultatet bliver offentliggjort her, og alle, der følger borgerbudgettet, får besked.",
    decidedBy: "Beboerne i Østbyen, inden for rammen fra Byrådet",
    opensDaysFromNow: -4,
    closesDaysFromNow: 17,
    decisionDaysFromNow: 24,
    documents: [
      {
        title: "Projektkatalog: de ni projekter med pris og skitser (PDF)",
        url: `${DOCS}/borgerbudget-oestbyen/projektkatalog.pdf`,
      },
      {
        title: "Regler for afstemningen (PDF)",
        url: `${DOCS}/borgerbudget-oestbyen/regler.pdf`,
      },
      {
        title: "Kort over Østbyen: hvem kan stemme",
        url: `${DOCS}/borgerbudget-oestbyen/kort.pdf`,
      },
    ],
  },

  // 4. Another open participation: school road safety.
  {
    key: "skolevej-ellemose",
    kind: "participation",
    phase: "open",
    title: "Hvor er skolevejen til Ellemose Skole utryg?",
    summary:
      "Fortæl os, hvor du eller dit barn føler sig utryg på vej til Ellemose Skole. Svarene hjælper os med at vælge, hvad 1,2 mio. kr. til trafiksikkerhed skal bruges på.",
    body: [
      "Kommunen har 1,2 mio. kr. om året til at gøre skolevejene mere sikre, og næste gang er det området omkring Ellemose Skole. Omkring 520 elever går på skolen, og mange af dem går eller cykler over Ellemosevej og Bygaden hver morgen.",
      "Vi vil gerne vide, hvor det føles utrygt at færdes – og hvorfor. Er det et kryds, hvor bilerne kører for stærkt? Et sted, hvor der mangler fortov eller lys? Eller er det trafikken ved skolen, når forældre afleverer børn om morgenen?",
      "Skriv, hvor stedet er, og hvad der sker der, eller svar på den korte afstemning. Elever kan også svare i skoletiden: skolen har fået et link, som lærerne kan bruge i en time.",
      "Vi kan ikke ændre hastigheden eller krydsene på omfartsvejen, fordi det er staten og ikke kommunen, der bestemmer over den vej. Vi sender jeres bemærkninger om omfartsvejen videre til Vejdirektoratet.",
      "Når vi har samlet jeres input, måler vi trafik og hastighed de steder, der bliver nævnt flest gange. Derefter vælger Teknik- og Miljøudvalget, hvad pengene skal bruges på.",
    ].join("\n\n"),
    promise:
      "Vi læser alle bemærkninger og samler dem på et kort, som Teknik- og Miljøudvalget får forelagt. Bagefter fortæller vi her, hvilke steder der bliver gjort noget ved – og hvorfor vi ikke gør noget ved de andre lige nu.",
    decidedBy: "Teknik- og Miljøudvalget",
    opensDaysFromNow: -11,
    // Closes within the week, so the staff dashboard's "closing soon" has something to show.
    closesDaysFromNow: 5,
    decisionDaysFromNow: 52,
    documents: [
      {
        title: "Skolevejsanalyse for Ellemose Skole (PDF)",
        url: `${DOCS}/skolevej-ellemose/skolevejsanalyse.pdf`,
      },
      {
        title: "Kort over skoledistriktet",
        url: `${DOCS}/skolevej-ellemose/skoledistrikt.pdf`,
      },
    ],
  },

  // 5. Closed a few days ago, decision still ahead: awaiting its outcome.
  {
    key: "lokalplan-mejerigrunden",
    kind: "hearing",
    phase: "closed_awaiting",
    title: "Lokalplan for boliger på Mejerigrunden",
    summary:
      "Forslaget giver plads til 64 boliger i 2–4 etager på den gamle mejerigrund ved Åvej, med en grøn plads midt i området, som er åben for alle, og 70 p-pladser.",
    body: [
      "Mejeriet ved Åvej lukkede for mange år siden, og grunden har stået tom siden. En privat bygherre har købt grunden og vil bygge boliger. Før det kan ske, skal Byrådet vedtage en lokalplan, som bestemmer, hvad der må bygges, og hvor højt.",
      "Forslaget giver plads til 64 boliger: 40 lejligheder i tre bygninger i 3 etager og én bygning i 4 etager ud mod Åvej, og 24 rækkehuse i 2 etager mod villavejene mod nord. Midt i området skal der være en grøn plads på mindst 1.800 m², som er åben for alle. Der skal være 70 parkeringspladser, de fleste i en fælles kælder.",
      "Mejeriets skorsten bliver stående som vartegn, og stien langs åen bliver forlænget gennem området, så man kan gå fra Åvej til Mølleparken.",
      "Kommuneplanen har allerede udlagt grunden til boliger. Derfor handler høringen ikke om, hvorvidt der skal bygges boliger her, men om hvordan: højder, placering, trafik, grønne områder og stier. Bygherren betaler selv for byggeriet og for veje og kloak inde på grunden.",
      "Høringssvar, der er kommet inden fristen, indgår i sagen. Forvaltningen samler dem i et høringsnotat, og Plan- og Boligudvalget indstiller derefter til Byrådet, om lokalplanen skal vedtages med eller uden ændringer.",
    ].join("\n\n"),
    promise: hearingPromise("Byrådet"),
    decidedBy: "Byrådet, efter indstilling fra Plan- og Boligudvalget",
    opensDaysFromNow: -38,
    closesDaysFromNow: -4,
    decisionDaysFromNow: 26,
    documents: [
      {
        title: "Forslag til lokalplan: Boliger på Mejerigrunden (PDF)",
        url: `${DOCS}/mejerigrunden/lokalplanforslag.pdf`,
      },
      {
        title: "Miljøscreening af lokalplanforslaget (PDF)",
        url: `${DOCS}/mejerigrunden/miljoescreening.pdf`,
      },
      {
        title: "Visualiseringer set fra Åvej og Mølleparken (PDF)",
        url: `${DOCS}/mejerigrunden/visualiseringer.pdf`,
      },
    ],
  },

  // 6. Closed and overdue: the expected decision date has passed without an outcome.
  {
    key: "bibliotek-ellemose",
    kind: "hearing",
    phase: "closed_overdue",
    title: "Nye åbningstider på Ellemose Bibliotek",
    summary:
      "Forslaget: Ellemose Bibliotek har personale 12 timer om ugen i stedet for 30, men er åbent med sundhedskort kl. 7–22 alle dage. Det sparer 380.000 kr. om året.",
    body: [
      "Med budgettet skal kultur- og fritidsområdet spare 1,1 mio. kr. om året. Forvaltningen foreslår, at en del af besparelsen findes ved at gøre Ellemose Bibliotek til et såkaldt åbent bibliotek.",
      "Biblioteket har personale 30 timer om ugen, og det er kun åbent, når der er personale. Med forslaget er der personale 12 timer om ugen: tirsdag og torsdag kl. 14–18 og lørdag kl. 10–14. Til gengæld kan alle over 15 år komme ind med sundhedskort og pinkode alle ugens dage fra kl. 7 til 22. Børn under 15 år kan komme sammen med en voksen eller i de timer, hvor der er personale.",
      "Forslaget sparer 380.000 kr. om året. Det koster 150.000 kr. én gang at sætte adgangskontrol og kameraer op ved indgangen. Fjordby Hovedbibliotek har haft åbent bibliotek i tre år, og erfaringerne derfra står i dokumenterne.",
      "Vi vil gerne høre, hvad forslaget betyder for dig: hvilke tider det er vigtigst, at der er personale, og hvad der skal til, for at du føler dig tryg på biblioteket, når der ikke er personale. Det er ikke til debat i denne høring, at området skal spare 1,1 mio. kr. – det er besluttet med budgettet.",
    ].join("\n\n"),
    promise: hearingPromise("Kultur- og Fritidsudvalget"),
    decidedBy: "Kultur- og Fritidsudvalget",
    opensDaysFromNow: -62,
    closesDaysFromNow: -34,
    decisionDaysFromNow: -9,
    documents: [
      {
        title: "Forslag til åbent bibliotek i Ellemose (PDF)",
        url: `${DOCS}/bibliotek-ellemose/forslag.pdf`,
      },
      {
        title: "Erfaringer fra tre år med åbent bibliotek på Fjordby Hovedbibliotek (PDF)",
        url: `${DOCS}/bibliotek-ellemose/erfaringer.pdf`,
      },
    ],
  },

  // 7. Outcome published: the decision and what came of the input, including a clear "no".
  {
    key: "legeplads-havneparken",
    kind: "participation",
    phase: "outcome_published",
    title: "Ny legeplads i Havneparken",
    summary:
      "Den gamle legeplads i Havneparken skal skiftes ud, og der er 1,8 mio. kr. til en ny. Hvad skal den kunne? Kom med idéer, og sig din mening om de to skitser.",
    body: [
      "Legepladsen i Havneparken er fra 1990'erne, og flere af redskaberne lever ikke længere op til sikkerhedskravene. Byrådet har sat 1,8 mio. kr. af til en ny legeplads samme sted.",
      "Landskabsarkitekterne har lavet to skitser. Skitse A er en klassisk legeplads med gynger, klatrestativ og sandkasse. Skitse B har et maritimt tema med et stort klatreskib, en lille vandleg og flere steder, hvor voksne kan sidde.",
      "Vi vil gerne høre, hvad du synes om skitserne, og hvad der er vigtigt for dig, når du bruger legepladsen: tryghed, skygge, toilet, steder at sidde eller noget til de større børn?",
      "Legepladsen bliver, hvor den ligger nu, og beløbet ligger fast. Det er indholdet og udformningen, du kan være med til at påvirke.",
    ].join("\n\n"),
    promise:
      "Vi læser alle idéer og kommentarer og tæller stemmerne om skitserne. Teknik- og Miljøudvalget får det hele forelagt. Når udvalget har besluttet, fortæller vi her, hvilke idéer der kom med, og hvorfor andre ikke gjorde.",
    decidedBy: "Teknik- og Miljøudvalget",
    opensDaysFromNow: -95,
    closesDaysFromNow: -67,
    decisionDaysFromNow: -40,
    documents: [
      {
        title: "Skitse A og skitse B (PDF)",
        url: `${DOCS}/legeplads-havneparken/skitser.pdf`,
      },
      {
        title: "Teknik- og Miljøudvalgets beslutning (dagsordenspunkt)",
        url: `${DOCS}/legeplads-havneparken/beslutning.pdf`,
      },
    ],
    outcome: {
      decision:
        "Teknik- og Miljøudvalget har besluttet at bygge legepladsen efter skitse B med det maritime tema, som 64 % foretrak i afstemningen. Legepladsen koster 1,8 mio. kr. Arbejdet bliver nu sendt i udbud, og legepladsen ventes at åbne cirka et halvt år efter, at byggeriet er gået i gang. 412 personer deltog: 287 stemte om skitserne, og der kom 96 idéer og kommentarer.",
      points: [
        {
          youSaid:
            "Mange forældre til små børn var bekymrede for havnebassinet og trafikken på Havnevej.",
          weDid:
            "Legepladsen får et 1,2 meter højt hegn med låger, både mod vandet og mod Havnevej.",
        },
        {
          youSaid:
            "Der mangler skygge og et toilet, så man kan ikke blive der en hel eftermiddag.",
          weDid:
            "Vi planter seks træer og sætter et solsejl over sandkassen, indtil træerne giver skygge. Det offentlige toilet ved havnekontoret får længere åbningstid og har nu åbent kl. 7–21 hele året.",
        },
        {
          youSaid: "Flere ønskede en stor vandlegeplads med springvand og dyser.",
          weDid:
            "Det gør vi ikke. En vandlegeplads, hvor vandet skal renses, koster cirka 150.000 kr. om året at drive, og de penge er der ikke i budgettet. I stedet får legepladsen en håndpumpe med en vandrende, som ikke kræver rensning.",
        },
      ],
    },
  },

  // 8. Scheduled: published ahead, opens in the future.
  {
    key: "klimaplan",
    kind: "hearing",
    phase: "scheduled",
    title: "Forslag til klimaplan for Fjordby Kommune",
    summary:
      "Sådan vil kommunen skære 70 % af udledningen af drivhusgasser væk frem mod 2030: 42 tiltag om varme, transport, landbrug og kommunens egne bygninger.",
    body: [
      "Som næsten alle danske kommuner har Fjordby Kommune forpligtet sig til at lave en klimaplan, der lever op til Parisaftalen. Målet er, at der i kommunen udledes 70 % mindre drivhusgas i 2030 end i 1990, og at kommunen er klimaneutral senest i 2050.",
      "Forslaget indeholder 42 tiltag. De største er: at de sidste cirka 1.900 olie- og gasfyr i landsbyerne bliver skiftet til varmepumper eller fjernvarme, 30 km nye cykelstier, elbusser på alle bybusruter ved næste udbud, og at kommunens egne bygninger skal bruge 25 % mindre energi. Kommunen bruger 48 mio. kr. på tiltagene over de næste fem år.",
      "Landbruget står for næsten halvdelen af udledningen i kommunen. Planen foreslår, at 600 hektar lavbundsjord langs Fjordby Å tages ud af drift og bliver til natur. Det skal ske frivilligt og i samarbejde med lodsejerne, som får erstatning gennem statslige puljer.",
      "Målene for 2030 og 2050 følger af klimaloven og kommunens forpligtelse, så de er ikke til debat i høringen. Det er vejen dertil, du kan påvirke: Er tiltagene de rigtige? Mangler der noget? Hvad betyder de for dig, din bolig eller din virksomhed?",
      "I høringsperioden holder vi borgermøde på rådhuset, og klimateamet er på biblioteket i Fjordby og Ellemose. Tid og sted kommer på denne side, når høringen åbner.",
    ].join("\n\n"),
    promise: hearingPromise("Byrådet"),
    decidedBy: "Byrådet",
    opensDaysFromNow: 8,
    closesDaysFromNow: 50,
    decisionDaysFromNow: 92,
    documents: [
      {
        title: "Forslag til klimaplan for Fjordby Kommune (PDF)",
        url: `${DOCS}/klimaplan/forslag.pdf`,
      },
      {
        title: "Klimaregnskab for Fjordby Kommune (PDF)",
        url: `${DOCS}/klimaplan/klimaregnskab.pdf`,
      },
      {
        title: "Kort over lavbundsjord langs Fjordby Å (PDF)",
        url: `${DOCS}/klimaplan/lavbund.pdf`,
      },
    ],
  },
];
