"""Every transcript in tests/data/transcripts plays through the pure flow."""

from __future__ import annotations

import pytest

from tests.flows.flow_channel import FlowChannel
from tests.transcripts import Transcript, load_all, run

TRANSCRIPTS = load_all()


def test_the_transcripts_cover_the_three_paths_and_the_three_subject_answers() -> None:
    names = {t.name for t in TRANSCRIPTS}
    assert {"self_path", "family_path", "third_party_subject_yes"} <= names
    assert {"third_party_subject_no", "third_party_subject_unknown"} <= names


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=lambda t: t.name)
def test_transcript_plays_through_the_flow(transcript: Transcript) -> None:
    run(transcript, FlowChannel())
