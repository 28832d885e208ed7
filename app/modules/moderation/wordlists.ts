/**
 * Word lists for screening citizen input before it is published (see screening.ts).
 *
 * What belongs here
 * - Threats: phrases that threaten violence against a person, their home or family, or a public
 *   building. A hard tone, insults and swearing do NOT belong here: citizens may be angry, and
 *   politicians must tolerate sharp criticism. The point is to stop threats before anyone sees
 *   them, as the KL conversation cards ask ("chikane, trusler, hærværk og vold kan ikke tolereres").
 * - Slurs: ethnic/racist, homophobic/transphobic and ableist slurs. Words that are also the
 *   neutral, self-chosen term for a group (Danish "bøsse", "homo", "handicappet") do NOT belong
 *   here, nor do ordinary insults ("idiot", "åndssvag"): holding every angry post would bury the
 *   reviewers and silence ordinary debate.
 * These lists are shown to reviewers and kept as plain data on purpose: a moderator must be able
 * to see exactly why a text was held.
 *
 * How matching works
 * - Text and entries are normalised the same way: lower case, accents removed while æ, ø and å
 *   stay distinct letters (the ae/oe/aa spellings count as æ/ø/å), common leetspeak undone
 *   (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s), a letter written three or more times read
 *   as one or two ("dræææbe"; exactly two stay two, or "dykke" (dive) would be the slur "dyke"),
 *   and spaced-out letters joined ("d.r.æ.b.e", "d r æ b e").
 * - Matching is on whole words and whole phrases: an entry never matches inside a longer word,
 *   so "paki" does not match "Pakistan" and "spasser" does not match "spasserede". Between the
 *   words of a phrase any spaces or punctuation are allowed, or none.
 *
 * How to add an entry
 * - Write it in ordinary spelling, in lower case, with æ/ø/å. Do not add leetspeak, stretched or
 *   spaced-out variants: normalisation covers those.
 * - Inflections are listed, not stemmed: write the forms out with an alternation group,
 *   "(dræbe|dræber|dræb) (dig|jer)". An empty alternative makes a part optional: "perker(|e|en|ne)"
 *   or "(|fandme|sgu) ihjel". Groups cannot be nested. Stems were rejected because Danish stems
 *   run into harmless words ("skyd" → "skydebane", "brænd" → "brændeovn").
 * - Prefer a phrase to a single word when the word alone is common in harmless text, and avoid
 *   "dem" as the object of violent verbs: municipal debates about pests and hunting are full of
 *   "skyde dem" (rooks, geese) and "slå dem ihjel" (rats).
 * - If an everyday idiom contains a listed phrase ("skyde sig selv i foden"), add the idiom to
 *   harmlessPhrases rather than weakening the entry.
 * - Check a new entry against a Danish and an English word list (Debian's wdanish and wbritish)
 *   for ordinary words it would also match, and add a test in screening.test.ts for anything
 *   that is not obvious.
 */

/**
 * Danish threats. Objects are limited to persons (dig/jer/ham/hende), see above. "(|jeg|vi)"
 * after a verb covers Danish inverted word order: "så slår jeg dig ihjel".
 */
export const danishThreats: readonly string[] = [
  // Killing
  "(slå|slår) (|jeg|vi) (dig|jer|ham|hende) (|fandme|sgu|fucking|simpelthen|bare) ihjel",
  "(dræbe|dræber|dræb) (|jeg|vi) (dig|jer|ham|hende)",
  "(skyde|skyder|skyd) (|jeg|vi) (dig|jer|ham|hende)",
  "(kvæle|kvæler) (|jeg|vi) (dig|jer|ham|hende)",
  "(stikke|stikker|stik) (|jeg|vi) (dig|jer|ham|hende) ned",
  "(skære|skærer) halsen over på (dig|jer|ham|hende)",
  "(sætte|sætter|jage|jager) en kugle (i|gennem) (dig|jer|ham|hende|hovedet på dig|hovedet på jer|dit hoved)",
  "(hænge|hænger) (dig|jer|ham|hende) op i (|en|den|nærmeste|den nærmeste) lygtepæl(|en)",
  "(du|i|han|hun) (skal|bør|burde|må) (dræbes|slås ihjel|skydes|dø)",
  "(du|i) fortjener at dø",
  "håber (du|i|han|hun) dør",
  "(du|i) er (en|et par) død(|e) (mand|kvinde|mænd|kvinder)",
  "det (bliver|er) det sidste (du|i) gør",
  // Violence
  "(voldtage|voldtager) (|jeg|vi) (dig|jer|ham|hende)",
  "(banke|banker|tæske|tæsker|tæve|tæver) (|jeg|vi) (dig|jer|ham|hende) (ihjel|gul og blå|til plukfisk)",
  "(jeg|vi) (banker|tæsker|tæver|smadrer) (dig|jer)",
  "(smadre|smadrer) (dit|jeres) (ansigt|hoved|fjæs)",
  // Home, family, workplace
  "ved (|godt|præcis|udmærket|nøjagtig) hvor (du|i|han|hun) bor",
  "ved (|godt|præcis|udmærket|nøjagtig) hvor (dine|jeres|hans|hendes) børn (bor|går i skole|går i børnehave|går i institution)",
  "(brænde|brænder|brænd) (|jeg|vi) (dit|jeres|hans|hendes) hus (ned|af)",
  "(stikke|stikker|sætte|sætter) ild (på|til) (dig|jer|ham|hende|dit hus|jeres hus|hans hus|hendes hus|rådhuset)",
  "(sprænge|sprænger) (|jeg|vi) (dig|jer|ham|hende|rådhuset|kommunen|borgerservice) i luften",
  "(jeg|vi) (kommer|skal nok komme) efter (dig|jer)",
  "(du|i) skal ikke føle (dig|jer) (sikker|sikre|tryg|trygge)",
];

/** English threats. */
export const englishThreats: readonly string[] = [
  "(kill|killing|murder|murdering|shoot|shooting|stab|stabbing|strangle|strangling) (you|u|ya|y'all|your family|your kids)",
  "(kill|hang) (yourself|urself|your self)",
  "(i|we) know (|exactly) where (you|u|ya) live",
  "(i|we) know (|exactly) where your (kids|children|family) (live|go to school)",
  "(burn|burning|torch|torching) (|down) (your|ur) (house|home)",
  "(you|u) (will|shall|are going to|re going to|are gonna|re gonna|gonna) die",
  "(you|u) (are|re) (a dead man|a dead woman|dead meat)",
  "(hope|wish) (you|u) die",
  "(you|u) deserve to die",
  "put a bullet (in|through) (your|ur) (head|skull)",
  "(beat|beating) (you|u) to death",
  "slit (your|ur) throat",
  "(rape|raping) (you|u)",
  "(hunt|hunting) (you|u) down",
  "(blow|blowing) up (|the) (town hall|city hall|council)",
  "watch your back",
];

/** Danish slurs, with their common inflections. */
export const danishSlurs: readonly string[] = [
  // Ethnic / racist
  "perker(|e|en|ne|s|svin|luder)",
  "neger(|en|ens|s)",
  "negre(|ne|nes)",
  "sandneger(|e|en|ne)",
  "jødesvin(|et|ene)",
  "muslimsvin(|et|ene)",
  "kamelkneppe(r|re|ren|rne)",
  // Homophobic / transphobic ("bøsse" and "homo" are neutral in Danish and deliberately absent)
  "bøsserøv(|e|en|ene)",
  "bøssekarl(|e|en|ene)",
  "lebbe(|r|n|rne)",
  "transe(|r|n|rne)",
  // Ableist ("mongol" is also the neutral word for a person from Mongolia; review sorts it out)
  "spasser(|e|en|ne|s)",
  "mongol(|en|unge|barn|børn)",
  "mongoloid(|e)",
];

/** English slurs, with plurals. */
export const englishSlurs: readonly string[] = [
  // Ethnic / racist
  "nigger(|s|e|en|ne)",
  "nigga(|s|z)",
  "sand nigger(|s)",
  "chink(|s)",
  "gook(|s)",
  "spic(|s)",
  "kike(|s)",
  "wetback(|s)",
  "raghead(|s)",
  "towelhead(|s)",
  "paki(|s)",
  "coon(|s)",
  "beaner(|s)",
  // Homophobic / transphobic ("fag" alone is absent: in Danish it is an everyday word, "et fag")
  "faggot(|s)",
  "dyke(|s)",
  "tranny",
  "trannies",
  "poof(|s|ter|ters)",
  // Ableist
  "retard(|s|ed)",
  "spaz(|zes)",
  "mong(|s)",
];

/**
 * Everyday idioms that contain a listed threat or slur but are neither. They are removed from
 * the text before the lists above are matched, so the same syntax applies.
 */
export const harmlessPhrases: readonly string[] = [
  "(skyde|skyder|skyd|skød|skudt) (dig|jer|ham|hende|sig) selv i foden",
  "(shoot|shooting) (you|u) (a|an) (email|e mail|message|text|line|note|dm)",
  "kill (you|u) with kindness",
  "chink in (the|his|her|their|our|your|my|its) (armour|armor)",
];
