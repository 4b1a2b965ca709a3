"""Interviews: their turns, who answers, and whose claims the answers hold; and other voices a text
speaks with (a quoted speaker's pronoun, the analysts of the publisher)."""

from __future__ import annotations

from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.run import Pipeline
from eurasia_kg.pipeline.speakers import read_interview

from .conftest import text_source


def analysed(text: str, pipeline: Pipeline) -> Analysis:
    return pipeline.analyse(text_source(text, "talk.txt"))


def claims_of(text: str, pipeline: Pipeline) -> dict[str, str | None]:
    """Each claim's quote, and who holds it."""
    analysis = analysed(text, pipeline)
    return {analysis.quote(c): c.attributed_to.label if c.attributed_to else None for c in analysis.claims}


LABELLED = """Rails Before Roads
An interview with the historian Dana Kerimova about the freight lines of the steppe

Interview by Olaf Brenner

Kerimova has written three books on Central Asian railways.

Q: Is the new line to Uzbekistan a turning point?

A: I think it is the most important link built in the region since independence. Kyrgyzstan will finally stop being a cul-de-sac for trains.

Q: Russia built most of the old network. Does it object?

A: Moscow has complained in private, but it has little to offer instead. The Chinese offer would be hard to refuse for any government in Bishkek.

Q: What should Bishkek do now?

A: It should insist that the gauge question is settled before a single sleeper is laid.
"""


def test_answers_of_a_labelled_interview_are_the_interviewees(pipeline):
    claims = claims_of(LABELLED, pipeline)
    assert claims["I think it is the most important link built in the region since independence."] == "Dana Kerimova"
    assert claims["Kyrgyzstan will finally stop being a cul-de-sac for trains."] == "Dana Kerimova"
    assert claims["It should insist that the gauge question is settled before a single sleeper is laid."] == "Dana Kerimova"
    assert "Olaf Brenner" not in claims.values()


def test_questions_are_no_claims_and_labels_are_not_quoted(pipeline):
    claims = claims_of(LABELLED, pipeline)
    assert not any(quote.startswith(("Q:", "A:")) or "Does it object" in quote for quote in claims)
    assert not any("Russia built most of the old network" in quote for quote in claims)


def test_one_weak_cue_makes_a_claim_in_an_answer(pipeline):
    claims = claims_of(LABELLED, pipeline)
    assert claims["The Chinese offer would be hard to refuse for any government in Bishkek."] == "Dana Kerimova"


NAMED_TURNS = """Who Pays for the Pipes?

Olaf Brenner talks gas with the Almaty economist Dana Kerimova.

BRENNER: Turkmenistan sells almost all its gas to China. Is that a risk?

KERIMOVA: It is a serious risk, because a single buyer sets the price. Ashgabat should court buyers in South Asia as well.

BRENNER: And Russia?

KERIMOVA: Russia will not come back as a buyer in the next decade, in my view.

Olaf Brenner is an editor of the Caspian Review.
"""


def test_speaker_labels_name_the_interviewee(pipeline):
    analysis = analysed(NAMED_TURNS, pipeline)
    interview = read_interview(analysis)
    assert interview is not None and interview.interviewee == "KERIMOVA"
    assert [turn.question for turn in interview.turns] == [True, False, True, False]
    claims = claims_of(NAMED_TURNS, pipeline)
    assert claims["Ashgabat should court buyers in South Asia as well."] == "Dana Kerimova"
    assert claims["Russia will not come back as a buyer in the next decade, in my view."] == "Dana Kerimova"


def test_initials_as_speaker_labels_name_the_person_they_abbreviate(pipeline):
    text = NAMED_TURNS.replace("BRENNER:", "OB:").replace("KERIMOVA:", "DK:")
    claims = claims_of(text, pipeline)
    assert claims["Ashgabat should court buyers in South Asia as well."] == "Dana Kerimova"


UNLABELLED = """Steppe Freight Quarterly spoke to Ruslan Abenov, a logistics consultant in Almaty.

How busy is the border at Khorgos this year?

Busier than ever, and the queues are getting longer. The dry port cannot grow fast enough unless the customs service hires more staff.

Will the Caspian route take some of that traffic?

It will take some, probably a fifth of the containers by the end of the decade.
"""


def test_unlabelled_questions_of_an_announced_interview(pipeline):
    interview = read_interview(analysed(UNLABELLED, pipeline))
    assert interview is not None and interview.interviewee == "Ruslan Abenov"
    claims = claims_of(UNLABELLED, pipeline)
    assert claims["It will take some, probably a fifth of the containers by the end of the decade."] == "Ruslan Abenov"
    assert not any(quote.endswith("?") for quote in claims)


def test_an_essay_with_rhetorical_questions_is_no_interview(pipeline):
    text = ("Can the SCO act?\n\nThe organisation has grown, but growth has made it slower to decide. "
            "Its members will keep disagreeing about Afghanistan.\n\nWhat next?\n\n"
            "Kazakhstan should push for a smaller agenda.\n")
    assert read_interview(analysed(text, pipeline)) is None


def test_a_pronoun_after_a_quotation_is_not_someone_the_quotation_names(pipeline):
    text = ("Saule Amanova, an economist in Astana, spoke after the vote. "
            "\u201cTokayev has won the argument, but he will pay for it later,\u201d she said.\n")
    claims = claims_of(text, pipeline)
    assert list(claims.values()) == ["Saule Amanova"]


def test_the_analysts_of_the_publisher_are_the_writer(pipeline):
    text = ("Outlook for the Gas Trade\n\nCompiled by the research team of the Ural Energy Monitor\n\n"
            "The pipeline opened in 2019 and carried gas to the Chinese border at the Amur river for a year.\n\n"
            "The analysts of Ural Energy Monitor expect deliveries to level off after 2025.\n")
    claims = claims_of(text, pipeline)
    assert claims["The analysts of Ural Energy Monitor expect deliveries to level off after 2025."] == "Ural Energy Monitor"


TRANSCRIPT = """Statements for the press after the Almaty talks
14 March 2024
The two presidents spoke to journalists after their talks.
President of Kazakhstan Kassym-Jomart Tokayev: Dear colleagues, ladies and gentlemen,
I would like to thank our guests for the warm and open discussion.
Trade between our countries keeps growing, and the new border crossing is an important step for both economies.
Kyrgyzstan and Kazakhstan agreed to build a second bridge over the river, which would ease the queues of lorries.
President of Kyrgyzstan Sadyr Japarov: Thank you, Mr President.
We believe it is necessary to finish the railway to the south before the end of the decade.
The water agreement remains the main test of our partnership.
"""


def test_every_judgement_of_a_speakers_turn_is_the_speakers(pipeline):
    claims = claims_of(TRANSCRIPT, pipeline)
    assert claims["Trade between our countries keeps growing, and the new border crossing is an important step for "
                  "both economies."] == "Kassym-Jomart Tokayev"
    assert claims["We believe it is necessary to finish the railway to the south before the end of the decade."] == \
        "Sadyr Japarov"
    assert claims["The water agreement remains the main test of our partnership."] == "Sadyr Japarov"


def test_states_reported_inside_a_speech_are_the_speakers_account(pipeline):
    claims = claims_of(TRANSCRIPT, pipeline)
    quote = next(q for q in claims if q.startswith("Kyrgyzstan and Kazakhstan agreed"))
    assert claims[quote] == "Kassym-Jomart Tokayev"


def test_courtesies_and_the_introduction_of_a_transcript_are_no_claims(pipeline):
    claims = claims_of(TRANSCRIPT, pipeline)
    assert not any(q.startswith(("I would like to thank", "Thank you", "The two presidents")) for q in claims)


def test_a_name_before_a_colon_in_a_heading_opens_no_turn(pipeline):
    text = ("Portraits of two leaders\n\nVladimir Putin: A Portrait\n\nThe Russian president has ruled since 2000.\n\n"
            "Analysts argue that his foreign policy will remain driven by the fear of encirclement.\n")
    assert read_interview(analysed(text, pipeline)) is None
    assert set(claims_of(text, pipeline).values()) == {"Analysts"}


BRIEFING = """Foreign Ministry Spokesperson Li Wen's Regular Press Conference on 4 June 2024

Steppe Wire: The union has opened an inquiry into the rail subsidies. Will the ministry respond?

Li Wen: We firmly oppose the inquiry. It is a typical act of protectionism.

Question (Daily Courier): The minister said last week that trade would double. What is the basis for that?

We are confident that trade will keep growing. The new crossings are the main reason.
"""


def test_a_briefings_askers_are_questions_and_its_unlabelled_answers_the_spokespersons(pipeline):
    claims = claims_of(BRIEFING, pipeline)
    assert not any("inquiry into the rail subsidies" in quote for quote in claims)
    assert not any("trade would double" in quote for quote in claims)
    assert claims["We firmly oppose the inquiry."] == "Li Wen"
    assert claims["It is a typical act of protectionism."] == "Li Wen"
    assert claims["We are confident that trade will keep growing."] == "Li Wen"


JOINT_PRESS_CONFERENCE = """Foreign Minister Aigerim Saparova's remarks and answers to questions at a joint news conference with Foreign Minister of Kyrgyzstan Nurlan Osmonov, Astana, 3 March 2025

Dear colleagues,

We agreed to open two more border crossings before the winter. Of course, we object to any tariff that would split the valley.

Question: Will the new road be finished this year?

We are worried about the delays, but the road will certainly be finished, because both our economies need it.

Question: And the water talks?

Nurlan Osmonov: We believe that the joint commission remains the right place to settle the quotas.
"""


def test_a_joint_press_conference_gives_each_answer_to_its_speaker(pipeline):
    """The opening remarks and the unlabelled answers are those of the minister the heading names; a
    labelled answer is the labelled speaker's, not the heading's."""
    claims = claims_of(JOINT_PRESS_CONFERENCE, pipeline)
    held = {quote[:20]: who for quote, who in claims.items()}
    assert held["Of course, we object"] == "Aigerim Saparova"
    assert held["We are worried about"] == "Aigerim Saparova"
    assert held["We believe that the "] == "Nurlan Osmonov"


TITLED_LABELS = """Foreign Minister Aigerim Saparova's remarks and answers to questions at a joint news conference with Foreign Minister of Kyrgyzstan Nurlan Osmonov, Astana, 3 March 2025

Dear colleagues,

Of course, we object to any tariff that would split the valley.

Question: Will the new road be finished this year?

Foreign Minister of Kyrgyzstan Nurlan Osmonov (retranslated): We believe that the joint commission remains the right place to settle the quotas.

Aigerim Saparova: We are worried about the delays, but the road will certainly be finished.
"""


def test_titled_labels_and_answers_given_in_turn_keep_their_speakers(pipeline):
    """A label with titles and an aside names the person at its end; a second labelled answer to the
    same question is its own speaker's."""
    held = {quote[:20]: who for quote, who in claims_of(TITLED_LABELS, pipeline).items()}
    assert held["We believe that the "] == "Nurlan Osmonov"
    assert held["We are worried about"] == "Aigerim Saparova"
