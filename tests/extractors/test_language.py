"""Body language (table-driven, invented sentences)."""

import pytest

from extractors.layout.language import detect_language


@pytest.mark.parametrize(("text", "expected"), [
    ("The harbour council of Lankaran approved the new ferry timetable on Thursday evening.", "en"),
    ("Городской совет Ленкорани в четверг вечером утвердил новое расписание паромов.", "ru"),
    ("Lənkəran liman şurası cümə axşamı yeni bərə cədvəlini təsdiqləyib və bu barədə məlumat verib.", "az"),
    ("Le conseil portuaire a approuvé jeudi soir le nouvel horaire des ferries entre les deux villes.", "fr"),
    ("Too short.", None),
])
def test_detect_language(text: str, expected: str | None):
    assert detect_language(text)[0] == expected
