"""The Content-Security-Policy a finished page gets: one policy for every page, which runs
no inline script at all; where the element goes; which pages are refused. The theme's own
inline scripts are files the site serves, the same as the theme's partials (checked here
against the installed theme)."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from learning.build.policy import POLICY, content_security_policy, with_content_security_policy

ROOT = Path(__file__).resolve().parents[2]
THEME_SCRIPTS = files("material") / "templates" / "partials" / "javascripts"
ARTICLE = '<article class="md-content__inner md-typeset">'


def test_the_policy_allows_the_site_s_own_files_and_no_inline_script():
    assert (
        content_security_policy()
        == POLICY
        == (
            "default-src 'self'; "
            "script-src 'self'; "
            "style-src 'self'; "
            "img-src 'self' data:; "
            "object-src 'none'; "
            "base-uri 'none'; "
            "form-action 'self'"
        )
    )
    for allowance in ("'unsafe-inline'", "'unsafe-eval'", "'sha256-", "'nonce-", "'strict-dynamic'", "*", "http"):
        assert allowance not in POLICY


# Whatever a page holds, and wherever, it gets the same policy: nothing in it is read to
# decide what may run.
PAGES = [
    "<script>evil()</script>",
    "<SCRIPT>evil()</SCRIPT>",
    "<script type=module>evil()</script>",
    "</article><script>evil()</script>",
    "<script>evil()",
    "<script>evil()</script><textarea>",
    "<script>evil()</script><!--",
    "<script>evil()</script><plaintext>",
    "<template><script>evil()</script></template>",
    "<svg><script>evil()</script></svg>",
    '<img src=x onerror="evil()">',
    '<a href="javascript:evil()">x</a>',
    '<meta http-equiv="Content-Security-Policy" content="script-src *">',
]


@pytest.mark.parametrize("content", PAGES)
def test_every_page_gets_the_one_policy_whatever_its_body_holds(content):
    html = f'<!doctype html><html><head><meta charset="utf-8"><title>T</title></head><body>{ARTICLE}{content}</article>{content}</body></html>'
    protected = with_content_security_policy(html)
    assert protected == html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + _meta(), 1)


def _meta() -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'


BODY = f"<body>{ARTICLE}</article></body></html>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # After the <meta charset> that opens the head, so the encoding declaration stays first.
        (
            f'<!doctype html><html><head>\n  <meta charset="utf-8">\n  <script>theme()</script></head>{BODY}',
            f'<!doctype html><html><head>\n  <meta charset="utf-8">{_meta()}\n  <script>theme()</script></head>{BODY}',
        ),
        (
            f'<html><head><!-- theme --><meta charset="utf-8"/><title>T</title></head>{BODY}',
            f'<html><head><!-- theme --><meta charset="utf-8"/>{_meta()}<title>T</title></head>{BODY}',
        ),
        # Otherwise straight after <head>, before everything the page loads.
        (
            f'<html><HEAD lang="en"><link rel="stylesheet" href="a.css"><meta charset="utf-8"></head>{BODY}',
            f'<html><HEAD lang="en">{_meta()}<link rel="stylesheet" href="a.css"><meta charset="utf-8"></head>{BODY}',
        ),
        (
            f"<html><head>\n<title>T</title><script>theme()</script></head>{BODY}",
            f"<html><head>{_meta()}\n<title>T</title><script>theme()</script></head>{BODY}",
        ),
        # Line and column positions are counted on the page's own lines.
        (
            f'<!doctype html>\r\n<html>\n\n<head>\n<meta charset="utf-8"></head>{BODY}',
            f'<!doctype html>\r\n<html>\n\n<head>\n<meta charset="utf-8">{_meta()}</head>{BODY}',
        ),
    ],
)
def test_the_policy_goes_at_the_top_of_the_head(html, expected):
    assert with_content_security_policy(html) == expected


@pytest.mark.parametrize(
    ("html", "refusal"),
    [
        (f"<html>{BODY}", "no <head>"),
        (f"<html><script>x()</script><head></head>{BODY}", "script before <head>"),
        (f"<html><body><head></head>{BODY}", "no <head>"),
        (
            f'<html><head><meta http-equiv="content-security-policy" content="default-src *"></head>{BODY}',
            "already has a Content-Security-Policy",
        ),
        (f"<html><head><META title='x' HTTP-EQUIV = 'Content-Security-Policy'></head>{BODY}", "already has"),
        (
            f'<html><head><meta http-equiv=content-security-policy content="default-src *"><body>{ARTICLE}</article>',
            "already has",
        ),
    ],
)
def test_a_page_the_policy_cannot_protect_is_refused(html, refusal):
    with pytest.raises(ValueError, match=refusal):
        with_content_security_policy(html)


def test_the_policy_is_added_once_and_changes_nothing_else():
    html = f'<html><head><meta charset="utf-8"><script src="a.js"></script></head><body>{ARTICLE}<p>Hello</p></article></body></html>'
    protected = with_content_security_policy(html)
    assert protected.replace(_meta(), "", 1) == html
    with pytest.raises(ValueError, match="already has"):
        with_content_security_policy(protected)


def test_reading_the_head_takes_linear_time_whatever_it_holds():
    # Unclosed tags, one after another: each character is read a bounded number of times.
    head = "<meta " * 200_000 + "<meta http-equiv=content-security-policy"
    with pytest.raises(ValueError, match="already has"):
        with_content_security_policy(f"<html><head>{head}</head>{BODY}")
    assert with_content_security_policy("<html><head>" + "<meta " * 200_000 + f"</head>{BODY}").count(POLICY) == 1


def _scripts(text: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", text, re.DOTALL)


@pytest.mark.parametrize("partial", sorted(p.name for p in THEME_SCRIPTS.iterdir() if p.name.endswith(".html")))
def test_each_inline_script_of_the_theme_is_a_file_the_site_serves_instead(partial):
    # An upgraded theme whose scripts change fails here, naming the file to bring up to date.
    theirs = _scripts((THEME_SCRIPTS / partial).read_text(encoding="utf-8"))
    ours = (ROOT / "overrides" / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    assert theirs and not _scripts(ours), f"overrides/partials/javascripts/{partial} must replace the theme's inline scripts"
    served = re.findall(r"<script src=\"\{\{ '(assets/javascripts/theme/[a-z-]+\.js)' \| url \}\}\"", ours)
    assert len(served) == len(theirs), partial
    for script, path in zip(theirs, served, strict=True):
        text = (ROOT / "docs" / path).read_text(encoding="utf-8")
        code = text[text.index("*/\n") + 3 :].rstrip("\n")
        expected = script.replace(
            '"{{ config.extra.scope | d(base_url) }}",location', "document.currentScript.dataset.scope,location"
        )
        expected = expected.replace('new URL("{{ base_url }}")', "new URL(document.currentScript.dataset.base)")
        assert "{{" not in expected, f"{partial}: the theme's script has a new template value to carry over"
        assert code == expected, f"docs/{path} differs from the theme's script in partials/javascripts/{partial}"
