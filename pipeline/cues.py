"""The words that make a sentence an analytic assertion, and say of which kind and how hedged.

A sentence is read for cues of four sorts:

- **prediction**: will, is (un)likely to, is set/poised/projected/expected to, predicts, expects,
  "in the coming decade", "in the long run", and may/might/could before a verb of change;
- **recommendation**: should, ought to, must, needs to, "it is imperative to", "it is time", "the
  mistake would be", "what is needed", recommends, urges;
- **judgement**: the writer speaking for themself ("in my view", "I expect", "I see no …"; not "I see a
  division of labour", which names a view the next sentences argue), inference ("showed
  that", "confirms that"), verdicts ("wishful thinking", "the main obstacle", "suits both of them",
  "favoured CNPC", "pales", "a case in point", "was the point", "is fraying"), hedges (probably,
  perhaps, may, seems), judging metaphors and idioms ("is the centrepiece of", "a game-changer", "a
  tall order", "the devil is in the details"), what follows or explains ("needn't mean", "this is
  one reason why", "the problem is that", "it remains to be seen"), a comment opening the sentence
  ("Awkwardly, …", "Not least, …", "On paper, …", "Even less helpful is …"), and a first-person
  stance ("we regret", "we are convinced", "we stand ready");
- **weak judgement**: evaluative adjectives after a copula ("is genuine", "remains limited"),
  evaluative verbs (strengthens, limits, depends on), reasoning words (because, therefore, rather
  than, "more … than", despite, a "But" or "Yet" opening the sentence), denials ("is not a …") and
  can/would.

- **prediction** also: plans and readiness ("plans to", "is scheduled", "ready to", "hopes to"), an
  undated agreement to go on ("agreed to continue …"), but not an agenda with a date ("Tomorrow the
  leaders will meet …");
- **recommendation** also: "called for", "proposed", "the answer is not to", "stressed the need to",
  "is a priority".

One prediction, recommendation or judgement cue, or two weak ones, make the sentence analytic.
A sentence that names no date (`Reading.dated`) and speaks the vocabulary of analysis (degree and
stance adverbs, evaluative adjectives, superlatives, verbs saying what something does for something
else: "helps", "serves", "remains") or has one weak cue that is more than a connective ("However",
"As a result") is a generalisation (`Reading.general`): the writer's claim.
Cues inside an indirect question ("whether the region will …", "how China and Russia can …") do
not count: the sentence asks, it does not assert (an "If" opening the sentence states a condition).
The kind is read from the main clause: a recommendation anywhere makes a recommendation; a
prediction cue outside subordinate clauses, with no inference or verdict beside it, a prediction;
anything else is an assessment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREDICTION, ASSESSMENT, RECOMMENDATION = "Prediction", "Assessment", "Recommendation"


def _words(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# "will" the modal, not the noun ("political will", "the will to act"). (Here and in _MODAL a look-ahead
# says first what the rest implies, so that most places fail before the look-behinds run.)
_FUTURE = _words(
    r"(?=w)(?<!\bthe\s)(?<!\bpolitical\s)(?<!\bsufficient\s)(?<!\bown\s)(?<!\bfree\s)(?<!\bgood\s)"
    r"\b(?:will|won['’]t)\b(?!\s+(?:and|of|to|power)\b)"
)
_LIKELY = _words(r"\b(?:(?:very|highly|quite|most|more|less|not|increasingly)\s)?(?:un)?likely\b")
_BOUND = _words(
    r"\b(?:is|are|seems?|appears?|remains?|looks?)\s(?:\w+\s)?(?:set|poised|projected|expected|forecast|"
    r"bound|going|destined|unlikely|likely)\sto\b"
)
_HORIZON = _words(
    r"\bin the (?:coming|next|foreseeable) (?:years?|decades?|months?)\b|\bin the (?:long|medium|short|mid)"
    r"[- ](?:run|term)\b|\bin (?:the )?future\b|\bany ?time soon\b|\bsooner or later\b|\bwithin a decade\b"
)
# Verbs of intention: what someone plans, decides or pledges to do is a prediction.
_INTENDS = _words(r"plans?|planned|intends?|intended|decided|decides|pledged|pledges|vowed|vows|resolved|promised|promises|hopes?|hoped")
# Verbs of advice: what is proposed, suggested or urged is a recommendation.
_ADVISE = _words(r"propos(?:es|ed|e)|suggest(?:s|ed)?|urge[sd]?|recommend(?:s|ed)?|advise[sd]?")
# A plan or readiness is an expectation of what will be done.
_PLANNED = _words(
    r"\b(?:plans?|planned|planning|intends?|intended|intending)\sto\b|\b(?:is|are|was|were)\s(?:\w+\s)?scheduled\b|"
    r"\b(?:ready|willing|prepared|determined)\sto\b|\bwith\sthe\s(?:goal|aim|objective)\sof\b|\benvisions?\b|"
    r"\bis\s(?:now\s)?considering\b|\b(?:their|its|his|her|our)\sresolve\sto\b|\breadiness\sto\b|"
    r"\b(?:can|could)\s(?:\w+\s)?become\b"
)
# An agreement to go on doing something, undated: "agreed to continue the exercises", "agree to expand
# trade" ("in 2002 the states agreed to create …" narrates).
_AGREED_TO = _words(
    r"\bagree(?:d|s)?\s(?:\w+\s)?to\s(?:further\s|jointly\s)?(?:continue|expand|deepen|strengthen|step\sup|work|keep|"
    r"maintain|boost|increase|develop|promote|enhance|intensify|coordinate|cooperate|build|explore|consider|seek|pursue|"
    r"resume|accelerate|advance|broaden|create|establish|launch|implement)\b"
)
_FORESEE = _words(r"\b(?:predicts?|predicted|predicting|forecasts?|anticipates?|foresees?|expects?)\b")
# Lower case: "May 2014" is a month. "Military might" is a noun.
_MODAL = re.compile(r"(?=[mc])(?<!military\s)(?<!economic\s)(?<!financial\s)(?<!naval\s)\b(?:may|might|could)\b(?!\s+\d)")
_STATIVE = re.compile(r"\b(?:may|might|could)\s+(?:(?:also|well|even|still|not|already|indeed)\s+)*"
                      r"(?:be|have|seem|appear|reflect|mean|indicate|suggest|represent|explain|lie|serve)\b")
_RECOMMEND = _words(
    r"\b(?:should|ought\sto|must(?!\s+have\b)|(?<!\bthe\s)(?<!\ba\s)(?<!\bno\s)needs?\sto|had\sbetter|would\sdo\swell\sto|"
    r"it\sis\s(?:imperative|essential|vital|crucial|important|necessary|advisable)\s(?:for|that|to)|"
    r"(?:believe|consider|find|deem)\s(?:it\s)?(?:is\s)?(?:important|appropriate|necessary|essential|vital|crucial|advisable)\s(?:for|that|to)|"
    r"it\sis\s(?:appropriate|advisable)\s(?:for|that|to)|"
    r"it\s(?:is|was)\s(?:high\s|about\s)?time\b|the\s(?:(?:real|big|great)\s)?(?:mistake|error)\s(?:would\sbe|is|will\sbe)|"
    r"what\s(?:is|was)\s(?:(?:now|urgently|really)\s)?(?:needed|required|called\sfor)|"
    r"would\sbe\s(?:wise|prudent|well\sadvised)\sto|recommend(?:s|ed|ing)?|urge[sd]?|urging|"
    r"the\s(?:answer|solution|remedy|task)\s(?:is|lies|would\sbe)\s(?:not\s)?(?:to|for|in)|nor\sis\sthe\s(?:answer|solution)|"
    r"call(?:s|ed)?\s(?:for|on|upon)|(?<!\bto\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)"
    r"propos(?:es|ed|ing|e)(?=\s(?:that|to|the|a|an|an?\w*|\w+ing)\b)|suggest(?:s|ed)?\s(?:that\s)?(?:\w+ing)|"
    r"(?:stress\w*|highlight\w*|underlin\w*|underscor\w*|emphasi[sz]\w*|recogni[sz]\w*|noted|there\sis)\s(?:also\s)?"
    r"(?:the|a|an)\s(?:(?:urgent|pressing|clear)\s)?(?:need|necessity|importance)\s(?:to|for|of)|it\sis\snecessary|"
    r"(?:is|are|remains?|be)\s(?:a|an|our|the)\s(?:\w+\s)?priorit(?:y|ies)|discourag(?:es|ed|ing|e))\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e)\s(?:(?:would|do|also|still|strongly|firmly|therefore|thus|now)\s)?(?:think|believe|argue|"
    r"expect|contend|suggest|see(?=\s(?:that|no|little|few|it|this|them|why|how|a\s(?:risk|danger|chance|need)))|"
    r"find|conclude|maintain|doubt|fear|suspect|hold|consider|submit|predict|"
    r"recommend|am\sconvinced|am\sconfident|explain|regret|condemn|deplore|oppose|reject|insist|hope|"
    r"(?:am|are)\s(?:convinced|confident|sure|certain|ready|prepared|determined|committed|concerned|worried|alarmed)|"
    r"stand\sready|remain\scommitted)\b"
    r"|\b(?:[Ii]n|[Tt]o)\s(?:my|our)\s(?:view|opinion|assessment|judge?ment|reading|mind|estimation|analysis|"
    r"understanding)\b|\b[Mm]y\s(?:reading|view|sense|assessment|judge?ment|argument|conclusion|guess|bet)\sis\b"
    r"|\bas\sI\s(?:explain|argue|show|suggest)\b"
)
_INFERENCE = _words(
    r"\b(?:shows?|showed|shown|demonstrates?|demonstrated|reveals?|revealed|confirms?|confirmed|suggests?|"
    r"suggested|indicates?|indicated|proves?|proved|illustrates?|illustrated|underscores?|underlines?|"
    r"implies|implied)\s(?:that|how|much|the\sextent)\b"
    r"|\bit\sis\s(?:(?:also|now|thus|therefore)\s)?(?:clear|evident|obvious|true|indisputable|undeniable|no\s"
    r"secret|no\scoincidence|hard|difficult|easy|worth|unlikely|likely|doubtful|questionable)\b"
    r"|\bthe\s(?:impression|conclusion|lesson)\sthat\b"
    # "It remains to be seen", "there is little doubt", "no wonder", "(this|which) is why"
    r"|\bremains\sto\sbe\sseen\b|\bit\sis\s(?:hard|difficult|easy|tempting)\sto\s(?:say|see|imagine|argue|believe|overstate)\b"
    r"|\bthere\s(?:is|was|are)\s(?:little|no|every|good)\s(?:doubt|evidence|sign|reason|question|indication)\b"
    r"|\b(?:little|no|small)\swonder\b|\bnot\ssurprisingly\b|\b(?:this|that|which)\sis\s(?:partly\s|precisely\s|largely\s)?"
    r"(?:why|because)\b|\bis\sno\s(?:accident|coincidence|surprise|secret)\b"
    # "The problem is that …", "the question is whether …", "the irony is …"
    r"|\bthe\s(?:\w+\s)?(?:problem|question|irony|upshot|truth|reality|trouble|catch|paradox|difficulty|snag|"
    r"worry|hope|fear|point|bottom\sline|result|consequence|lesson|implication)\s(?:is|was|remains)\s(?:that|whether|not|simple|clear)\b"
)
_VERDICT = _words(
    r"\bwishful\sthinking\b|\bthe\sbottom\sline\b|\bfar-fetched\b|\bindisputable\b|\bmisguided\b"
    r"|\b(?:the|a|its|their)\s(?:main|key|chief|principal|greatest|biggest|major|real|central|core|"
    r"fundamental|decisive|most\simportant|weakest|strongest|only\sserious)\s(?:obstacle|problem|challenge|"
    r"factor|driver|reason|question|risk|weakness|point|issue|variable|limitation|constraint|ingredient|"
    r"threat|test|lesson|irritant|danger|advantage|asset|beneficiary|loser|winner)s?\b"
    r"|\bno\s(?:realistic|serious|real)\s(?:path|alternative|option|prospect|chance)\b|\bthere\sis\sno\ssign\b"
    r"|\ba\scase\sin\spoint\b|\b(?:is|was)\s(?:precisely\s|exactly\s)?the\s(?:whole\s)?point\b"
    r"|\b(?:is|are)\s(?:(?:already|slowly|visibly|quietly|fast)\s)?(?:fraying|eroding|crumbling|unravel+ing|waning|"
    r"faltering|stalling|withering|in\sdecline)\b"
    # idioms of judgement: "a tall order", "a double-edged sword", "easier said than done"
    r"|\b(?:double-edged\ssword|tall\sorder|uphill\s(?:battle|struggle|task)|long\sshot|moot\spoint|open\squestion|"
    r"far\scry|mixed\sblessing|zero-sum|win-win|sticking\spoint|stumbling\sblock|bone\sof\scontention|elephant\sin\sthe\sroom|"
    r"wild\scard|achilles['’]?\sheel|poisoned\schalice|house\sof\scards|paper\stiger|white\selephant|red\sherring|"
    r"smokescreen|fig\sleaf|talking\sshop|rubber\sstamp|lip\sservice|window\sdressing|tip\sof\sthe\siceberg|"
    r"jury\sis\s(?:still\s)?out|writing\sis\son\sthe\swall|cuts\sboth\sways|easier\ssaid\sthan\sdone|"
    r"devil\sis\sin\sthe\sdetails?|wishful|a\sbridge\stoo\sfar|more\sbark\sthan\sbite|game\sof\schicken|"
    r"balancing\sact|tightrope|sleight\sof\shand|at\sa\scrossroads|in\sthe\sbalance|on\sthin\sice|"
    r"(?:a|the)\sfar\sbigger|(?:a|the)\smuch\sbigger)\b"
)
_HEDGE = re.compile(
    r"\b(?i:(?:(?:very|highly|quite|most|more|less|not|increasingly)\s)?(?:un)?likely|probably|possibly|"
    r"reportedly|allegedly|purportedly|supposedly|"
    r"perhaps|maybe|arguably|presumably|potentially|conceivably|apparently|seemingly|seems?|seemed|"
    r"appears?|appeared|not\s(?:completely|entirely)\sout\sof\sthe\squestion)\b|" + _MODAL.pattern
)
_EVALUATIVE = _words(
    r"\b(?:is|are|was|were|remains?|remained|seems?|appears?|becomes?|became|looks?|proved?|grows?|grown)\s"
    r"(?:(?:very|quite|rather|increasingly|far|much|more|less|so|too|already|still|now|not|hardly|largely|"
    r"mostly|fully|deeply|extremely|particularly|especially|highly|relatively|essentially|ultimately|truly|"
    r"genuinely|indeed|both|all)\s){0,2}(?:genuine|correct|wrong|mistaken|limited|fragile|resilient|robust|"
    r"durable|sustainable|unsustainable|pragmatic|asymmetric(?:al)?|uneven|hollow|superficial|symbolic|"
    r"overstated|exaggerated|unrealistic|realistic|unnecessary|counterproductive|inevitable|irreversible|"
    r"premature|doubtful|questionable|significant|important|crucial|critical|essential|decisive|"
    r"insufficient|sufficient|stronger|weaker|closer|deeper|better|worse|close|strong|weak|fraught|risky|"
    r"dangerous|vulnerable|dependent|reliant|ready|unwilling|willing|reluctant|wary|uneasy|confident|"
    r"aware|unable|unclear|uncertain|complementary|compatible|incompatible|contradictory|minuscule|modest|"
    r"marginal|negligible|considerable|substantial|tenuous|shaky|solid|unstable|cautious|ambitious|"
    r"remarkable|striking|ironic|paradoxical|telling|problematic|troubling|disappointing|impressive|"
    r"effective|ineffective|successful|unsuccessful|lacking|outdated|obsolete|secondary|irrelevant|"
    r"necessary|natural|understandable|surprising|unsurprising|true|evident|obvious|ultimately|unrivaled|"
    r"unrivalled|blind|serious|severe|acute|chronic|persistent|widespread|groundless|baseless|unfounded|irresponsible|unacceptable|regrettable|illegal|illegitimate|"
    r"worried|concerned|alarmed|disappointed|satisfied|dissatisfied|pleased|optimistic|pessimistic|hopeful|"
    r"convinced|helpful|unhelpful|useful|pointless|futile|bumpier|rockier|harder|tougher|trickier|catastrophic|dire|"
    r"alarming|deplorable|intolerable|unjustified|unjustifiable|outrageous|absurd|provocative|destabili[sz]ing|"
    r"unprecedented|historic|excellent|fruitful|productive|constructive|mutually\sbeneficial|"
    r"stark|cheap|expensive|costly|hard|easy|difficult|simple|complex|complicated|messy|slow|sluggish|grim|bleak|"
    r"rosy|murky|opaque|odd|strange|curious|puzzling|unusual|controversial|contentious|divisive|thorny|tricky|tough|"
    r"awkward|embarrassing|painful|worthwhile|overdue|inadequate|adequate|excessive|scarce|huge|enormous|tiny|vast|"
    r"good|bad|great|poor|unpopular|popular|"
    r"the\sopposite|no\sstranger|short\sof|in\sline\swith|at\sodds)\b"
    # "is a typical act of …", "was a blatant violation": a judging adjective before the predicate noun
    r"|\b(?:is|are|was|were|remains?)\s(?:a|an)\s(?:typical|classic|textbook|blatant|flagrant|gross|serious|grave|"
    r"genuine|perfect|prime|striking|welcome|positive|negative|dangerous|worrying|useful|valuable|natural|logical)\s"
)
# Verbs that pass a verdict on their subject ("that division of labour suits both of them").
_VERDICT_VERBS = _words(
    r"\b(?:suits|favou?r(?:s|ed)|benefits|harms|hurts|undermines|outweighs|pales?|dwarfs|underestimat(?:es?|ed)|"
    r"overestimat(?:es?|ed)|overstat(?:es?|ed)|exaggerat(?:es?|ed)|contradicts|jeopardi[sz]es|deserves?|merits)\b"
    # a judging metaphor after a copula: "is a game-changer", "remains the centrepiece of", "is one reason why"
    r"|\b(?:is|are|was|were|remains?|became|becomes|has\sbecome|have\sbecome)\s(?:\w+\s){0,2}?(?:game-?changers?|"
    r"centerpieces?|centrepieces?|cornerstones?|linchpins?|lynchpins?|backbone|bellwethers?|litmus\stest|wake-up\scall|"
    r"turning\spoint|watershed|red\sline|double-edged|non-starter|pipe\sdream|drop\sin\sthe\socean|mixed\sbag|"
    r"blessing|curse|boon|bane|trap|gamble|paradox|misnomer|myth|illusion|mirage|headache|liability|lifeline|"
    r"(?:one|a|another|the)\s(?:\w+\s)?reasons?\s(?:why|for)|in\sthe\sdetails|the\s(?:exception|answer|culprit|"
    r"outlier|catch|key)|a\sstory\sof)\b"
    r"|\b(?:tells?|told)\s(?:a\s|the\s)?(?:different|similar|another|real|same|whole)\sstory\b|\btalks?\sa\sgood\sgame\b"
    r"|\bcontact\swith\sreality\b"
    # "This needn't mean …", "does not mean that …": a verdict on what follows from something
    r"|\b(?:need\snot|needn['’]t)\b|\b(?:does|do|did)\s?(?:not|n['’]t)\s(?:necessarily\s)?mean\b"
)
# An evaluative adverb or phrase opening a sentence ("Awkwardly, …", "Not least, …", "Worse, …",
# "Even less helpful is …"): the writer comments on what the sentence states. Adverbs of time and
# sequence ("Subsequently, …") are left out.
_COMMENT_OPENING = re.compile(
    r"^\s*(?:(?!(?:Subsequently|Previously|Recently|Currently|Finally|Initially|Eventually|Originally|Formerly|"
    r"Additionally|Separately|Simultaneously|Lately|Shortly|Immediately|Early|Only|Accordingly|Specifically|"
    r"Similarly|Likewise|Reportedly|Officially|Publicly|Traditionally|Historically|Meanwhile)\b)[A-Z][a-z]{3,}ly|"
    r"Not\sleast|Worse(?:\sstill)?|Better(?:\sstill)?|Above\sall|More\simportantly|Most\simportantly|To\sbe\sfair|"
    r"In\struth|In\sreality|On\spaper|In\stheory|In\spractice|At\sbest|At\sworst|By\scontrast|Either\sway|"
    r"For\snow|For\sall\sthat|Still)\s?,"
    r"|^\s*(?:But\s|And\s)?(?:Even\s)?(?:more|less|most|least|still\smore)\s[a-z]+\s(?:is|are|was|were)\b"
)
_JUDGING_VERBS = _words(
    r"\b(?:suit|benefit(?:ed|ing)?|harm|hurt|undermined|strengthen(?:s|ed)|"
    r"weaken(?:s|ed)|outweigh(?:ed)?|reinforc(?:es|ed)|complicat(?:es|ed|ing)|constrain(?:s|ed)|"
    r"limit(?:s|ed|ing)|hinder(?:s|ed)|imped(?:es|ed)|drives?|driven|explains?|matters?|lacks?|fails?|"
    r"failed|dwarfed|contradict(?:ed)?|jeopardi[sz]ed|threaten(?:s|ed)?|depends?\son|relies\son|"
    r"rests?\son|hinges?\son|amounts?\sto|boils\sdown\sto|stems?\sfrom|rooted\sin|at\sstake|exacerbat(?:es|ed)|"
    r"encroach(?:es|ed)|circumvents?|mitigat(?:es|ed)|cement(?:s|ed|ing)|tempt(?:s|ed)?|tilts?|overlook(?:s|ed)?)\b"
)
_REASONING = _words(
    r"\b(?:because|due\sto|thanks\sto|as\sa\s(?:result|consequence)|therefore|thus|hence|consequently|"
    r"which\smeans|means\sthat|given\s(?:that|the|its|their)|as\slong\sas|unless|in\sshort|in\s(?:other\s"
    r"words|sum|essence|effect)|in\sfact|indeed|clearly|of\scourse|after\sall|above\sall|nevertheless|"
    r"nonetheless|however|rather\sthan|instead\sof|as\sopposed\sto|not\s(?:only|so\smuch|just)|compared\s"
    r"(?:to|with)|despite|although|even\s(?:though|if)|while\s(?:not|still)|can(?:not|['’]t)?|would(?:n['’]t)?|"
    r"so\sfar|at\sleast)\b|\b(?:more|less|rather)\s(?:[\w’'-]+\s){1,5}than\b"
    r"|^\s*(?:but|yet)\b|\b(?:is|are|was|were)\snot\s(?:a|an)\b|\b(?:this|that|which)\smeans\b"
    # a quantifier that judges: "Few of their plans …", "Nobody in the capital seems …"
    r"|^\s*(?:few|little|nobody|no\sone|hardly\s(?:any|anyone|anybody)|not\s(?:all|every|many|much))\b"
    # a change judged by degree: "are getting bumpier", "is becoming more costly"
    r"|\b(?:getting|becoming|growing)\s(?:ever\s|even\s|much\s|increasingly\s)?(?:(?:more|less)\s[a-z]+|[a-z]+(?:ier|er))\b"
)
# The vocabulary of analysis outside a copula: degree and stance adverbs, evaluative adjectives before
# a noun, superlatives, and verbs that say what something does for something else ("exercises help
# to …", "the network serves three purposes", "trade remains …"). One of these is enough in a
# sentence that narrates no dated event.
_ANALYSIS_WORDS = _words(
    r"\b(?:increasingly|significantly|fundamentally|notably|deeply|squarely|"
    r"clearly|traditionally|inherently|essentially|primarily|chiefly|mostly|heavily|genuinely|truly|"
    r"effectively|ultimately|arguably|relatively|comparatively|long-standing|increasing|growing|deepening|"
    r"valuable|invaluable|important|importance|key|critical|crucial|main|significant|"
    r"strategic|fundamental|unique|uniquely|clear|direct|pervasive|tepid|ripe|costly|vital|essential|decisive|"
    r"unprecedented|exceptional|successful|effective|dilemmas?|legacy|lifeline|symbol|catalyst|driver|pressure\spoint|"
    r"conduit|means\sby\swhich|no\s(?:longer|doubt)|not\sso\s\w+|too\smuch|too\slittle|only\s(?:a|an)\s(?:small|tiny|fraction)|"
    r"too\s(?:low|high|slow|small|large|big|weak|expensive|costly|risky|late|little|few|narrow|short|dependent|"
    r"close|far|ambitious|optimistic|pessimistic)|merely|barely|hardly|scarcely|harder|easier|costlier|riskier|more\s(?:difficult|costly|complicated|dependent|"
    r"vulnerable|important|assertive|cautious)|less\s(?:likely|able|willing|important|relevant|influential)|"
    r"(?:the|its|their|a)\s(?:most|least|best|worst|greatest|strongest|weakest|closest|main|only)\b|"
    r"(?<!\bto\s)(?:helps?|helping|allows?|allowed|enables?|enabled|provides?|serves?|aims?|seeks?|sought|strives?|striving|"
    r"drives?|fuel(?:s|ed|led)|reflects?|reflecting|signals?|signal(?:l)?ing|shapes?|undergird(?:s|ed)|"
    r"dominates?|remains?|continues?\sto|tends?\sto|has\slong|have\slong|also\saims?|made\sit|makes?\sit)|even)\b",
    0,  # lower case only: "Central Asia" and "Main Street" are names
)
_JUDGEMENT = (_FIRST_PERSON, _INFERENCE, _VERDICT, _VERDICT_VERBS, _HEDGE, _COMMENT_OPENING)
_WEAK_JUDGEMENT = (_EVALUATIVE, _JUDGING_VERBS, _REASONING)
# Words that link a sentence to the one before ("However,", "As a result,") or state a plain dependence
# ("relies on Russia for its security") without judging anything: alone they do not make an undated
# sentence the writer's generalisation.
_CONNECTIVES = _words(
    r"\b(?:however|indeed|of\scourse|as\sa\s(?:result|consequence)|nevertheless|nonetheless|after\sall|in\sfact|"
    r"unless|so\sfar|at\sleast|depends?\son|relies\son)\b|^\s*(?:but|yet)\b"
)
# Narration of a dated event: a year, a month with a day or year, a weekday, "last week", "ago".
_DATED = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s(?:\d|of\b)|\b\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?i:last\s(?:week|month|year)|(?:days|weeks|months|years)\sago|yesterday|earlier\sthis\s(?:week|month|year))\b"
)
# An agenda is no prediction: "will take part", "is set to meet", "will be held" with a day or a year.
_SCHEDULE = _words(
    r"\b(?:will|(?:is|are)\s(?:set|due|scheduled|expected)\sto)\s(?:also\s|jointly\s|then\s)?(?:take\spart|meet|hold|"
    r"visit|attend|travel|arrive|celebrate|be\sheld|be\shosted|host|leave|depart|chair|"
    r"address|speak|discuss|take\splace)\b"
)
_WHEN = _words(r"\b(?:tomorrow|today|tonight|next\s(?:week|month|year|day|summit|meeting)|later\s(?:today|this\s\w+))\b")
# A stance opening the sentence, whose "that" clause is what the sentence asserts.
_STANCE_THAT = _words(
    r"^[^,;]{0,40}?\b(?:(?:am|are|is|remain)\s(?:\w+\s)?(?:sure|confident|convinced|certain)|hopes?|hoped|believes?|"
    r"expects?|trust)\s+that\b"
)
# Lower-case "if" only, and not after a comma: "If it fails, the bloc will …" and "Alternately, if it
# fails, the bloc may …" open a condition, and what follows is asserted.
_INDIRECT_QUESTION = re.compile(r"(?:\b(?i:whether|how)|(?<!,\s)\bif)\b[^.;:]*")
# Clauses that hang on the main one: their modals do not make the sentence a prediction ("…
# reinforces Chinese reluctance, because such a policy could expose Beijing").
_SUBORDINATE = _words(
    r"\b(?:because|since|as|when|whenever|while|if|unless|although|though|which|who|whose|where|whereby|"
    r"so\sthat|given|that|predicting|arguing|noting|suggesting|warning|adding)\b[^,;:—–]*"
)


@dataclass(frozen=True)
class Reading:
    """What the cues of a sentence say: whether it asserts, of which kind, with which hedges."""

    analytic: bool
    kind: str
    hedge: str | None
    strength: float  # how clearly the words mark a judgement, from 0 to 1
    weak: int = 0  # how many weak cues it has, when it has no stronger one
    general: bool = False  # it narrates no dated event and speaks the vocabulary of analysis
    dated: bool = False  # it names a date: a year, a day, "last week"


def read_cues(text: str) -> Reading:
    """The reading of a sentence (or of the part of it a speaker is said to hold)."""
    asserted = _blank(_INDIRECT_QUESTION, text)
    read = asserted
    dated = bool(_DATED.search(asserted))
    if _WHEN.search(asserted) or dated:
        asserted = _blank(_SCHEDULE, asserted)  # "Tomorrow the two leaders will meet …" narrates an agenda
    elif _AGREED_TO.search(asserted):
        asserted = _AGREED_TO.sub(lambda m: "will" + " " * (len(m.group()) - 4), asserted)  # a plan of both
    if asserted != read:
        dated = bool(_DATED.search(asserted))
    recommends = bool(_RECOMMEND.search(asserted))
    predicts = not recommends and _predicts(asserted)
    hedged = hedges(asserted)  # a hedge is one of the judgements (_JUDGEMENT): searched once for both
    strong = recommends or predicts or hedged is not None or any(
        p.search(asserted) for p in _JUDGEMENT if p is not _HEDGE)
    weak = 0 if strong else sum(len(p.findall(asserted)) for p in _WEAK_JUDGEMENT)
    if recommends:
        kind = RECOMMENDATION
    elif predicts and _main_clause_predicts(asserted):
        kind = PREDICTION
    else:
        kind = ASSESSMENT
    strength = 0.7 if strong else min(0.6, 0.3 + 0.1 * weak)
    judging = weak - len(_CONNECTIVES.findall(asserted)) if weak else 0
    # a dated sentence is narration, unless it judges twice over ("in 2014 … significantly accelerated
    # the slow warming …, especially as …"); an undated one judges with one word of analysis
    if dated:
        general = judging + len(_ANALYSIS_WORDS.findall(asserted)) >= 2
    else:
        general = judging > 0 or _ANALYSIS_WORDS.search(asserted) is not None
    return Reading(strong or weak >= 2, kind, hedged, strength, weak, general, dated)


def kind_of_verb(verb: str, following: str = "") -> str | None:
    """The kind a reporting verb gives what it reports: "predicted" a prediction, "urged" or "called
    for" a recommendation; `following` is the text right after the verb."""
    if _RECOMMEND.fullmatch(verb) or _ADVISE.fullmatch(verb) or re.fullmatch(r"call(?:s|ed)?", verb) and re.match(
        r"\s+(?:for|on|upon)\b", following
    ):
        return RECOMMENDATION
    if _FORESEE.fullmatch(verb) or _INTENDS.fullmatch(verb):
        return PREDICTION
    if re.fullmatch(r"agree[ds]?", verb) and re.match(r"\s+(?:\w+\s+)?to\b", following):
        return PREDICTION  # "agreed to continue …": what they will do
    return None


def names_a_date(text: str) -> bool:
    """Whether a text names a date: a year, a day of a month, a weekday, "last week"."""
    return bool(_DATED.search(text))


def hedges(text: str) -> str | None:
    """The hedging words of a text as written, in order, each once ("may, could"); None when firm."""
    found = list(dict.fromkeys(match.group() for match in _HEDGE.finditer(text)))
    return ", ".join(found) or None


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with what `pattern` matches blanked out, so that offsets and word boundaries stay."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _main_clause_predicts(text: str) -> bool:
    """Whether the main clause, its subordinate clauses left out, predicts and does not also judge."""
    text = _STANCE_THAT.sub(lambda m: " " * len(m.group()), text)  # "I am sure that X will …" predicts
    main = _blank(_SUBORDINATE, re.sub(r"^\s*that\b", "", text))
    return _predicts(main) and not (_INFERENCE.search(main) or _VERDICT.search(main))


def _predicts(text: str) -> bool:
    if any(p.search(text) for p in (_FUTURE, _BOUND, _HORIZON, _FORESEE, _PLANNED)):
        return True
    if _LIKELY.search(text) and re.search(r"\blikely\s+to\b", text, re.IGNORECASE):
        return True
    modal = _MODAL.search(text)
    return modal is not None and not _STATIVE.search(text, modal.start())
