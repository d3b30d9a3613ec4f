"""The Content-Security-Policy a finished page gets: where the element goes, which inline
scripts are hashed (the theme's, never the content area's, however the content is written)
and which pages are refused. Expected hashes are written out, as ``openssl dgst -sha256
-binary | base64`` gives them for the script's UTF-8 text."""

from __future__ import annotations

import pytest

from learning.build.policy import (
    content_security_policy,
    script_hash,
    theme_script_hashes,
    with_content_security_policy,
)

EMPTY = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
THEME = "sha256-Rfr3GgHZFiXm+TmNr+li+0sZ4J9FGllo8jsXcJF5XZ8="  # theme()
AFTER = "sha256-a1gNZ2Izyv8QHY4EGivVaYLMhSZ4UJcp84iKTV+FO7w="  # after()
EVIL = "sha256-HD1jgiOUGdQw9/CUjocrllDng4vPgh6k2/wliwrrhRs="  # evil()

HEAD = '<!doctype html><html><head><meta charset="utf-8"><script>theme()</script></head><body>'
ARTICLE = '<article class="md-content__inner md-typeset">'


def page(content: str = "", *, before: str = "", after: str = "<script>after()</script>") -> str:
    """A page shaped like the theme's: a head script, the content area, a script after it."""
    return f"{HEAD}{before}{ARTICLE}{content}</article>{after}</body></html>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", EMPTY),
        ("theme()", THEME),
        ("a\nb", "sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg="),
        # A browser reads CR LF and a lone CR as LF, and NUL as U+FFFD, before hashing.
        ("a\r\nb", "sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg="),
        ("a\rb", "sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg="),
        ("\0", "sha256-g9VEzMIjwFfSv4DT8qMpgsMsPA244mdIINpQZHg/sJc="),
        ("café()", "sha256-urSxSid/DGStMoOuP1VLW9gyCjieCwamKacN95uq5QQ="),
    ],
)
def test_a_script_is_hashed_as_a_browser_hashes_it(text, expected):
    assert script_hash(text) == expected


# Whatever a contributor writes in the content area, only the theme's scripts are hashed.
ATTACKS = [
    "<script>evil()</script>",
    "<SCRIPT>evil()</SCRIPT>",
    "<script type=module>evil()</script>",
    # Closing the content area early, in any spelling, does not end it.
    "</article><script>evil()</script>",
    "</ARTICLE ><script>evil()</script>",
    "</article></div></div></main><script>evil()</script>",
    # Nor does opening another content area and closing it.
    f"{ARTICLE}</article></article><script>evil()</script>",
    # Markup that would swallow the theme's </article> cannot make a later script look
    # like the theme's: the text after the content area is read from a clean start.
    "<script>evil()",
    "<script>evil()</script><textarea>",
    "<script>evil()</script><!--",
    "<script>evil()</script><title>",
    "<script>evil()</script><plaintext>",
    "<script>evil()</script><style>",
    "<script>evil()</script><![CDATA[",
    "<script>evil()</script><template>",
    "<script>evil()</script><svg>",
    # Scripts hidden in places that never run, and scripts split across attributes.
    "<template><script>evil()</script></template>",
    "<!-- <script>evil()</script> -->",
    '<img alt="<script>evil()</script>">',
    '<img title="<scr" alt="ipt>evil()</script>">',
    "<scr<script>ipt>evil()</script>",
    "<noscript><script>evil()</script></noscript>",
    "<svg><script>evil()</script></svg>",
    "<math><script>evil()</script></math>",
    # Handlers and javascript: URLs are not scripts; the policy blocks them by having no 'unsafe-inline'.
    '<img src=x onerror="evil()">',
    '<a href="javascript:evil()">x</a>',
]


@pytest.mark.parametrize("content", ATTACKS)
def test_no_script_in_the_content_area_is_hashed(content):
    assert theme_script_hashes(page(content)) == (THEME, AFTER)


@pytest.mark.parametrize(
    ("outside", "expected"),
    [
        ("<script>evil()</script>", (THEME, EVIL, AFTER)),
        ("<script>theme()</script>", (THEME, AFTER)),  # each hash once
        ("<SCRIPT>evil()</SCRIPT>", (THEME, EVIL, AFTER)),
        ("<nav><a>x</a></nav><script>evil()</script><nav><a>y</a></nav>", (THEME, EVIL, AFTER)),
        ('<script>evil()</script><a title="<script>">x</a><p>', (THEME, EVIL, AFTER)),
        ('<a title="<script>">x</a><script>evil()</script>', (THEME, EVIL, AFTER)),
        ("<script></script>", (THEME, EMPTY, AFTER)),
        ('<script type="">evil()</script>', (THEME, EVIL, AFTER)),
        ('<script type=" Text/JavaScript ">evil()</script>', (THEME, EVIL, AFTER)),
        ('<script type="application/x-javascript">evil()</script>', (THEME, EVIL, AFTER)),
        ('<script type="MODULE">evil()</script>', (THEME, EVIL, AFTER)),
        ('<script language="JavaScript">evil()</script>', (THEME, EVIL, AFTER)),
        ('<script language="">evil()</script>', (THEME, EVIL, AFTER)),
        ("<script/>evil()</script>", (THEME, EVIL, AFTER)),
        # A browser keeps the first of repeated attributes.
        ('<script type="module" type="application/json">evil()</script>', (THEME, EVIL, AFTER)),
        # Data blocks and external scripts are not inline JavaScript.
        ('<script id="__config" type="application/json">{"evil": 1}</script>', (THEME, AFTER)),
        ('<script type="text/javascript; charset=utf-8">evil()</script>', (THEME, AFTER)),
        ('<script type="importmap">{}</script>', (THEME, AFTER)),
        ('<script language="vbscript">evil()</script>', (THEME, AFTER)),
        ('<script type="application/json" type="module">evil()</script>', (THEME, AFTER)),
        ('<script src="site.js"></script>', (THEME, AFTER)),
        ("<script src>evil()</script>", (THEME, AFTER)),
        # Elements whose content never runs as a script.
        ("<template><script>evil()</script></template>", (THEME, AFTER)),
        ("<template><template></template><script>evil()</script></template>", (THEME, AFTER)),
        ("<!-- <script>evil()</script> -->", (THEME, AFTER)),
        ("<title><script>evil()</script></title>", (THEME, AFTER)),
        ("<textarea><script>evil()</script></textarea>", (THEME, AFTER)),
        ("<noscript><script>evil()</script></noscript>", (THEME, AFTER)),
        ("<xmp><script>evil()</script></xmp>", (THEME, AFTER)),
        ("<iframe><script>evil()</script></iframe>", (THEME, AFTER)),
        ('<img alt="<script>evil()</script>">', (THEME, AFTER)),
        ("<plaintext><script>evil()</script>", (THEME, AFTER)),
        # The content area's start tag written earlier, even inside an attribute, starts it earlier.
        (f"<p title='{ARTICLE}'>x</p><script>evil()</script>", (THEME, AFTER)),
        # Scripts inside SVG or MathML are left alone; an HTML script after them is not.
        ("<svg><script>evil()</script></svg>", (THEME, AFTER)),
        ("<svg><svg></svg><script>evil()</script></svg>", (THEME, AFTER)),
        ("<svg/><script>evil()</script>", (THEME, EVIL, AFTER)),
        ("<svg><path/></svg><script>evil()</script>", (THEME, EVIL, AFTER)),
        ("<svg><script/></svg><script>evil()</script>", (THEME, EVIL, AFTER)),
    ],
)
def test_inline_javascript_outside_the_content_area_is_hashed(outside, expected):
    assert theme_script_hashes(page(before=outside)) == expected


def test_a_script_that_is_never_closed_is_not_hashed():
    assert theme_script_hashes(page(after="<script>after()")) == (THEME,)


def test_the_policy_allows_the_site_itself_and_the_theme_scripts_hashes():
    assert content_security_policy(page("<script>evil()</script>")) == (
        "default-src 'self'; "
        f"script-src 'self' '{THEME}' '{AFTER}'; "
        "style-src 'self'; "
        "img-src 'self' data:; "
        "object-src 'none'; "
        "base-uri 'none'; "
        "form-action 'self'"
    )


def test_a_page_without_inline_scripts_allows_the_site_s_scripts_only():
    html = f'<html><head><meta charset="utf-8"></head><body>{ARTICLE}</article><script src="a.js"></script></body></html>'
    assert "script-src 'self'; " in content_security_policy(html)


def _meta(*hashes: str) -> str:
    scripts = " ".join(f"'{h}'" for h in hashes)
    return (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        f"script-src 'self'{' ' if scripts else ''}{scripts}; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'\">"
    )


BODY = f"<body>{ARTICLE}</article></body></html>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # After the <meta charset> that opens the head, so the encoding declaration stays first.
        (
            f'<!doctype html><html><head>\n  <meta charset="utf-8">\n  <script>theme()</script></head>{BODY}',
            f'<!doctype html><html><head>\n  <meta charset="utf-8">{_meta(THEME)}\n  <script>theme()</script></head>{BODY}',
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
            f"<html><head>{_meta(THEME)}\n<title>T</title><script>theme()</script></head>{BODY}",
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
        ("<html><head><script>theme()</script></head><body><article>x</article></body></html>", "no <article"),
        ('<html><head></head><body><article class="md-content__inner-wide">x</article></body></html>', "no <article"),
        (f"<html><head></head><body>{ARTICLE}x</body></html>", "never closed"),
        (
            f'<html><head><meta http-equiv="content-security-policy" content="default-src *"></head>{BODY}',
            "already has a Content-Security-Policy",
        ),
    ],
)
def test_a_page_the_policy_cannot_protect_is_refused(html, refusal):
    with pytest.raises(ValueError, match=refusal):
        with_content_security_policy(html)


def test_the_policy_is_added_once_and_changes_nothing_else():
    html = page("<p>Hello</p>")
    protected = with_content_security_policy(html)
    assert protected.replace(_meta(THEME, AFTER), "", 1) == html
    with pytest.raises(ValueError, match="already has"):
        with_content_security_policy(protected)
