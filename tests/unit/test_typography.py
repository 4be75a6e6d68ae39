"""Typography done once per post in our reader (plugins/splitsville/typography.py)."""

from splitsville import typography


def test_typeset_gives_curly_quotes_dashes_and_ellipses():
    typography.configure("oldschool")
    out = typography.typeset('<p>"Yes," it\'s 9--5 --- or not...</p>')
    assert '<span class="dquo">&#8220;</span>Yes,&#8221;' in out and "it&#8217;s" in out
    assert "9&#8211;5" in out and "&#8212;" in out and "&#8230;" in out


def test_typeset_leaves_code_alone():
    typography.configure("oldschool")
    out = typography.typeset('<p>"a"</p><pre><code>x = "a" -- b</code></pre>')
    assert '<code>x = "a" -- b</code>' in out


def test_word_count_reads_text_not_markup_or_entities():
    assert typography.word_count("<p>I&#8217;ve <a href='x-y'>one-two</a> words.</p>") == 3
    assert typography.word_count("") == 0
    assert typography.word_count("<p>caf\u00e9 na\u00efve</p>") == 2


def test_reading_minutes_round_up_and_never_say_zero():
    assert typography.reading_minutes(0) == 1
    assert typography.reading_minutes(230) == 1
    assert typography.reading_minutes(231) == 2
