"""Contact triage: what an officer should consider when a contact arrives.

A contact's words are read for three things, each a suggestion to the officer and never applied
by itself (issue 7):

- **dissatisfaction**: the Complaint Handling Code's complaint is "an expression of
  dissatisfaction, however made, about the standard of service, actions or lack of action by
  the landlord" (`shared/domain/regulation.md`); the resident need not say "complaint". A plain
  service request ("please can someone fix my tap") is not one. Value `asks_to_complain` where
  they ask to complain or escalate, `dissatisfaction` otherwise. The lens raises
  `complaint.not_logged` from it, so the rules keep precision high: a word of feeling about the
  landlord ("fed up", "unacceptable"), a broken promise, chasing with nothing heard, a repeat
  report ("third time"). A missed visit stated as a fact ("the engineer did not attend", the
  Clarion call of 30 March 2021) is not, by itself, an expression of dissatisfaction.
- **hazards**: HHSRS hazards by the chronology format's names (`policy.awaab.HHSRS`): a leak is
  `damp_mould` unless it is about the supply of water ("no water", "brown water"); no heating
  is `excess_cold`; a smell of gas `uncombusted_fuel_gas`; a CO alarm `carbon_monoxide`.
- **vulnerability cues**: the format's categories (disability, mobility, pregnancy, infant,
  child, mental_health, physical_health, age, language, other), whoever is speaking ("she is
  pregnant", a health visitor, a support worker). Only the category is suggested.

The rules are a table (`RULES`): an id, the family, the value, a regular expression matched
case-insensitively at word boundaries, and a one-line reason. A few rules carry an `unless`
pattern (a match is dropped where it matches around it: "baby wipes" is not a baby). Negation
is one transparent rule for the whole table: a match is dropped if one of `NEGATORS` ("no",
"not", "never", "no longer", "don't"...) stands within the `NEGATION_WINDOW` words before it
in the same clause ("she is not pregnant", "no mould now", "I'm not complaining"), or if the
words after it say it has gone ("the damp has gone"). Rules that state an absence themselves
("no heating", "nobody came", "not happy") are not negatable.

Decisions worth knowing (docs/triage.md lists the measured misses):
- "baby" is a baby in the household even in "baby bath" or "baby monitor": that is why those
  things are in the home. Not in "baby wipes" (used to wipe mould), nor "having a baby" or
  "the baby is due" (pregnancy).
- a health visitor works with families of children under five: their contact is an `infant`
  cue (Clarion's November 2021 report), for the officer to confirm.
- a child is a child by the words ("children", "kids", "toddler") or by an age under 18 next
  to son, daughter, boy, girl and the like; "my son" alone is not (he may be 40).
- "hospital" is `physical_health` only as a stay ("in hospital", "out of hospital",
  "admitted"): "a hospital appointment" is not.
- age is 65 or over, said as a number ("she is 89") or a word ("elderly", "pensioner").

Pure: no Django. `RULES_VERSION` changes whenever a rule does; findings and figures name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULES_VERSION = "2026-12-06.1"

DISSATISFACTION = "dissatisfaction"
HAZARD = "hazard"
VULNERABILITY = "vulnerability"
FAMILIES = (DISSATISFACTION, HAZARD, VULNERABILITY)

ASKS_TO_COMPLAIN = "asks_to_complain"

VULNERABILITY_CATEGORIES = (
    "disability",
    "mobility",
    "pregnancy",
    "infant",
    "child",
    "mental_health",
    "physical_health",
    "age",
    "language",
    "other",
)

# Words that, within a few words before a match and in the same clause, deny it.
NEGATORS = re.compile(
    r"^(?:no|not|never|none|nor|isn't|isnt|aren't|wasn't|weren't|don't|dont|doesn't|doesnt|"
    r"didn't|didnt|haven't|havent|hasn't|hasnt|hadn't|longer)$",
    re.IGNORECASE,
)
NEGATION_WINDOW = 3
# Where a clause starts: a negation never reaches across these.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,()\n]|\b(?:but|and|although|though|however|whereas)\b", re.IGNORECASE
)
# Words after a match that say the thing has gone ("the damp has gone now").
_GONE_AFTER = re.compile(
    r"^\W{0,3}(?:has|have|had|is|are|was|'s)\s+(?:now\s+|all\s+)?"
    r"(?:gone|cleared|disappeared|been\s+(?:fixed|sorted|treated|resolved|removed|cleared))"
    r"(?:\s+(?:now|away|completely))?\s*(?:[.,!;]|$)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Rule:
    """One rule of the table: where `pattern` matches, suggest `value` of `family`."""

    id: str
    family: str
    value: str
    pattern: str
    reason: str
    negatable: bool = True
    unless: str = ""  # a pattern that, matching around the match, drops it

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern)


def _rule(
    family: str,
    value: str,
    name: str,
    pattern: str,
    reason: str,
    *,
    negatable: bool = True,
    unless: str = "",
) -> Rule:
    return Rule(f"{family}.{value}.{name}", family, value, pattern, reason, negatable, unless)


D, H, V = DISSATISFACTION, HAZARD, VULNERABILITY
_DIS = DISSATISFACTION
_NUM = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|numerous|countless)"

# fmt: off
RULES: tuple[Rule, ...] = (
    # --- Dissatisfaction: asking to complain -------------------------------------------------
    _rule(D, ASKS_TO_COMPLAIN, "make_complaint",
          r"(?:make|making|raise|raising|lodge|lodging|log|put\s+in|submit|file)\s+(?:a\s+|my\s+)?"
          r"(?:formal\s+|official\s+)?complaint",
          "They ask for a complaint to be made or logged."),
    _rule(D, ASKS_TO_COMPLAIN, "want_to_complain",
          r"(?:like|want|wish|wanting|going)\s+to\s+complain|how\s+(?:do|can)\s+i\s+complain|"
          r"complaints?\s+(?:procedure|process|form)|speak\s+to\s+about\s+(?:making\s+)?a\s+complaint",
          "They say they want to complain, or ask how."),
    _rule(D, ASKS_TO_COMPLAIN, "complaint_heading",
          r"(?:^|\bthis\s+is\s+a\s+)complaint\s*(?::|-|about|regarding|re\b)",
          "The contact calls itself a complaint."),
    _rule(D, ASKS_TO_COMPLAIN, "escalate",
          r"escalat(?:e|ed|ing)|(?:go|move|take|put|request)\w*\s+(?:it\s+|this\s+|my\s+complaint\s+)?"
          r"(?:on\s+)?to\s+stage\s+(?:2|two)|appeal(?:ing)?\s+(?:the|this|your)\s+decision",
          "They ask for the complaint to go further."),
    _rule(D, ASKS_TO_COMPLAIN, "ombudsman",
          r"(?:go|going|take|taking|took|refer|contact|contacting|complain)\s+(?:it\s+|this\s+)?"
          r"(?:to\s+)?(?:the\s+)?(?:housing\s+)?ombudsman",
          "They say they will take it to the Ombudsman."),
    # --- Dissatisfaction: the words of it ----------------------------------------------------
    _rule(D, _DIS, "complain_word", r"complain(?:t|ts|ed|ing|s)?",
          "Any complaint word: a complaint made, or one they are waiting on."),
    _rule(D, _DIS, "not_happy",
          r"not\s+(?:very\s+|at\s+all\s+|really\s+)?(?:happy|pleased|satisfied|impressed|"
          r"good\s+enough|acceptable|on)",
          "They say they are not happy with it.", negatable=False),
    _rule(D, _DIS, "feeling",
          r"unhappy|dissatisfied|dissatisfaction|disgusted|disgrace(?:ful)?|appall(?:ing|ed)|"
          r"appaling|unacceptable|outrageous|ridiculous|shambles|livid|furious|angry|upset|"
          r"frustrat(?:ed|ing|ion)|disappoint(?:ed|ing|ment)|ashamed|fuming",
          "A word of dissatisfaction or anger."),
    _rule(D, _DIS, "fed_up",
          r"fed\s+up|sick\s+(?:and\s+tired\s+)?of|had\s+enough|end\s+of\s+my\s+tether|given\s+up",
          "They have run out of patience."),
    _rule(D, _DIS, "let_down", r"let\s+(?:me\s+|us\s+)?down|treated\s+(?:so\s+|very\s+)?"
          r"(?:poorly|badly)|(?:rude|unprofessional|disrespectful)",
          "They were let down, or badly treated by staff."),
    _rule(D, _DIS, "nobody",
          r"(?:nobody|no\s?one|no-one)(?:\s+\w+){0,4}?\s+(?:came|come|turned\s+up|showed\s+up|"
          r"attended|called|rang|phoned|got\s+back|contacted|been\s+in\s+touch|did|cares|"
          r"takes\s+responsibility|bothered)",
          "Nobody came, called back or took responsibility.", negatable=False),
    _rule(D, _DIS, "still_waiting",
          r"still\s+(?:waiting|not|no\s+sign|nothing|haven'?t|hasn'?t|no\s+(?:reply|response|"
          r"word|news|one))",
          "Still waiting: lack of action.", negatable=False),
    _rule(D, _DIS, "been_waiting",
          r"been\s+(?:waiting|reporting|chasing)",
          "Waiting or chasing over time."),
    _rule(D, _DIS, "heard_nothing",
          r"heard\s+nothing|not\s+heard\s+(?:anything|back)|haven'?t\s+heard|"
          r"had\s+no\s+(?:reply|response|answer|call\s*back)|no\s+(?:reply|response)\s+to\s+my",
          "Nothing heard back.", negatable=False),
    _rule(D, _DIS, "nothing_done",
          r"nothing\s+(?:has\s+|had\s+|'s\s+)?(?:been|was|got|gets)\s+(?:done|sorted|fixed)|"
          r"(?:ignored|ignoring)\s+(?:me|us|her|him|them|my)",
          "Nothing done, or being ignored.", negatable=False),
    _rule(D, _DIS, "repeat_report",
          r"(?:second|third|fourth|fifth|sixth|umpteenth|nth)\s+time|"
          r"(?:reported|rung|rang|called|phoned|chased|emailed|written|complained|asked)"
          r"(?:\s+\w+){0,3}?\s+" + _NUM + r"\s+times",
          "The same thing reported again and again.", negatable=False),
    _rule(D, _DIS, "broken_promise",
          r"(?:promised|was\s+told|were\s+told|you\s+said)[^.!?]{0,80}?\bit'?s\s+(?:now\s+)?been",
          "A promise made and not kept."),
    _rule(D, _DIS, "left_without",
          r"(?:been|was|were)\s+left\s+(?:without|with\s+no)|getting\s+nowhere|"
          r"pillar\s+to\s+post|(?:this|it)\s+is\s+a\s+joke|(?:this|it)'s\s+a\s+joke|"
          r"waste\s+of\s+(?:my\s+)?time|for\s+nothing|lost\s+my\s+(?:paperwork|documents|forms)",
          "Left without, passed around, time wasted."),
    _rule(D, _DIS, "poor_work",
          r"(?:shoddy|poor|bad|terrible|awful|dreadful|rubbish|botched)\s+(?:job|work|"
          r"workmanship|service|standard|repair|communication)|"
          r"(?:repair|work|works|job|you|they|contractor|operative)\s+(?:has\s+|have\s+)?"
          r"(?:made|making)\s+(?:it|things|the\s+\w+)\s+worse|worse\s+than\s+before",
          "The standard of the work or service."),
    _rule(D, _DIS, "delays",
          r"(?:constant|endless|continual|ongoing|repeated|unreasonable)\s+delays?",
          "Delays called out as such."),
    _rule(D, _DIS, "sarcasm",
          r"what\s+a\s+surprise|as\s+(?:usual|always)|yet\s+again|great\s+service",
          "Sarcasm about the service.", negatable=False),
    _rule(D, _DIS, "why",
          r"why\s+(?:does|did|is)\s+it\s+tak(?:e|ing)|why\s+(?:has|have)\s+(?:nobody|no\s?one|"
          r"nothing)",
          "A question that is a reproach.", negatable=False),
    # --- Hazards -----------------------------------------------------------------------------
    _rule(H, "damp_mould", "mould", r"mou?ld(?:y|s)?|mildew|black\s+(?:spots|patches|marks)|spores",
          "Mould, named or described."),
    _rule(H, "damp_mould", "damp", r"damp|condensation|musty",
          "Damp or condensation."),
    _rule(H, "damp_mould", "leak", r"(?<!gas\s)leak(?:s|ing|y|ed|age)?",
          "A leak into the home (HHSRS damp; a gas leak is gas)."),
    _rule(H, "damp_mould", "water_in",
          r"water\s+(?:is\s+|was\s+|still\s+|has\s+been\s+)?(?:coming|pouring|dripping|"
          r"running|seeping|getting|leaking)\s+(?:in|through|into|down|from)|"
          r"water\s+(?:has\s+)?(?:collected|pooling|pooled)|water\s+damage|"
          r"flood(?:ed|ing|s)?|overflowing",
          "Water coming in, described without the word leak."),
    _rule(H, "water_supply", "no_water",
          r"no\s+(?:running\s+|cold\s+)?water|taps?\s+(?:are|is)\s+dry|"
          r"water\s+(?:is\s+|was\s+)?(?:brown|discoloured|discolored|cloudy|dirty)|"
          r"water\s+(?:has\s+been\s+)?(?:cut|turned)\s+off",
          "No water, or water not fit to use.", negatable=False),
    _rule(H, "personal_hygiene", "sanitation",
          r"no\s+hot\s+water|toilet\s+(?:is\s+)?(?:blocked|won'?t\s+flush|not\s+flushing)|"
          r"blocked\s+(?:toilet|drains?|sink|shower)|sewage|drains?\s+(?:are\s+|is\s+)?"
          r"(?:blocked|backing\s+up)|not\s+draining|won'?t\s+drain",
          "No hot water, a blocked toilet or drain, sewage.", negatable=False),
    _rule(H, "excess_cold", "no_heating",
          r"no\s+(?:central\s+)?heating|(?:not|haven'?t|hasn'?t)\s+(?:had|got)\s+(?:any\s+)?heating|"
          r"(?:heating|boiler|radiators?)\b[^.!?,]{0,25}?\b(?:not\s+working|isn'?t\s+working|broken|"
          r"broke|packed\s+(?:in|up)|stone\s+cold|won'?t\s+come\s+on|not\s+coming\s+on|"
          r"keeps?\s+(?:going|cutting)\s+out|error\s+code|only\s+works|(?:has\s+)?been\s+off|"
          r"not\s+getting\s+hot)|pilot\s+light",
          "No heating, or the boiler has failed.", negatable=False),
    _rule(H, "excess_cold", "cold",
          r"freezing|bitterly\s+cold|can'?t\s+(?:keep|get)\s+warm",
          "The home is too cold."),
    _rule(H, "uncombusted_fuel_gas", "gas_smell",
          r"(?:smell(?:s|ing)?|smelt|whiff|stench)\s+(?:of\s+)?gas|gas\s+(?:leak|smell)|"
          r"capped\s+(?:off\s+)?the\s+(?:cooker|boiler|fire|gas)|(?:cooker|boiler|fire)\s+"
          r"(?:was\s+|has\s+been\s+)?capped",
          "A smell of gas, or a gas appliance capped as unsafe."),
    _rule(H, "carbon_monoxide", "co",
          r"carbon\s+monoxide|co\s+(?:alarm|detector)",
          "Carbon monoxide, or its alarm."),
    _rule(H, "electrical", "electrics",
          r"spark(?:s|ing|ed|y)?|(?:exposed|bare|live|loose|hanging)\s+wir(?:es|ing)|"
          r"wires\s+hanging|electric\s+shock|smell\s+of\s+burning|burning\s+smell|"
          r"(?:fuse\s*box|fuses?|trip\s+switch|electrics|rcd)\b[^.!?]{0,20}?\b(?:trip(?:s|ping|ped)?|"
          r"blow(?:n|ing|s)?|keeps?\s+going)|"
          r"water\b[^.!?]{0,40}?\b(?:light\s+fitting|ceiling\s+light|light\s+switch|sockets?|"
          r"fuse\s*box|electrics)",
          "Sparks, exposed wires, trips, or water in the electrics."),
    _rule(H, "fire", "fire_safety",
          r"smoke\s+(?:alarm|detector)s?|fire\s+(?:door|alarm|exit|escape|brigade|service)s?|"
          r"there'?s\s+been\s+a\s+fire|(?:caught|on)\s+fire",
          "Fire safety: alarms, fire doors, a fire."),
    _rule(H, "domestic_hygiene", "pests",
          r"mice|mouse|rats?|rodents?|cockroach(?:es)?|roaches|bed\s*bugs|vermin|"
          r"infest(?:ed|ation)|droppings|pests?",
          "Pests in the home."),
    _rule(H, "entry_by_intruders", "security",
          r"(?:won'?t|doesn'?t|does\s+not|will\s+not|can'?t|cannot)\s+lock|"
          r"locks?\b[^.!?]{0,15}?\b(?:broken|bust|snapped|jammed|not\s+working)|"
          r"broken\s+(?:lock|(?:front|back|communal|entrance|entry|main|external)\s+door)|"
          r"door\s+entry\b[^.!?]{0,15}?\b(?:broken|not\s+working)|"
          r"locks?\s+changed|anyone\s+could\s+(?:walk|get)\s+in",
          "A door or lock that does not secure the home.", negatable=False),
    _rule(H, "falls_stairs", "stairs",
          r"(?:banister|bannister|handrail|hand\s+rail|stair\s*carpet|stair\s+rods?)\b[^.!?]{0,30}?"
          r"\b(?:loose|broken|come\s+away|came\s+away|missing|wobbly|unsafe)|"
          r"(?:stairs|steps)\b[^.!?]{0,30}?\b(?:icy|ice|crumbling|broken|slippery)|"
          r"(?:fall|fell|fallen|falling)\s+(?:down|on)\s+the\s+stairs",
          "Stairs, steps or their rails unsafe."),
    _rule(H, "falls_level", "level",
          r"slippery|trip\s+hazard|tripped|slipped|uneven\s+(?:floor|path|paving)",
          "A slip or trip on the level."),
    _rule(H, "lighting", "lights_out",
          r"(?:stairwell|communal|corridor|landing|hallway|walkway)\s+lights?\b[^.!?]{0,20}?"
          r"\b(?:out|not\s+working|broken|off)|pitch\s+black",
          "Shared lighting out."),
    _rule(H, "crowding_space", "overcrowded",
          r"overcrowd(?:ed|ing)|\d+\s+of\s+us\s+in\s+a|sleeps?\s+in\s+the\s+(?:living\s+room|"
          r"lounge|kitchen)|bigger\s+(?:place|home|house|flat|property)",
          "Too many people for the space."),
    _rule(H, "structural_collapse", "collapse",
          r"(?:ceiling|roof|wall|plaster|loft\s+hatch|tiles?)\b[^.!?]{0,30}?\b(?:come\s+down|"
          r"came\s+down|collapsed?|collapsing|fell\s+down|fallen\s+(?:in|down)|falling\s+(?:off|down)|"
          r"bowing|caved\s+in)",
          "Part of the building falling or about to."),
    # --- Vulnerability cues ------------------------------------------------------------------
    _rule(V, "pregnancy", "pregnant", r"pregnan(?:t|cy)", "Pregnant, said of anyone."),
    _rule(V, "pregnancy", "expecting",
          r"(?:is|am|i'm|she's|we're|are)\s+expecting|(?:having|expecting)\s+a\s+baby|"
          r"baby\s+(?:is\s+)?due|the\s+baby\s+(?:comes|arrives|is\s+born)",
          "Expecting a baby."),
    _rule(V, "infant", "baby", r"bab(?:y|ies|y's)",
          "A baby in the home (also 'baby bath', 'baby monitor').",
          unless=r"(?:having|expecting)\s+a\s+baby|baby\s+(?:is\s+)?(?:due|comes|arrives|is\s+born)|"
          r"baby\s+(?:wipes|oil|pink|blue|powder|shampoo|steps)"),
    _rule(V, "infant", "newborn",
          r"new[\s-]?born|infant|\d+\s*(?:week|month)s?[\s-]old|aged\s+\d+\s+(?:weeks|months)|"
          r"\bcot\b",
          "A newborn or a child counted in weeks or months."),
    _rule(V, "infant", "health_visitor", r"health\s+visitor",
          "Health visitors work with families of children under five."),
    _rule(V, "child", "children", r"children|child|kids?|toddlers?|school\s+run",
          "Children in the home.", unless=r"child(?:ren)?'s\s+services|childcare"),
    _rule(V, "child", "age",
          r"(?:son|daughter|boy|girl|grandson|granddaughter|youngest|eldest)\s*(?:is\s+|aged\s+|\(\s*)"
          r"(?:[1-9]|1[0-7])\b(?!\s*(?:weeks|months|stone|kg))",
          "A child by their age (under 18)."),
    _rule(V, "disability", "disabled",
          r"disab(?:led|ility|ilities)|learning\s+(?:difficult(?:y|ies)|disab\w*)|autis(?:m|tic)|"
          r"blind|partially\s+sighted|visually\s+impaired|deaf|hard\s+of\s+hearing|"
          r"hearing\s+impair\w*",
          "A disability, named."),
    _rule(V, "mobility", "mobility",
          r"mobility\s+(?:issues?|problems?|difficult(?:y|ies)|scooter|needs)|wheelchair|"
          r"walking\s+(?:frame|stick|aid)|crutches|zimmer|housebound|stair\s*lift|"
          r"can'?t\s+(?:manage|climb|get\s+up|do)\s+(?:the\s+)?stairs|stairs\s+(?:hard|difficult)|"
          r"struggle\s+with\s+(?:the\s+)?stairs",
          "Difficulty getting about."),
    _rule(V, "mental_health", "mental_health",
          r"mental\s+health|depress(?:ion|ed)|anxiety|bipolar|schizophren\w*|ptsd|suicid\w*|"
          r"self[\s-]harm\w*|\bcpn\b|crisis\s+team|psychosis|panic\s+attacks?|breakdown|dementia",
          "A mental health condition, or its services."),
    _rule(V, "physical_health", "condition",
          r"asthma\w*|copd|emphysema|bronchitis|cancer|chemo\w*|heart\s+(?:condition|surgery|"
          r"failure|attack|problems?)|stroke|diabet\w*|dialysis|terminally\s+ill|epilep\w*|"
          r"long[\s-]term\s+(?:illness|condition)|a\s*&\s*e|"
          r"(?:in|into|out\s+of|from|admitted\s+to|discharged\s+from)\s+hospital",
          "A physical health condition, or a hospital stay."),
    _rule(V, "age", "older",
          r"elderly|pensioner|\boap\b|frail|"
          r"(?:is|am|i'm|aged|age)\s+(?:6[5-9]|[7-9]\d|10\d)\b(?!\s*(?:weeks|months|%|pounds))|"
          r"in\s+(?:his|her|their)\s+(?:seventies|eighties|nineties|70s|80s|90s)",
          "Aged 65 or over."),
    _rule(V, "language", "language",
          r"interpreter|translat(?:e|ed|ing|or|ion)|(?:doesn'?t|does\s+not|can'?t|don'?t)\s+speak\s+"
          r"(?:much\s+)?english|limited\s+english|english\s+is\s+not\s+(?:her|his|their|my)\s+first|"
          r"\bbsl\b|sign\s+language",
          "Needs language or communication support.", negatable=False),
    _rule(V, "other", "circumstances",
          r"domestic\s+(?:abuse|violence)|fleeing|care\s+leaver|refuge|modern\s+slavery",
          "Other circumstances that make a household vulnerable."),
)
# fmt: on


def _compile(pattern: str) -> re.Pattern[str]:
    # Word boundaries around the whole pattern; inner alternatives may add their own.
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w])", re.IGNORECASE)


_COMPILED: tuple[tuple[Rule, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (r, r.compiled(), re.compile(r.unless, re.IGNORECASE) if r.unless else None) for r in RULES
)


@dataclass(frozen=True)
class Cue:
    """One thing the words suggest: `phrase` (as written, at `start`:`end`) matched `rule`."""

    kind: str  # "dissatisfaction" | "hazard" | "vulnerability"
    value: str
    phrase: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Triage:
    """Every cue in a contact's words, in the order they appear."""

    cues: tuple[Cue, ...]

    @property
    def dissatisfied(self) -> bool:
        """The words express dissatisfaction with the landlord, or ask to complain."""
        return any(c.kind == DISSATISFACTION for c in self.cues)

    @property
    def hazards(self) -> tuple[str, ...]:
        """The HHSRS hazards suggested, each once, in order of appearance."""
        return self._values(HAZARD)

    @property
    def vulnerabilities(self) -> tuple[str, ...]:
        """The vulnerability categories suggested, each once, in order of appearance."""
        return self._values(VULNERABILITY)

    def of(self, kind: str) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.kind == kind)

    def _values(self, kind: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.value for c in self.cues if c.kind == kind))


def negated(text: str, start: int, end: int) -> bool:
    """A negator in the few words before `start` (same clause), or words after `end` saying the
    thing has gone."""
    before = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(before)[-NEGATION_WINDOW:]
    if any(NEGATORS.match(w.replace("\u2019", "'")) for w in words):
        return True
    return bool(_GONE_AFTER.match(text[end : end + 60]))


def triage(text: str) -> Triage:
    """Read a contact's words against `RULES`: every cue, in order of appearance."""
    text = text or ""
    norm = text.replace("\u2019", "'")  # curly apostrophes, as phones and Word write them
    found: dict[tuple[str, str, int, int], Cue] = {}
    for rule, pattern, unless in _COMPILED:
        for m in pattern.finditer(norm):
            if rule.negatable and negated(norm, m.start(), m.end()):
                continue
            if unless is not None and _around(unless, norm, m.start(), m.end()):
                continue
            key = (rule.family, rule.value, m.start(), m.end())
            found.setdefault(
                key,
                Cue(
                    rule.family, rule.value, text[m.start() : m.end()], m.start(), m.end(), rule.id
                ),
            )
    return Triage(tuple(sorted(found.values(), key=lambda c: (c.start, c.end, c.rule))))


def _around(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    lo, hi = max(0, start - 20), min(len(text), end + 20)
    return any(m.start() <= start and m.end() >= end for m in pattern.finditer(text, lo, hi))
