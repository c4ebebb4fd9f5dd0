"""The demo newsroom: statements made around the ICC arrest warrant for
Vladimir Putin and Xi Jinping's visit to Moscow, March 2023.

Written for the project from news coverage of those days. Every verdict is
judged on what was known when the claim was made: Ukraine, for instance,
was not a party to the Rome Statute in March 2023 (it joined in 2025), and
the court had 123 states parties then.
"""

OUTLETS = [
    {"name": "BBC News", "domain": "bbc.com", "homepage": "https://www.bbc.com/news"},
    {
        "name": "The Guardian",
        "domain": "theguardian.com",
        "homepage": "https://www.theguardian.com/",
    },
    {"name": "Sky News", "domain": "news.sky.com", "homepage": "https://news.sky.com/"},
    {"name": "Associated Press", "domain": "apnews.com", "homepage": "https://apnews.com/"},
    {"name": "POLITICO Europe", "domain": "politico.eu", "homepage": "https://www.politico.eu/"},
    {"name": "CNN", "domain": "cnn.com", "homepage": "https://www.cnn.com/"},
    {"name": "The Wall Street Journal", "domain": "wsj.com", "homepage": "https://www.wsj.com/"},
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

# Keyed by a short handle used below; the handle is not stored.
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
    "icc-states-parties": {
        "url": "https://asp.icc-cpi.int/states-parties",
        "title": "The States Parties to the Rome Statute",
        "outlet": "International Criminal Court",
        "kind": "dataset",
        "published_on": None,
    },
    "icc-about": {
        "url": "https://www.icc-cpi.int/about/the-court",
        "title": "About the Court",
        "outlet": "International Criminal Court",
        "kind": "report",
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
    "wsj-xi-zelensky": {
        "url": "https://www.wsj.com/articles/chinas-xi-to-speak-with-zelensky-meet-next-week-with-putin-f34be6be",
        "title": "China's Xi to Speak With Zelensky, Meet Next Week With Putin",
        "outlet": "The Wall Street Journal",
        "kind": "news_article",
        "published_on": "2023-03-13",
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
        "title": "Children of War: the state register of deported and missing children",
        "outlet": "Children of War (Government of Ukraine)",
        "kind": "dataset",
        "published_on": "2023-03-17",
    },
    # News reports the demo's quotes come from, described rather than linked.
    "guardian-warrant": {
        "url": "",
        "title": "Report on the ICC arrest warrant for Vladimir Putin and reactions to it",
        "outlet": "The Guardian",
        "kind": "news_article",
        "published_on": "2023-03-17",
    },
    "guardian-xi-visit": {
        "url": "",
        "title": "Report on the announcement of Xi Jinping's visit to Moscow",
        "outlet": "The Guardian",
        "kind": "news_article",
        "published_on": "2023-03-17",
    },
    "ap-warrant": {
        "url": "",
        "title": "Report on the ICC arrest warrant for Vladimir Putin",
        "outlet": "Associated Press",
        "kind": "news_article",
        "published_on": "2023-03-17",
    },
    "bbc-biden": {
        "url": "",
        "title": "Report on Joe Biden's reaction to the ICC warrant",
        "outlet": "BBC News",
        "kind": "news_article",
        "published_on": "2023-03-18",
    },
    "bbc-rozenberg": {
        "url": "",
        "title": "Analysis: what the ICC warrant means for Vladimir Putin",
        "outlet": "BBC News",
        "kind": "news_article",
        "published_on": "2023-03-17",
        "author": "Joshua Rozenberg",
    },
    "bbc-xi-visit": {
        "url": "",
        "title": "Report on Xi Jinping's planned visit to Russia",
        "outlet": "BBC News",
        "kind": "news_article",
        "published_on": "2023-03-17",
    },
    "sky-warrant": {
        "url": "",
        "title": "Experts on what could follow the ICC warrant for Putin",
        "outlet": "Sky News",
        "kind": "news_article",
        "published_on": "2023-03-18",
    },
}

SPEAKERS = [
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
        "name": "Jonathan Leader Maynard",
        "role": "Lecturer in international politics",
        "affiliation": "King's College London",
        "country": "GB",
    },
    {
        "name": "Joshua Rozenberg",
        "role": "Legal commentator",
        "affiliation": "BBC News",
        "country": "GB",
    },
    {
        "name": "Dmytro Kuleba",
        "role": "Minister of Foreign Affairs",
        "affiliation": "Government of Ukraine",
        "country": "UA",
    },
    {"name": "The Guardian", "kind": "organisation", "country": "GB"},
    {"name": "Associated Press", "kind": "organisation", "country": "US"},
    {"name": "BBC News", "kind": "organisation", "country": "GB"},
    {"name": "POLITICO Europe", "kind": "organisation", "country": "BE"},
]

TOPICS = ["International Criminal Court", "Russia's war in Ukraine", "China–Russia relations"]

ICC = "International Criminal Court"
WAR = "Russia's war in Ukraine"
CHINA = "China–Russia relations"

# Each claim: the statement, who said it where, its state, and for claims
# that reached review a verdict with evidence. `corrections` and
# `retraction` describe what happened after publication.
CLAIMS = [
    {
        "text": "Most countries on Earth – 123 of them – are parties to the ICC treaty.",
        "speaker": "Associated Press",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "appearances": [
            ("ap-warrant", "Most countries on Earth – 123 of them – are parties to the treaty")
        ],
        "verdict": {
            "rating": "true",
            "headline": "Yes: 123 states were parties to the Rome Statute in March 2023",
            "summary": "The ICC listed 123 states parties when the warrant was issued; "
            "that is most of the 193 UN member states.",
            "explanation": "The Assembly of States Parties listed **123 states** as parties to "
            "the Rome Statute in March 2023, 33 of them African, 19 Asia-Pacific, 18 Eastern "
            "European, 28 Latin American and Caribbean and 25 Western European and other "
            "states. With 193 members of the United Nations, 123 is a clear majority.\n\n"
            "Russia, China, the United States and India are among the countries that are not "
            "parties.",
        },
        "evidence": [
            (
                "icc-states-parties",
                "supports",
                "123 countries are States Parties to the Rome Statute",
            ),
        ],
    },
    {
        "text": "The ICC has 18 judges serving nine-year terms.",
        "speaker": "Associated Press",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "appearances": [("ap-warrant", "The court, which has 18 judges serving nine-year terms")],
        "verdict": {
            "rating": "true",
            "headline": "Correct: 18 judges, elected for nine years",
            "summary": "The Rome Statute fixes the bench at 18 judges, each elected "
            "for a single nine-year term.",
            "explanation": "Article 36 of the Rome Statute sets the number of judges at 18, and "
            "article 36(9) says they hold office for a term of nine years and are not eligible "
            "for re-election.",
        },
        "evidence": [
            ("rome-statute", "supports", "There shall be 18 judges of the Court."),
            ("icc-about", "supports", ""),
        ],
    },
    {
        "text": "The ICC has so far indicted 40 individuals apart from Vladimir Putin, "
        "all from African countries.",
        "speaker": "Joshua Rozenberg",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "appearances": [
            (
                "bbc-rozenberg",
                "As for the ICC itself, it has so far indicted 40 individuals apart from "
                "Mr Putin, all from African countries.",
            )
        ],
        "verdict": {
            "rating": "mostly-false",
            "headline": "Not all of the ICC's suspects were African",
            "summary": "The court had charged dozens of people, but in June 2022 it issued "
            "warrants for three officials over the 2008 war in Georgia.",
            "explanation": "Most people the ICC has charged come from African situations "
            "(Uganda, the Democratic Republic of the Congo, Sudan, Kenya, Libya, Côte d'Ivoire, "
            "Mali and the Central African Republic).\n\n"
            "But on 30 June 2022 the court issued arrest warrants for three men over crimes "
            "committed in South Ossetia during the 2008 Russia–Georgia war, so by March 2023 "
            "not every person indicted came from an African country.",
        },
        "evidence": [("icc-about", "refutes", "")],
        "corrections": [
            {
                "kind": "correction",
                "note": "An earlier version rated this claim False. The count of people indicted "
                "is broadly right; only the claim that all were African is wrong, so the rating "
                "is now Mostly false.",
                "rating_before": "false",
                "rating_after": "mostly-false",
                "created_at": "2023-03-21T09:30:00Z",
            }
        ],
    },
    {
        "text": "Ukraine has accepted the ICC's jurisdiction twice, in 2014 and in 2015.",
        "speaker": None,
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "appearances": [
            ("guardian-warrant", "Ukraine has accepted the ICC twice – in 2014 and then in 2015.")
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: two declarations, in 2014 and 2015",
            "summary": "Ukraine lodged declarations under article 12(3) of the Rome Statute "
            "in April 2014 and September 2015.",
            "explanation": "A state that is not a party can accept the court's jurisdiction "
            "with a declaration under article 12(3). Ukraine's first declaration (April 2014) "
            "covered November 2013 to February 2014; the second (September 2015) extended it "
            "from 20 February 2014 onwards, which is why the court can act on crimes committed "
            "in Ukraine without Ukraine being a party.",
        },
        "evidence": [
            ("icc-ukraine-situation", "supports", ""),
            ("ukraine-declaration-2014", "supports", ""),
            ("ukraine-declaration-2015", "supports", ""),
            ("rome-statute", "context", "Article 12(3)"),
        ],
    },
    {
        "text": "Like the United States, Ukraine is not a party to the ICC.",
        "speaker": "Associated Press",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "appearances": [
            ("ap-warrant", "Like the United States, Ukraine is also not a party to the ICC.")
        ],
        "verdict": {
            "rating": "true",
            "headline": "True in March 2023: neither had ratified the Rome Statute",
            "summary": "Neither Ukraine nor the United States had ratified the Rome Statute; "
            "Ukraine had only accepted the court's jurisdiction by declaration.",
            "explanation": "Ukraine signed the Rome Statute in 2000 but had not ratified it "
            "when the warrant was issued; it accepted the court's jurisdiction through two "
            "declarations instead. The United States signed in 2000 and told the UN in 2002 "
            "that it did not intend to ratify.",
        },
        "evidence": [
            ("icc-states-parties", "supports", ""),
            ("icc-ukraine-situation", "context", ""),
        ],
    },
    {
        "text": "More than 16,000 forced deportations of Ukrainian children by the occupier "
        "have already been recorded in criminal proceedings.",
        "speaker": "Andriy Kostin",
        "said_on": "2023-03-17",
        "topics": [WAR],
        "state": "published",
        "appearances": [
            (
                "guardian-warrant",
                "In the criminal proceedings being investigated by our law enforcement officers, "
                "more than 16,000 forced deportations of Ukrainian children by the occupier have "
                "already been recorded.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "Ukraine's register held more than 16,000 cases",
            "summary": "Ukraine's official register listed about 16,200 deported children in "
            "March 2023; the figure is Ukraine's own count, not an independent one.",
            "explanation": "The government's Children of War register listed just over 16,200 "
            "children as deported in mid-March 2023. The claim is about cases *recorded*, and "
            "that is accurate.\n\nIndependent verification is limited: a UN-backed inquiry found "
            "the deportations amounted to a war crime but did not confirm a total.",
        },
        "evidence": [
            ("children-of-war", "supports", ""),
            ("bbc-un-inquiry", "context", ""),
        ],
    },
    {
        "text": "Russia is not a party to the Rome Statute of the International Criminal Court "
        "and bears no obligations under it.",
        "speaker": "Maria Zakharova",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "appearances": [
            (
                "guardian-warrant",
                "Russia is not a party to the Rome statute of the international criminal court "
                "and bears no obligations under it.",
            )
        ],
        "verdict": {
            "rating": "half-true",
            "headline": "Russia is not a party, but that does not put it beyond the court",
            "summary": "Russia withdrew its signature in 2016, but the court's jurisdiction "
            "comes from Ukraine's acceptance, not Russia's consent.",
            "explanation": "Russia signed the Rome Statute in 2000 and withdrew its signature "
            "in 2016, so it has no treaty obligations to the court.\n\nThe statement leaves out "
            "that the court can try anyone, of any nationality, for crimes committed on the "
            "territory of a state that accepted its jurisdiction, as Ukraine did in 2014 and 2015.",
        },
        "evidence": [
            ("icc-ukraine-situation", "context", ""),
            ("rome-statute", "context", "Article 12(2)(a)"),
        ],
    },
    {
        "text": "The United States is not a member of the International Criminal Court.",
        "speaker": "Joe Biden",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "appearances": [("bbc-biden", "He noted that the US is not signed up to the ICC")],
        "verdict": {
            "rating": "true",
            "headline": "True: the US has never ratified the Rome Statute",
            "summary": "The US signed the treaty in 2000 but never ratified it and "
            "renounced its signature in 2002.",
            "explanation": "The United States is not among the states parties listed by the "
            "court's Assembly of States Parties.",
        },
        "evidence": [("icc-states-parties", "supports", "")],
    },
    {
        "text": "This will be President Xi's first visit to Russia since Russian troops "
        "invaded Ukraine.",
        "speaker": "BBC News",
        "said_on": "2023-03-17",
        "topics": [CHINA],
        "state": "published",
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
            ("fmprc-visit", "supports", ""),
            ("kremlin-visit", "supports", ""),
        ],
    },
    {
        "text": "Xi's visit to Moscow will be his first foreign trip since securing a third term "
        "as China's president on 10 March.",
        "speaker": "The Guardian",
        "said_on": "2023-03-17",
        "topics": [CHINA],
        "state": "published",
        "appearances": [
            (
                "guardian-xi-visit",
                "The visit will be Xi's first foreign trip since securing a third term as China's "
                "president at the annual parliamentary session on 10 March.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "True: third term on 10 March, Moscow first",
            "summary": "The National People's Congress re-elected Xi on 10 March 2023, and "
            "Moscow was the first trip announced after it.",
            "explanation": "China's parliament voted Xi a third term as president on 10 March "
            "2023. The foreign ministry announced the Moscow state visit a week later; Xi made "
            "no other foreign trip in between.",
        },
        "evidence": [
            ("cnn-third-term", "supports", ""),
            ("fmprc-visit", "supports", ""),
        ],
    },
    {
        "text": "All states parties have the legal obligation to cooperate fully with the court, "
        "which means that they are obliged to execute arrest warrants issued by it.",
        "speaker": "Piotr Hofmański",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "published",
        "appearances": [
            (
                "ap-warrant",
                "All state parties have the legal obligation to cooperate fully with the court, "
                "which means that they're obliged to execute arrest warrants issued by the court.",
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
        "evidence": [("rome-statute", "supports", "Article 86; article 89")],
    },
    {
        "text": "The prosecutor's office has identified the deportation of at least hundreds of "
        "children taken from orphanages and children's care homes.",
        "speaker": "Karim Khan",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "published",
        "appearances": [
            (
                "icc-khan-statement",
                "Incidents identified by my office include the deportation of at least hundreds "
                "of children taken from orphanages and children's care homes.",
            )
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
            ("icc-warrants", "supports", ""),
            ("bbc-un-inquiry", "supports", ""),
            ("newlines-report", "context", ""),
        ],
    },
    {
        "text": "Chinese companies shipped more than 1,000 assault rifles, drone parts and body "
        "armor to Russian entities between June and December 2022.",
        "speaker": "POLITICO Europe",
        "said_on": "2023-03-16",
        "topics": [CHINA, WAR],
        "state": "retracted",
        "appearances": [
            (
                "politico-rifles",
                "Chinese companies shipped more than 1,000 assault rifles, drone parts and body "
                "armor to Russian entities between June and December of last year.",
            )
        ],
        "verdict": {
            "rating": "true",
            "headline": "Customs data show the shipments",
            "summary": "Customs records reported by POLITICO list the shipments.",
            "explanation": "Our verdict relied on the customs records as POLITICO described them.",
        },
        "evidence": [("politico-rifles", "supports", "")],
        "retraction": "We have withdrawn this verdict. It relied only on the report that made "
        "the claim, and we could not check the customs records ourselves.",
    },
    {
        "text": "If Putin leaves Russia, he will be arrested and surrendered to the ICC.",
        "speaker": "Andriy Kostin",
        "said_on": "2023-03-17",
        "topics": [ICC, WAR],
        "state": "in_review",
        "appearances": [
            (
                "sky-warrant",
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
        "evidence": [("rome-statute", "context", "Article 89")],
    },
    {
        "text": "The ICC relies on the cooperation of governments to arrest people.",
        "speaker": "Jonathan Leader Maynard",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "in_review",
        "appearances": [
            ("bbc-biden", "The ICC relies on the cooperation of governments to arrest people")
        ],
        "verdict": {
            "rating": "true",
            "headline": "The court has no police of its own",
            "summary": "The ICC has no police force; arrests are made by states.",
            "explanation": "",
        },
        "evidence": [("icc-about", "supports", "")],
    },
    {
        "text": "The prosecutor general's office handed more than 1,000 pages of documents to "
        "the ICC about the deportation of children.",
        "speaker": "Andriy Kostin",
        "said_on": "2023-03-17",
        "topics": [WAR],
        "state": "researching",
        "appearances": [
            (
                "ap-warrant",
                "his office handed more than 1,000 pages of documents over to the ICC regarding "
                "the alleged forcible deportation of children to Russia",
            )
        ],
    },
    {
        "text": "The ICC does not conduct trials in absentia.",
        "speaker": "Joshua Rozenberg",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "researching",
        "appearances": [("bbc-rozenberg", "The ICC does not conduct trials in absentia")],
        "evidence": [("rome-statute", "supports", "Article 63(1)")],
    },
    {
        "text": "Washington and Brussels have exhausted all possible sanctions against Russia.",
        "speaker": "Vyacheslav Volodin",
        "said_on": "2023-03-17",
        "topics": [WAR],
        "state": "draft",
        "appearances": [
            (
                "guardian-warrant",
                "Washington and Brussels have exhausted all possible sanctions and unfriendly "
                "actions",
            )
        ],
    },
    {
        "text": "China has blocked G20 statements condemning the war and abstained from UN "
        "votes on the same matter.",
        "speaker": "The Guardian",
        "said_on": "2023-03-17",
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
        "appearances": [("ap-warrant", "The very question itself is outrageous and unacceptable")],
        "rejection": "An opinion about the question, not a statement of fact.",
    },
    {
        "text": "The ICC decision brings us a step closer to judgment day.",
        "speaker": "Kaja Kallas",
        "said_on": "2023-03-17",
        "topics": [ICC],
        "state": "rejected",
        "appearances": [("guardian-warrant", "step closer to judgment day")],
        "rejection": "A political reaction that cannot be checked.",
    },
    {
        "text": "China is not ready to arm Russia.",
        "speaker": "Dmytro Kuleba",
        "said_on": "2023-03-14",
        "topics": [CHINA, WAR],
        "state": "draft",
        "appearances": [
            (
                "bbc-xi-visit",
                "I don't think China has reached the moment now when it wants to, when it's "
                "ready to arm Russia.",
            )
        ],
        "evidence": [("bbc-lethal-support", "context", ""), ("politico-wang-yi", "context", "")],
    },
]
