"""The small edits of Material's HTML (htmlpost.py), on exact inputs."""

from __future__ import annotations

from praxis_kb.site import htmlpost


def test_checkboxes_lose_autocomplete_and_other_inputs_keep_it() -> None:
    html = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off"><input type="text" autocomplete="off">'
    assert htmlpost.fix_theme_markup(html) == '<input class="md-toggle" type="checkbox" id="__drawer"><input type="text" autocomplete="off">'


def test_empty_tabindex_goes_with_the_space_before_it() -> None:
    html = '<label class="md-nav__link" for="x" id="x_label"\n        tabindex="">Nav</label><input id="x"><p>tabindex="" as text</p>'
    assert htmlpost.fix_theme_markup(html) == '<label class="md-nav__link" for="x" id="x_label">Nav</label><input id="x"><p>tabindex="" as text</p>'


def test_a_label_for_a_missing_toggle_loses_its_for() -> None:
    html = '<label class="md-nav__link" for="__toc">Inhalt</label><label for="__nav_2">Hier</label><input type="checkbox" id="__nav_2">'
    assert htmlpost.fix_theme_markup(html) == '<label class="md-nav__link">Inhalt</label><label for="__nav_2">Hier</label><input type="checkbox" id="__nav_2">'


def test_a_page_without_anything_to_fix_stays_as_it_is() -> None:
    html = "<main><p>Text</p></main>"
    assert htmlpost.fix_theme_markup(html) == html


def test_the_header_title_of_an_untranslated_page_is_marked_as_german() -> None:
    html = '<div class="md-header__topic" data-md-component="header-topic">\n          <span class="md-ellipsis">Über</span>'
    assert htmlpost.mark_title_language(html, "de").endswith('<span class="md-ellipsis" lang="de" dir="ltr">Über</span>')
    assert htmlpost.mark_title_language("<p>no header</p>", "de") == "<p>no header</p>"


def test_the_phone_menu_label_gets_a_named_button_inside() -> None:
    html = '<label class="md-header__button md-icon" for="__drawer">\n<svg></svg>\n</label><label for="__drawer">x</label>'
    done = htmlpost.keyboard_menu_button(html, "Menü <&>")
    assert done.startswith(
        '<label class="md-header__button md-icon" for="__drawer"><span class="pk-menu-button" tabindex="0" role="button" aria-label="Menü &lt;&amp;&gt;" aria-expanded="false">\n<svg></svg>\n</span></label>'
    )
    assert done.endswith('<label for="__drawer">x</label>')  # the drawer's own label stays as it is
    assert htmlpost.keyboard_menu_button("<p>no header</p>", "Menü") == "<p>no header</p>"


def test_the_site_name_is_marked_german_and_left_to_right() -> None:
    html = '<div class="md-header__topic">\n          <span class="md-ellipsis">\n Praxiswissen'
    assert htmlpost.mark_site_name(html, "de") == '<div class="md-header__topic">\n          <span class="md-ellipsis" lang="de" dir="ltr">\n Praxiswissen'


def test_heading_anchors_stay_out_of_the_search_index() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
    assert htmlpost.unsearchable_headerlinks(html) == '<h2 id="a">A<a class="headerlink" data-pagefind-ignore href="#a" title="Permanent link">¶</a></h2>'


def test_a_page_that_says_so_stays_out_of_the_search() -> None:
    page = '<article class="md-content__inner md-typeset"><h1 data-pk-unsearchable>Alle – Seite 2</h1></article>'
    assert htmlpost.mark_search_body(page) == page
    assert "data-pagefind-body" in htmlpost.mark_search_body('<article class="md-content__inner md-typeset"><h1>A</h1></article>')
