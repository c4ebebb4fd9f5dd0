"""The demo newsroom: statements made around the ICC arrest warrant for
Vladimir Putin and Xi Jinping's visit to Moscow, March 2023.

Written for the project from the example corpus (news snippets shared with
the project) and the public record. What the demo holds to:

- Quotes are verbatim. An appearance's or evidence's quote is word for word
  in its source's `text`: for the news reports, short excerpts of the
  corpus article they come from (`corpus_article`, the article number of
  tests/fixtures/extraction/README.md, which the tests check them against);
  for the Rome Statute, the articles quoted. A claim's text is the claim as
  the desk states it; where it is a reporter's paraphrase, it says so.
- Outlets are named only where the corpus text shows whose it is (a self-
  reference such as "told the BBC", "obtained by POLITICO", the site's own
  topic links); otherwise the outlet is empty and the title describes the
  report. Dates are given only where known.
- Every verdict is judged on what was known when it was published (March
  2023); those that time can overtake carry a re-check.
"""

OUTLETS = [
    {"name": "BBC News", "domain": "bbc.com", "homepage": "https://www.bbc.com/news"},
    {
        "name": "The Guardian",
        "domain": "theguardian.com",
        "homepage": "https://www.theguardian.com/",
    },
    {"name": "Sky News", "domain": "news.sky.com", "homepage": "https://news.sky.com/"},
    {"name": "Daily Mirror", "domain": "mirror.co.uk", "homepage": "https://www.mirror.co.uk/"},
    {"name": "POLITICO Europe", "domain": "politico.eu", "homepage": "https://www.politico.eu/"},
    {"name": "CNN", "domain": "cnn.com", "homepage": "https://www.cnn.com/"},
    {
        "name": "International Criminal Court",
        "domain": "icc-cpi.int",
        "homepage": "https://www.icc-cpi.int/",
    },
    {"name": "President of Russia", "domain": "kremlin.ru", "homepage": "http://kremlin.ru/"},
    {
        "name": "Ministry of Foreign Affairs of the People's Republic of China",
        "domain": "fmprc.gov.cn",
        "homepage": "https://www.fmprc.gov.cn/mfa_eng/",
    },
    {
        "name": "New Lines Institute",
        "domain": "newlinesinstitute.org",
        "homepage": "https://newlinesinstitute.org/",
    },
    {
        "name": "Children of War (Government of Ukraine)",
        "domain": "childrenofwar.gov.ua",
        "homepage": "https://childrenofwar.gov.ua/en/",
    },
]

# Keyed by a short handle used below; the handle is not stored. `excerpts`
# become the source's text, joined by blank lines.
SOURCES = {
    "icc-warrants": {
        "url": "https://www.icc-cpi.int/news/situation-ukraine-icc-judges-issue-arrest-warrants-against-vladimir-vladimirovich-putin-and",
        "title": "Situation in Ukraine: ICC judges issue arrest warrants against "
        "Vladimir Vladimirovich Putin and Maria Alekseyevna Lvova-Belova",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": "2023-03-17",
    },
    "icc-khan-statement": {
        "url": "https://www.icc-cpi.int/news/statement-prosecutor-karim-khan-kc-issuance-arrest-warrants-against-president-vladimir-putin",
        "title": "Statement by Prosecutor Karim A. A. Khan KC on the issuance of arrest "
        "warrants against President Vladimir Putin and Ms Maria Lvova-Belova",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": "2023-03-17",
    },
    "icc-georgia-warrants": {
        "url": "https://www.icc-cpi.int/news/situation-georgia-icc-pre-trial-chamber-i-issues-three-arrest-warrants",
        "title": "Situation in Georgia: ICC Pre-Trial Chamber I issues three arrest warrants",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": "2022-06-30",
    },
    "icc-states-parties": {
        "url": "https://asp.icc-cpi.int/states-parties",
        "title": "The States Parties to the Rome Statute",
        "outlet": "International Criminal Court",
        "kind": "dataset",
        "published_on": None,
    },
    "icc-ukraine-situation": {
        "url": "https://www.icc-cpi.int/situations/ukraine",
        "title": "Situation in Ukraine: Ukraine's declarations accepting the Court's jurisdiction",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": None,
    },
    "ukraine-declaration-2014": {
        "url": "https://www.icc-cpi.int/sites/default/files/itemsDocuments/997/declarationRecognitionJuristiction09-04-2014.pdf",
        "title": "Declaration of Ukraine recognising the jurisdiction of the ICC (2014)",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": "2014-04-09",
    },
    "ukraine-declaration-2015": {
        "url": "https://www.icc-cpi.int/sites/default/files/iccdocs/other/Ukraine_Art_12-3_declaration_08092015.pdf",
        "title": "Declaration of Ukraine under article 12(3) of the Rome Statute (2015)",
        "outlet": "International Criminal Court",
        "kind": "official_statement",
        "published_on": "2015-09-08",
    },
    "rome-statute": {
        "url": "https://www.icc-cpi.int/sites/default/files/RS-Eng.pdf",
        "title": "Rome Statute of the International Criminal Court",
        "outlet": "International Criminal Court",
        "kind": "report",
        "published_on": "1998-07-17",
        # The provisions the demo quotes, as the Statute words them.
        "excerpts": [
            "Article 36. Qualifications, nomination and election of judges. 1. Subject to "
            "the provisions of paragraph 2, there shall be 18 judges of the Court.",
            "Article 63. Trial in the presence of the accused. 1. The accused shall be present "
            "during the trial.",
            "Article 86. General obligation to cooperate. States Parties shall, in accordance "
            "with the provisions of this Statute, cooperate fully with the Court in its "
            "investigation and prosecution of crimes within the jurisdiction of the Court.",
        ],
    },
    "bbc-un-inquiry": {
        "url": "https://www.bbc.com/news/world-europe-64985009",
        "title": "UN-backed inquiry finds Russia's deportation of Ukrainian children "
        "amounts to a war crime",
        "outlet": "BBC News",
        "kind": "news_article",
        "published_on": "2023-03-16",
    },
    "bbc-lethal-support": {
        "url": "https://www.bbc.com/news/world-us-canada-64695042",
        "title": "Blinken: China considering lethal support for Russia's war",
        "outlet": "BBC News",
        "kind": "news_article",
        "published_on": "2023-02-19",
    },
    "politico-rifles": {
        "url": "https://www.politico.eu/article/chinese-companies-are-shipping-rifles-body-armor-to-russia/",
        "title": "Chinese companies are shipping rifles, body armor to Russia",
        "outlet": "POLITICO Europe",
        "kind": "news_article",
        "published_on": "2023-03-16",
    },
    "politico-wang-yi": {
        "url": "https://www.politico.eu/article/putin-hails-new-levels-cooperation-with-china-after-meeting-beijings-foreign-policy-chief-moscow-beijing-sergey-lavrov/",
        "title": "Putin hails new levels of cooperation with China after meeting "
        "Beijing's foreign policy chief",
        "outlet": "POLITICO Europe",
        "kind": "news_article",
        "published_on": "2023-02-22",
    },
    "mfa-peace-plan": {
        "url": "https://www.mfa.gov.cn/eng/zxxx_662805/202302/t20230224_11030713.html",
        "title": "China's Position on the Political Settlement of the Ukraine Crisis",
        "outlet": "Ministry of Foreign Affairs of the People's Republic of China",
        "kind": "official_statement",
        "published_on": "2023-02-24",
    },
    "fmprc-visit": {
        "url": "https://www.fmprc.gov.cn/mfa_eng/zxxx_662805/202303/t20230317_11043619.html",
        "title": "Foreign ministry announces President Xi Jinping's state visit to Russia",
        "outlet": "Ministry of Foreign Affairs of the People's Republic of China",
        "kind": "official_statement",
        "published_on": "2023-03-17",
    },
    "kremlin-visit": {
        "url": "http://kremlin.ru/events/president/news/70696",
        "title": "Kremlin announcement of Xi Jinping's state visit, 20–22 March 2023",
        "outlet": "President of Russia",
        "kind": "official_statement",
        "published_on": "2023-03-17",
    },
    "cnn-third-term": {
        "url": "https://www.cnn.com/2023/03/09/china/china-xi-jinping-president-third-term-intl-hnk/index.html",
        "title": "Report on Xi Jinping's election to a third term as president",
        "outlet": "CNN",
        "kind": "news_article",
        "published_on": "2023-03-09",
    },
    "newlines-report": {
        "url": "https://newlinesinstitute.org/wp-content/uploads/English-Report-1.pdf",
        "title": "An Independent Legal Analysis of the Russian Federation's Breaches of "
        "the Genocide Convention in Ukraine and the Duty to Prevent",
        "outlet": "New Lines Institute",
        "kind": "report",
        "published_on": "2022-05-27",
    },
    "children-of-war": {
        "url": "https://childrenofwar.gov.ua/en/",
        "title": "Children of War: the Ukrainian government's register of deported and "
        "missing children",
        "outlet": "Children of War (Government of Ukraine)",
        "kind": "dataset",
        "published_on": None,
    },
    # The corpus's news reports: no link or date in the corpus, an outlet only
    # where the text shows it.
    "bbc-biden-reactions": {
        "url": "",
        "title": "Report on reactions to the ICC warrant for Putin, Joe Biden's among them",
        "outlet": "BBC News",  # "… told the BBC"
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 1,
        "excerpts": [
            'He noted that the US is not signed up to the ICC, "but I think it makes a very '
            'strong point".',
        ],
    },
    "bbc-biden-welcomes": {
        "url": "",
        "title": "Report on Joe Biden welcoming the ICC warrant for Putin",
        "outlet": "BBC News",  # '"…," Mr Khan told the BBC'
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 27,
        "excerpts": [
            "President Biden said that, while the court also held no sway in the US, the "
            'issuing of the warrant "makes a very strong point".',
        ],
    },
    "bbc-xi-visit": {
        "url": "",
        "title": "Report on Xi Jinping's planned visit to Moscow",
        "outlet": "BBC News",  # "In an interview with the BBC …"
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 6,
        "excerpts": [
            "In an interview with the BBC before President Xi's visit was announced, Ukrainian "
            "foreign minister Dmytro Kuleba said: \"I don't think China has reached the moment "
            "now when it wants to, when it's ready to arm Russia.",
            "This will be President Xi's first visit to Russia since Russian troops invaded "
            "Ukraine.",
        ],
    },
    "politico-xi-visit": {
        "url": "",
        "title": "Report on Xi Jinping's state visit to Moscow and China's support for Russia",
        "outlet": "POLITICO Europe",  # "… customs data obtained by POLITICO"
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 7,
        "excerpts": [
            "according to exclusive customs data obtained by POLITICO, Chinese companies "
            "shipped more than 1,000 assault rifles, drone parts and body armor to Russian "
            "entities between June and December of last year.",
        ],
    },
    "mirror-warrant": {
        "url": "",
        "title": "Report on the ICC arrest warrant for Putin and Ukraine's response",
        "outlet": "Daily Mirror",  # its own mirror.co.uk topic links
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 8,
        "excerpts": [
            "Ukraine's Prosecutor General Andriy Kostin said: \"Now, if Putin leaves Russia, "
            "he would be arrested and surrendered to ICC.",
        ],
    },
    "guardian-xi-visit": {
        "url": "",
        "title": "Report on the announcement of Xi Jinping's visit to Moscow",
        "outlet": "The Guardian",  # its own theguardian.com topic links
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 9,
        "excerpts": [
            "China has blocked G20 statements condemning the war and abstained from UN votes "
            "on the same matter.",
            "The visit will be Xi’s first foreign trip since securing a third term as China’s "
            "president at the annual parliamentary session on 10 March.",
        ],
    },
    "sky-experts": {
        "url": "",
        "title": "Experts on what could follow the ICC warrant for Putin",
        "outlet": "Sky News",  # "Sky News speaks to experts …"
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 20,
        "excerpts": [
            '"Russia is not a party to the Rome Statute of the International Criminal Court '
            'and bears no obligations under it."',
        ],
    },
    "report-ukraine-accepted": {
        "url": "",
        "title": "News report on reactions to the ICC warrants, from Kyiv to Washington "
        "(outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 2,
        "excerpts": ["“Ukraine has accepted the ICC twice – in 2014 and then in 2015.”"],
    },
    "report-unlawful-deportation": {
        "url": "",
        "title": "News report on the warrants for Putin and Maria Lvova-Belova over the "
        "'unlawful deportation' of Ukrainian children (outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 3,
        "excerpts": [
            "“Russia is not a party to the Rome statute of the international criminal court "
            "and bears no obligations under it.”",
            "In a statement on Friday, the ICC prosecutor, Karim Khan, said: “Incidents "
            "identified by my office include the deportation of at least hundreds of children "
            "taken from orphanages and children’s care homes.”",
        ],
    },
    "report-court-hofmanski": {
        "url": "",
        "title": "News report on the ICC warrant for Putin, with the court president's "
        "comments (outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 10,
        "excerpts": [
            "Most countries on Earth – 123 of them – are parties to the treaty, but there are "
            "very large and notable exceptions, including Russia.",
            "Asked whether the ICC is asking signatory countries to arrest Putin if he travels "
            "to them, Hofmanski referred to ICC statute, saying: “All state parties have the "
            "legal obligation to cooperate fully with the court, which means that they’re "
            "obliged to execute arrest warrants issued by the court.",
            "The court, which has 18 judges serving nine-year terms, tries four types of "
            "crimes: genocide, crimes against humanity, crimes of aggression and war crimes.",
            "“In the criminal proceedings being investigated by our law enforcement officers, "
            "more than 16,000 forced deportations of Ukrainian children by the occupier have "
            "already been recorded.",
        ],
    },
    "report-us-response": {
        "url": "",
        "title": "News report on the ICC warrants and the United States' response "
        "(outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 13,
        "excerpts": [
            "He said his office handed more than 1,000 pages of documents over to the ICC "
            "regarding the alleged forcible deportation of children to Russia.",
            '"The very question itself is outrageous and unacceptable," Kremlin spokesman '
            "Dmitry Peskov said.",
            "Like the United States, Ukraine is also not a party to the ICC.",
        ],
    },
    "report-abductions": {
        "url": "",
        "title": "News report on the ICC's accusations over the abduction of Ukrainian "
        "children (outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 15,
        "excerpts": ["The court has no police force of its own to enforce warrants."],
    },
    "report-russian-reactions": {
        "url": "",
        "title": "News report on how supporters of the invasion portrayed the ICC decision "
        "(outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 17,
        "excerpts": [
            "Kaja Kallas, the Estonian prime minister, called the decision a “step closer to "
            "judgment day”.",
            "“Washington and Brussels have exhausted all possible sanctions and unfriendly "
            "actions,” said Vyacheslav Volodin, the chairman of Russia’s state duma and a "
            "prominent hawk.",
        ],
    },
    "analysis-first-step": {
        "url": "",
        "title": "Analysis: the warrant for Putin is no more than the first step "
        "(outlet not known)",
        "outlet": None,
        "kind": "news_article",
        "published_on": None,
        "corpus_article": 19,
        "excerpts": [
            "As for the ICC itself, it has so far indicted 40 individuals apart from Mr Putin, "
            "all from African countries.",
            "The ICC does not conduct trials in absentia, so that avenue is closed off too.",
        ],
    },
}

SPEAKERS = [
    {
        "name": "Volodymyr Zelensky",
        "role": "President of Ukraine",
        "affiliation": "Office of the President of Ukraine",
        "country": "UA",
    },
    {
        "name": "Andriy Kostin",
        "role": "Prosecutor General",
        "affiliation": "Office of the Prosecutor General of Ukraine",
        "country": "UA",
    },
    {
        "name": "Maria Zakharova",
        "role": "Spokeswoman",
        "affiliation": "Ministry of Foreign Affairs of Russia",
        "country": "RU",
    },
    {
        "name": "Joe Biden",
        "role": "President of the United States",
        "affiliation": "The White House",
        "country": "US",
        "wikidata_id": "Q6279",
    },
    {
        "name": "Karim Khan",
        "role": "Prosecutor",
        "affiliation": "International Criminal Court",
        "country": "GB",
    },
    {
        "name": "Piotr Hofmański",
        "role": "President",
        "affiliation": "International Criminal Court",
        "country": "PL",
    },
    {
        "name": "Dmitry Peskov",
        "role": "Press secretary",
        "affiliation": "Kremlin",
        "country": "RU",
    },
    {
        "name": "Vyacheslav Volodin",
        "role": "Chairman of the State Duma",
        "affiliation": "State Duma of Russia",
        "country": "RU",
    },
    {
        "name": "Kaja Kallas",
        "role": "Prime Minister",
        "affiliation": "Government of Estonia",
        "country": "EE",
    },
    {
        "name": "Dmytro Kuleba",
        "role": "Minister of Foreign Affairs",
        "affiliation": "Government of Ukraine",
        "country": "UA",
    },
    {"name": "The Guardian", "kind": "organisation", "country": "GB"},
    {"name": "BBC News", "kind": "organisation", "country": "GB"},
    {"name": "POLITICO Europe", "kind": "organisation", "country": "BE"},
]

TOPICS = ["International Criminal Court", "Russia's war in Ukraine", "China–Russia relations"]

ICC = "International Criminal Court"
WAR = "Russia's war in Ukraine"
CHINA = "China–Russia relations"

# The desk's demo users, by role in the stories below.
RESEARCHER = "researcher"
EDITOR = "editor"
MANAGING_EDITOR = "managing-editor"

# Each claim: the statement, who said it where, its final state, and for
# claims that reached review a verdict with evidence. The loader takes each
# through the workflow: captured on `captured` (default 17 March 2023),
# submitted two days later, signed off and published on `published`;
# what happened `later` (re-checks, corrections), `retraction` and
# `rejection` on their dates. A verdict's `recheck_on` is the re-check date
# the researcher set when drafting it. Evidence `note`s carry article
# references; `quote`s are verbatim.
CLAIMS = [
    {
        "text": "Most countries on Earth – 123 of them – are parties to the ICC treaty.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-court-hofmanski",
                "Most countries on Earth – 123 of them – are parties to the treaty",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True in March 2023: 123 states were parties to the Rome Statute",
            "summary": "The ICC listed 123 states parties when the warrant was issued; "
            "that is most of the 193 UN member states.",
            # The count changes as states join and leave: the desk checks it yearly.
            "recheck_on": "2024-03-20",
            "explanation": "The Assembly of States Parties listed **123 states** as parties to "
            "the Rome Statute in March 2023. With 193 members of the United Nations, 123 is "
            "a clear majority.\n\nRussia, China, the United States and India are among the "
            "countries that are not parties.\n\nThe number changes as states join or leave; "
            "this verdict is about March 2023.",
        },
        "evidence": [
            {
                "source": "icc-states-parties",
                "stance": "supports",
                "note": "The Assembly of States Parties' list; it counted 123 states parties "
                "in March 2023.",
            },
        ],
    },
    {
        "text": "The ICC has 18 judges serving nine-year terms.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            ("report-court-hofmanski", "The court, which has 18 judges serving nine-year terms")
        ],
        "verdict": {
            "rating": "true",
            "headline": "Correct: 18 judges, elected for nine years",
            "summary": "The Rome Statute fixes the bench at 18 judges, each elected "
            "for a single nine-year term.",
            "explanation": "Article 36(1) of the Rome Statute sets the number of judges at 18; "
            "the Assembly of States Parties may increase it on the Presidency's proposal "
            "(article 36(2)), and has not. Article 36(9)(a) says judges hold office for a term "
            "of nine years and are not eligible for re-election.",
        },
        "evidence": [
            {
                "source": "rome-statute",
                "stance": "supports",
                "quote": "Subject to the provisions of paragraph 2, there shall be 18 judges "
                "of the Court.",
                "note": "Article 36(1); the nine-year term is article 36(9)(a).",
            },
        ],
    },
    {
        "text": "The ICC has so far indicted 40 individuals apart from Vladimir Putin, "
        "all from African countries.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "analysis-first-step",
                "As for the ICC itself, it has so far indicted 40 individuals apart from "
                "Mr Putin, all from African countries.",
            )
        ],
        "verdict": {
            "rating": "false",
            "headline": "Not all of the ICC's suspects were African",
            "summary": "In June 2022 the court issued warrants for three South Ossetian "
            "officials over the 2008 war in Georgia, and on 17 March 2023 it named Maria "
            "Lvova-Belova alongside Putin.",
            "explanation": "Most people the ICC had charged came from African situations "
            "(among them Uganda, the Democratic Republic of the Congo, Sudan, Kenya, Libya, "
            "Côte d'Ivoire, Mali and the Central African Republic).\n\n"
            "But not all of them. On 24 June 2022 Pre-Trial Chamber I issued arrest warrants "
            "for three men over crimes committed in and around South Ossetia during the 2008 "
            "war in Georgia; the court announced them on 30 June 2022. And the warrant for "
            "Putin came with a second, for Russia's children's rights commissioner, Maria "
            "Lvova-Belova.\n\nWe have not checked the count of 40.",
        },
        "evidence": [
            {
                "source": "icc-georgia-warrants",
                "stance": "refutes",
                "note": "Warrants issued on 24 June 2022, announced on 30 June 2022.",
            },
            {
                "source": "icc-warrants",
                "stance": "refutes",
                "note": "The warrant for Maria Lvova-Belova, issued with Putin's.",
            },
        ],
        "later": [
            {
                "step": "correct",
                "on": "2023-03-21T09:30:00Z",
                "kind": "correction",
                "rating": "mostly-false",
                "note": "We first rated this claim False. Most of the people the court had "
                "charged did come from African situations, which the claim gets right; what "
                "is wrong is that all of them did. The rating is now Mostly false.",
            }
        ],
    },
    {
        "text": "Ukraine has accepted the ICC's jurisdiction twice, in 2014 and in 2015.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC, WAR],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-ukraine-accepted",
                "Ukraine has accepted the ICC twice – in 2014 and then in 2015.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: two declarations, in 2014 and 2015",
            "summary": "Ukraine lodged declarations under article 12(3) of the Rome Statute "
            "in April 2014 and September 2015.",
            "explanation": "A state that is not a party can accept the court's jurisdiction "
            "with a declaration under article 12(3). Ukraine's first declaration (April 2014) "
            "covered 21 November 2013 to 22 February 2014; the second (September 2015) "
            "extended it from 20 February 2014 onwards, which is why the court could act on "
            "crimes committed in Ukraine before Ukraine became a party.",
        },
        "evidence": [
            {"source": "icc-ukraine-situation", "stance": "supports"},
            {"source": "ukraine-declaration-2014", "stance": "supports"},
            {"source": "ukraine-declaration-2015", "stance": "supports"},
            {"source": "rome-statute", "stance": "context", "note": "Article 12(3)."},
        ],
    },
    {
        "text": "Like the United States, Ukraine is not a party to the ICC.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC, WAR],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-us-response",
                "Like the United States, Ukraine is also not a party to the ICC.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True in March 2023: neither had ratified the Rome Statute",
            # Ukraine could ratify: the desk checks it yearly.
            "recheck_on": "2024-03-20",
            "summary": "Neither Ukraine nor the United States had ratified the Rome Statute; "
            "Ukraine had only accepted the court's jurisdiction by declaration.",
            "explanation": "Ukraine signed the Rome Statute in 2000 but had not ratified it "
            "when the warrant was issued; it accepted the court's jurisdiction through two "
            "declarations instead. The United States signed in 2000 and told the UN in 2002 "
            "that it did not intend to ratify.",
        },
        "evidence": [
            {"source": "icc-states-parties", "stance": "supports"},
            {"source": "icc-ukraine-situation", "stance": "context"},
        ],
        # Worked re-checks: still accurate in March 2024; out of date once Ukraine
        # joined, so updated and judged again as of then.
        "later": [
            {
                "step": "recheck",
                "on": "2024-03-20T10:00:00Z",
                "note": "Ukraine is still not among the states parties listed by the "
                "Assembly of States Parties, and the United States neither.",
                "recheck_on": "2024-12-31",
            },
            {
                "step": "correct",
                "on": "2025-01-02T10:00:00Z",
                "kind": "update",
                "rating": "false",
                "note": "Ukraine became a state party to the Rome Statute on 1 January 2025, "
                "so the claim is no longer accurate and we now rate it False. It was accurate "
                "when it was made, in March 2023, and we rated it True until this update.",
                "verdict": {
                    "headline": "No longer true: Ukraine joined the ICC on 1 January 2025",
                    "summary": "Ukraine became a state party on 1 January 2025; the United "
                    "States is still not one. In March 2023, when the claim was made, "
                    "neither was.",
                    "explanation": "Ukraine signed the Rome Statute in 2000 but had not "
                    "ratified it when the warrant was issued; it had accepted the court's "
                    "jurisdiction through two declarations instead. It became a state party "
                    "on 1 January 2025. The United States signed in 2000 and told the UN in "
                    "2002 that it did not intend to ratify.",
                },
            },
        ],
    },
    {
        "text": "More than 16,000 forced deportations of Ukrainian children by the occupier "
        "have already been recorded in criminal proceedings.",
        "speaker": "Volodymyr Zelensky",
        "said_on": "2023-03-17",
        "topics": [WAR],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-court-hofmanski",
                "In the criminal proceedings being investigated by our law enforcement officers, "
                "more than 16,000 forced deportations of Ukrainian children by the occupier have "
                "already been recorded.",
            )
        ],
        "verdict": {
            "rating": "unproven",
            "headline": "Ukraine's own count, which no one else could check",
            "summary": "Zelensky accurately gave the figure of Ukraine's criminal proceedings, "
            "but in March 2023 no independent body had verified a total.",
            "explanation": "President Zelensky gave the figure in his nightly address on 17 "
            "March 2023. It is the count of cases recorded by Ukraine's own investigators, "
            "and the government's Children of War register is kept by the same side of the "
            "war; neither is independent evidence of how many children were deported.\n\n"
            "A UN-backed commission of inquiry found that Russia's deportation of Ukrainian "
            "children amounted to a war crime, but it did not confirm a total. We could not "
            "verify the number, so we rate it Unproven: what Ukraine says it has recorded, "
            "not an established figure.",
        },
        "evidence": [
            {
                "source": "children-of-war",
                "stance": "context",
                "note": "The Ukrainian government's register: the claimant's own count, "
                "context and not proof.",
            },
            {
                "source": "bbc-un-inquiry",
                "stance": "context",
                "note": "The UN-backed inquiry found the deportations a war crime without "
                "giving a total.",
            },
        ],
    },
    {
        "text": "Russia is not a party to the Rome Statute of the International Criminal Court "
        "and bears no obligations under it.",
        "speaker": "Maria Zakharova",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-unlawful-deportation",
                "Russia is not a party to the Rome statute of the international criminal court "
                "and bears no obligations under it.",
            ),
            (
                "sky-experts",
                "Russia is not a party to the Rome Statute of the International Criminal Court "
                "and bears no obligations under it.",
            ),
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: Russia is not a party and has no obligations under the treaty",
            "summary": "Russia never ratified the Rome Statute and withdrew its signature "
            "in 2016; a state that is not a party has no obligations under it.",
            "explanation": "Russia signed the Rome Statute in 2000, never ratified it and "
            "withdrew its signature in November 2016. It is not among the states parties, "
            "and a treaty binds only its parties.\n\nWhat the statement does not say is "
            "that the court's jurisdiction does not depend on Russia: the court can try "
            "anyone, of any nationality, for crimes committed on the territory of a state "
            "that accepted its jurisdiction, as Ukraine did in 2014 and 2015. That is the "
            "basis of the warrant; it does not make the statement inaccurate.",
        },
        "evidence": [
            {"source": "icc-states-parties", "stance": "supports"},
            {
                "source": "rome-statute",
                "stance": "context",
                "note": "Article 12(2)(a) and 12(3): jurisdiction over crimes on the territory "
                "of a state that accepted it.",
            },
            {"source": "icc-ukraine-situation", "stance": "context"},
        ],
    },
    {
        "text": "The United States is not a member of the International Criminal Court "
        "(the BBC's paraphrase).",
        "speaker": "Joe Biden",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            ("bbc-biden-reactions", "He noted that the US is not signed up to the ICC"),
            (
                "bbc-biden-welcomes",
                "President Biden said that, while the court also held no sway in the US, the "
                'issuing of the warrant "makes a very strong point".',
            ),
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: the US has never ratified the Rome Statute",
            "summary": "The US signed the treaty in 2000 but never ratified it, and told the "
            "UN in 2002 that it did not intend to.",
            "explanation": "The BBC reported Biden's point in its own words, and we rate that "
            "point. The United States is not among the states parties listed by the court's "
            "Assembly of States Parties: it signed the Rome Statute in 2000 and told the UN "
            "in 2002 that it did not intend to ratify it.",
        },
        "evidence": [{"source": "icc-states-parties", "stance": "supports"}],
    },
    {
        "text": "This will be President Xi's first visit to Russia since Russian troops "
        "invaded Ukraine.",
        "speaker": "BBC News",
        "said_on": None,
        "topics": [CHINA],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "bbc-xi-visit",
                "This will be President Xi's first visit to Russia since Russian troops invaded "
                "Ukraine.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: Xi last visited Russia in 2019",
            "summary": "Xi's previous visit to Russia was in June 2019; he met Putin in "
            "Beijing and Samarkand in 2022, not in Russia.",
            "explanation": "Both governments announced the state visit for 20–22 March 2023. "
            "Xi and Putin met in Beijing in February 2022 and in Samarkand, Uzbekistan, in "
            "September 2022, but Xi had not travelled to Russia since June 2019.",
        },
        "evidence": [
            {"source": "fmprc-visit", "stance": "supports"},
            {"source": "kremlin-visit", "stance": "supports"},
        ],
    },
    {
        "text": "Xi's visit to Moscow will be his first foreign trip since securing a third term "
        "as China's president on 10 March.",
        "speaker": "The Guardian",
        "said_on": None,
        "topics": [CHINA],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "guardian-xi-visit",
                "The visit will be Xi’s first foreign trip since securing a third term as "
                "China’s president at the annual parliamentary session on 10 March.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: third term on 10 March, Moscow first",
            "summary": "The National People's Congress re-elected Xi on 10 March 2023, and "
            "Moscow was his first trip abroad after it.",
            "explanation": "China's parliament voted Xi a third term as president on 10 March "
            "2023. The foreign ministry announced the Moscow state visit a week later; Xi made "
            "no other foreign trip in between.",
        },
        "evidence": [
            {"source": "cnn-third-term", "stance": "supports"},
            {"source": "fmprc-visit", "stance": "supports"},
        ],
    },
    {
        "text": "All state parties have the legal obligation to cooperate fully with the court, "
        "which means that they're obliged to execute arrest warrants issued by the court.",
        "speaker": "Piotr Hofmański",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            (
                "report-court-hofmanski",
                "All state parties have the legal obligation to cooperate fully with the court, "
                "which means that they’re obliged to execute arrest warrants issued by the "
                "court.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: the Rome Statute obliges members to arrest",
            "summary": "Articles 86 and 89 of the Rome Statute require states parties to "
            "cooperate and to comply with requests for arrest and surrender.",
            "explanation": "Article 86 sets a general obligation to cooperate fully with the "
            "court, and article 89 requires states parties to comply with requests for arrest "
            "and surrender. Whether states actually do so is another matter: Omar al-Bashir "
            "travelled to several member states without being arrested.",
        },
        "evidence": [
            {
                "source": "rome-statute",
                "stance": "supports",
                "quote": "States Parties shall, in accordance with the provisions of this "
                "Statute, cooperate fully with the Court in its investigation and prosecution "
                "of crimes within the jurisdiction of the Court.",
                "note": "Article 86; arrest and surrender are article 89(1).",
            },
        ],
    },
    {
        "text": "Incidents identified by my office include the deportation of at least hundreds "
        "of children taken from orphanages and children's care homes.",
        "speaker": "Karim Khan",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "published": "2023-03-20",
        "appearances": [
            ("icc-khan-statement", ""),
            (
                "report-unlawful-deportation",
                "Incidents identified by my office include the deportation of at least hundreds "
                "of children taken from orphanages and children’s care homes.",
            ),
        ],
        "verdict": {
            "rating": "true",
            "headline": "Consistent with the court's own findings",
            "summary": "The pre-trial chamber found reasonable grounds to believe children "
            "were unlawfully deported; the UN-backed inquiry documented similar cases.",
            "explanation": "The statement describes what the prosecutor's office put before "
            "the judges, who issued the warrants on that basis. A UN-backed commission of "
            "inquiry separately found that deportations of Ukrainian children amounted to a "
            "war crime.",
        },
        "evidence": [
            {"source": "icc-warrants", "stance": "supports"},
            {"source": "bbc-un-inquiry", "stance": "supports"},
            {"source": "newlines-report", "stance": "context"},
        ],
    },
    {
        "text": "Chinese companies shipped more than 1,000 assault rifles, drone parts and body "
        "armor to Russian entities between June and December 2022.",
        "speaker": "POLITICO Europe",
        "said_on": "2023-03-16",
        "captured": "2023-03-17",
        "topics": [CHINA, WAR],
        "state": "retracted",
        "published": "2023-03-20",
        "appearances": [
            ("politico-rifles", ""),
            (
                "politico-xi-visit",
                "Chinese companies shipped more than 1,000 assault rifles, drone parts and body "
                "armor to Russian entities between June and December of last year.",
            ),
        ],
        "verdict": {
            "rating": "true",
            "headline": "Customs data show the shipments",
            "summary": "Customs records reported by POLITICO list the shipments.",
            "explanation": "Our verdict relied on the customs records as POLITICO described them.",
        },
        "evidence": [{"source": "politico-rifles", "stance": "supports"}],
        "retraction": {
            "on": "2023-03-24T16:00:00Z",
            "note": "We have withdrawn this verdict. It relied only on the report that made "
            "the claim, and we could not check the customs records ourselves.",
        },
    },
    {
        "text": "If Putin leaves Russia, he will be arrested and surrendered to the ICC.",
        "speaker": "Andriy Kostin",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "in_review",
        "appearances": [
            (
                "mirror-warrant",
                "Now, if Putin leaves Russia, he would be arrested and surrendered to ICC.",
            )
        ],
        "verdict": {
            "rating": "mostly-false",
            "headline": "Only member states are bound, and some have let suspects go",
            "summary": "Only the 123 states parties must arrest him, and Omar al-Bashir "
            "visited member states without being arrested.",
            "explanation": "",
        },
        "evidence": [{"source": "rome-statute", "stance": "context", "note": "Article 89(1)."}],
    },
    {
        "text": "The ICC has no police force of its own to enforce warrants.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC],
        "state": "in_review",
        "signed_off": True,
        "appearances": [
            ("report-abductions", "The court has no police force of its own to enforce warrants.")
        ],
        "verdict": {
            "rating": "true",
            "headline": "The court relies on states to make arrests",
            "summary": "The ICC has no police force; arrests are made by states.",
            "explanation": "",
        },
        "evidence": [
            {
                "source": "rome-statute",
                "stance": "supports",
                "quote": "States Parties shall, in accordance with the provisions of this "
                "Statute, cooperate fully with the Court in its investigation and prosecution "
                "of crimes within the jurisdiction of the Court.",
                "note": "Article 86; arrest and surrender by states, article 89(1).",
            }
        ],
    },
    {
        "text": "The prosecutor general's office handed more than 1,000 pages of documents to "
        "the ICC about the deportation of children.",
        "speaker": "Andriy Kostin",
        "said_on": None,
        "topics": [WAR],
        "state": "researching",
        "appearances": [
            (
                "report-us-response",
                "his office handed more than 1,000 pages of documents over to the ICC regarding "
                "the alleged forcible deportation of children to Russia",
            )
        ],
    },
    {
        "text": "The ICC does not conduct trials in absentia.",
        "speaker": None,
        "said_on": None,
        "topics": [ICC],
        "state": "researching",
        "appearances": [("analysis-first-step", "The ICC does not conduct trials in absentia")],
        "evidence": [
            {
                "source": "rome-statute",
                "stance": "supports",
                "quote": "The accused shall be present during the trial.",
                "note": "Article 63(1).",
            }
        ],
    },
    {
        "text": "Washington and Brussels have exhausted all possible sanctions against Russia.",
        "speaker": "Vyacheslav Volodin",
        "said_on": None,
        "topics": [WAR],
        "state": "draft",
        "appearances": [
            (
                "report-russian-reactions",
                "Washington and Brussels have exhausted all possible sanctions and unfriendly "
                "actions",
            )
        ],
    },
    {
        "text": "China has blocked G20 statements condemning the war and abstained from UN "
        "votes on the same matter.",
        "speaker": "The Guardian",
        "said_on": None,
        "topics": [CHINA, WAR],
        "state": "draft",
        "appearances": [
            (
                "guardian-xi-visit",
                "China has blocked G20 statements condemning the war and abstained from UN votes "
                "on the same matter.",
            )
        ],
    },
    {
        "text": "The very question itself is outrageous and unacceptable.",
        "speaker": "Dmitry Peskov",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "rejected",
        "appearances": [
            ("report-us-response", "The very question itself is outrageous and unacceptable")
        ],
        "rejection": "An opinion about the question, not a statement of fact.",
    },
    {
        "text": "The ICC decision is a step closer to judgment day.",
        "speaker": "Kaja Kallas",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "rejected",
        "appearances": [("report-russian-reactions", "step closer to judgment day")],
        "rejection": "A political reaction that cannot be checked.",
    },
    {
        "text": "China is not ready to arm Russia.",
        "speaker": "Dmytro Kuleba",
        "said_on": None,
        "topics": [CHINA, WAR],
        "state": "draft",
        "appearances": [
            (
                "bbc-xi-visit",
                "I don't think China has reached the moment now when it wants to, when it's "
                "ready to arm Russia.",
            )
        ],
        "evidence": [
            {"source": "bbc-lethal-support", "stance": "context"},
            {"source": "politico-wang-yi", "stance": "context"},
            {"source": "mfa-peace-plan", "stance": "context"},
        ],
    },
]
