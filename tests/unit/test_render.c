/*
 * Unit tests of the render stage: escaping and wrapping of user text for
 * each label kind, view and format names, the atomic writer, every view of
 * the Umeå model and of a model of hostile names, DOT that re-parses to the
 * same nodes, byte-identical output, the magic bytes of PNG and PDF, the
 * finding marks, and the CSV and HTML tables.
 */
#include <errno.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "render/render_internal.h"
#include "util/atomic.h"

#define UMEA SV_SOURCE_DIR "/models/umea-2024.yaml"
#define HOSTILE SV_SOURCE_DIR "/tests/data/good/unicode-and-markup-names.yaml"
#define PROJECTS SV_SOURCE_DIR "/tests/data/good/format-1-1-projects.yaml"

static sv_model *load_file(const char *path)
{
    sv_diags diags;
    sv_diags_init(&diags);
    sv_model *model = NULL;
    int r = sv_model_load(&model, path, NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        print_error("%s\n", diags.items[i].message);
    sv_diags_free(&diags);
    assert_int_equal(r, 0);
    return model;
}

static char *escaped(sv_esc esc, const char *text, size_t max, size_t wrap, size_t lines)
{
    sv_sb sb;
    sv_sb_init(&sb);
    sv_sb_user(&sb, esc, text, max, wrap, lines);
    char *out = strdup(sv_sb_text(&sb));
    sv_sb_free(&sb);
    return out;
}

/* ---- escaping ---- */

static void test_escape_html(void **state)
{
    (void)state;
    char *s = escaped(SV_ESC_HTML, "<b>a</b> & \"q\" 'x' \\N {|}", 200, 0, 1);
    assert_string_equal(s, "&lt;b&gt;a&lt;/b&gt; &amp; &quot;q&quot; &#39;x&#39; \\\\N {|}");
    free(s);
    /* an entity in the text stays literal: its & is encoded */
    s = escaped(SV_ESC_HTML, "&amp; &lt;", 200, 0, 1);
    assert_string_equal(s, "&amp;amp; &amp;lt;");
    free(s);
}

static void test_escape_plain(void **state)
{
    (void)state;
    /* escString: backslashes doubled; & encoded because Graphviz decodes
     * entities in plain labels too; < > " left to Graphviz's own writers */
    char *s = escaped(SV_ESC_PLAIN, "Team \\N på \\G & <x> \"y\"", 200, 0, 1);
    assert_string_equal(s, "Team \\\\N på \\\\G &amp; <x> \"y\"");
    free(s);
}

static void test_escape_controls_and_breaks(void **state)
{
    (void)state;
    /* control characters become U+FFFD, a tab a space, a newline a break */
    char *s = escaped(SV_ESC_HTML, "a\x01" "b\tc\nd", 200, 0, 4);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b c<BR/>d");
    free(s);
    s = escaped(SV_ESC_PLAIN, "a\nb", 200, 0, 4);
    assert_string_equal(s, "a\\nb");
    free(s);
    /* U+2028 (line separator) is a break too; NEL (U+0085) as well */
    s = escaped(SV_ESC_DOC, "a\xE2\x80\xA8" "b\xC2\x85" "c", 200, 0, 4);
    assert_string_equal(s, "a b c");
    free(s);
}

static void test_wrap_and_caps(void **state)
{
    (void)state;
    char *s = escaped(SV_ESC_HTML, "one two three four five", 200, 9, 10);
    assert_string_equal(s, "one two<BR/>three<BR/>four five");
    free(s);
    /* never inside a word: a word longer than the line stays whole on a
       line of its own (the RACI headers wrap at 16) */
    s = escaped(SV_ESC_HTML, "Arbetsmarknadsavdelningen Umeå", 200, 16, 10);
    assert_string_equal(s, "Arbetsmarknadsavdelningen<BR/>Umeå");
    free(s);
    /* after a hyphen, which stays at the end of the line */
    s = escaped(SV_ESC_HTML, "Gymnasie- och vuxenutbildningsnämnden", 200, 16, 10);
    assert_string_equal(s, "Gymnasie- och<BR/>vuxenutbildningsnämnden");
    free(s);
    s = escaped(SV_ESC_HTML, "Individ-och-familjeomsorg", 200, 16, 10);
    assert_string_equal(s, "Individ-och-<BR/>familjeomsorg");
    free(s);
    s = escaped(SV_ESC_HTML, "Arbetsmarknads-avdelningen", 200, 8, 10);
    assert_string_equal(s, "Arbetsmarknads-<BR/>avdelningen");
    free(s);
    /* only a "word" longer than SV_WORD_MAX (40) is cut, at 40 */
    s = escaped(SV_ESC_HTML, "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee", 200, 16, 10);
    assert_string_equal(s, "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd<BR/>eeeee");
    free(s);
    /* at most max_lines, then an ellipsis */
    s = escaped(SV_ESC_HTML, "aa bb cc dd", 200, 2, 2);
    assert_string_equal(s, "aa<BR/>bb\xE2\x80\xA6");
    free(s);
    /* at most max_chars code points (å is one), then an ellipsis */
    s = escaped(SV_ESC_PLAIN, "åäöåäö", 3, 0, 1);
    assert_string_equal(s, "åäö\xE2\x80\xA6");
    free(s);
    /* a label of 40,000 lines (Graphviz 2.42 crashes at 32,769) is capped */
    size_t n = 80000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i += 2) {
        big[i] = 'x';
        big[i + 1] = '\n';
    }
    big[n] = '\0';
    s = escaped(SV_ESC_HTML, big, SV_NOTE_MAX, SV_WRAP, SV_NAME_LINES);
    size_t breaks = 0;
    for (const char *c = s; (c = strstr(c, "<BR/>")) != NULL; c++)
        breaks++;
    assert_int_equal(breaks, SV_NAME_LINES - 1);
    free(s);
    free(big);
}

/* ---- names ---- */

static void test_view_parse(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_view v;
    const char *hint;
    assert_int_equal(sv_view_parse(&v, m, "governance", &hint), SV_VIEW_OK);
    assert_int_equal(v.kind, SV_VIEW_GOVERNANCE);
    assert_int_equal(sv_view_parse(&v, m, "process:torgprocessen", &hint), SV_VIEW_OK);
    assert_int_equal(v.kind, SV_VIEW_PROCESS);
    assert_int_equal(v.element, sv_model_find(m, "torgprocessen"));
    assert_int_equal(sv_view_parse(&v, m, "process:torgprocesen", &hint), SV_VIEW_NO_ELEMENT);
    assert_string_equal(hint, "torgprocessen");
    assert_int_equal(sv_view_parse(&v, m, "process:gvn", &hint), SV_VIEW_WRONG_KIND);
    assert_int_equal(sv_view_parse(&v, m, "party:gvn", &hint), SV_VIEW_OK);
    assert_int_equal(sv_view_parse(&v, m, "party", &hint), SV_VIEW_NEEDS_ID);
    assert_int_equal(sv_view_parse(&v, m, "raci:x", &hint), SV_VIEW_TAKES_NO_ID);
    assert_int_equal(sv_view_parse(&v, m, "governence", &hint), SV_VIEW_UNKNOWN);
    assert_string_equal(hint, "governance");
    sv_model_free(m);
}

static void test_format_names(void **state)
{
    (void)state;
    sv_render_format f;
    assert_true(sv_render_format_from_path("out/x.SVG", &f));
    assert_int_equal(f, SV_RENDER_SVG);
    assert_true(sv_render_format_from_path("a.b/x.gv", &f));
    assert_int_equal(f, SV_RENDER_DOT);
    assert_true(sv_render_format_from_path("x.htm", &f));
    assert_int_equal(f, SV_RENDER_HTML);
    assert_false(sv_render_format_from_path("a.svg/x", &f));
    assert_false(sv_render_format_from_path("x.svgz", &f));
    assert_true(sv_render_format_parse("pdf", &f));
    assert_int_equal(f, SV_RENDER_PDF);
    assert_false(sv_render_format_parse("jpeg", &f));
    assert_true(sv_render_format_is_binary(SV_RENDER_PNG));
    assert_false(sv_render_format_is_binary(SV_RENDER_DOT));
}

/* ---- the atomic writer ---- */

static char tmpdir[64];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/sv-render-test.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static size_t entries_in(const char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    if (p) {
        if (fscanf(p, "%zu", &n) != 1)
            n = 0;
        pclose(p);
    }
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_atomic_write(void **state)
{
    (void)state;
    char path[128], input[128], link_path[128], hard[128], msg[256];
    snprintf(path, sizeof path, "%s/out.svg", tmpdir);
    snprintf(input, sizeof input, "%s/model.yaml", tmpdir);
    snprintf(link_path, sizeof link_path, "%s/link.svg", tmpdir);
    snprintf(hard, sizeof hard, "%s/hard.svg", tmpdir);
    FILE *f = fopen(input, "w");
    fputs("model", f);
    fclose(f);
    const char *inputs[] = {input};
    /* a new file, then replaced */
    assert_int_equal(sv_write_atomic(path, "one", 3, inputs, 1, msg, sizeof msg), 0);
    assert_int_equal(sv_write_atomic(path, "second", 6, inputs, 1, msg, sizeof msg), 0);
    size_t len;
    char *got = slurp(path, &len);
    assert_int_equal(len, 6);
    assert_memory_equal(got, "second", 6);
    free(got);
    /* never over an input: by its name, a symbolic link or a hard link */
    assert_int_equal(sv_write_atomic(input, "x", 1, inputs, 1, msg, sizeof msg), -1);
    assert_int_equal(symlink(input, link_path), 0);
    assert_int_equal(sv_write_atomic(link_path, "x", 1, inputs, 1, msg, sizeof msg), -1);
    assert_int_equal(link(input, hard), 0);
    assert_int_equal(sv_write_atomic(hard, "x", 1, inputs, 1, msg, sizeof msg), -1);
    got = slurp(input, &len);
    assert_int_equal(len, 5);
    assert_memory_equal(got, "model", 5);
    free(got);
    /* 5 entries: model, out, link, hard ... and no temporary file */
    assert_int_equal(entries_in(tmpdir), 4);
    /* failures leave nothing behind: a directory as target, a missing directory */
    char sub[128];
    snprintf(sub, sizeof sub, "%s/dir", tmpdir);
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(sv_write_atomic(sub, "x", 1, NULL, 0, msg, sizeof msg), -1);
    snprintf(sub, sizeof sub, "%s/missing/out.svg", tmpdir);
    assert_int_equal(sv_write_atomic(sub, "x", 1, NULL, 0, msg, sizeof msg), -1);
    assert_int_equal(entries_in(tmpdir), 5);
    snprintf(sub, sizeof sub, "%s/dir", tmpdir);
    assert_int_equal(entries_in(sub), 0);
}

/* ---- views ---- */

static char *render(const sv_model *m, const char *view, sv_render_format format,
                    const sv_findings *findings, size_t *len)
{
    sv_render_options o = {.format = format, .findings = findings};
    const char *hint;
    assert_int_equal(sv_view_parse(&o.view, m, view, &hint), SV_VIEW_OK);
    sv_diags diags;
    sv_diags_init(&diags);
    char *out = NULL;
    size_t n = 0;
    int r = sv_render(&out, &n, m, &o, &diags);
    for (size_t i = 0; i < diags.count; i++)
        print_error("%s: %s\n", view, diags.items[i].message);
    sv_diags_free(&diags);
    assert_int_equal(r, 0);
    assert_non_null(out);
    assert_true(n > 0);
    if (len)
        *len = n;
    return out;
}

static const char *const umea_views[] = {"governance", "process:torgprocessen",
                                         "process:matchen", "process:tidigt-skede", "raci",
                                         "party:gvn", "party:arbetsformedlingen", "reporting"};
static const char *const hostile_views[] = {"governance", "raci", "party:umea", "party:markup",
                                            "party:graphviz", "reporting"};

/* The DOT output re-parses (agmemread) to the graph that was built, node
 * for node. */
static void assert_dot_reparses(const sv_model *m, const char *view)
{
    sv_render_options o = {.format = SV_RENDER_DOT};
    const char *hint;
    assert_int_equal(sv_view_parse(&o.view, m, view, &hint), SV_VIEW_OK);
    sv_diags diags;
    sv_diags_init(&diags);
    Agraph_t *built = sv_render_build(m, &o, &diags);
    assert_non_null(built);
    char *dot = render(m, view, SV_RENDER_DOT, NULL, NULL);
    Agraph_t *read = agmemread(dot);
    assert_non_null(read);
    assert_int_equal(agnnodes(read), agnnodes(built));
    assert_int_equal(agnedges(read), agnedges(built));
    for (Agnode_t *n = agfstnode(built); n; n = agnxtnode(built, n)) {
        Agnode_t *same = agnode(read, agnameof(n), 0);
        assert_non_null(same);
        /* and the label, byte for byte */
        assert_string_equal(agget(same, "label"), agget(n, "label"));
    }
    agclose(read);
    agclose(built);
    free(dot);
    sv_diags_free(&diags);
}

static void test_views_umea(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    for (size_t i = 0; i < sizeof umea_views / sizeof umea_views[0]; i++) {
        size_t a_len, b_len;
        char *a = render(m, umea_views[i], SV_RENDER_SVG, NULL, &a_len);
        char *b = render(m, umea_views[i], SV_RENDER_SVG, NULL, &b_len);
        assert_true(strstr(a, "<svg") != NULL);
        assert_int_equal(a_len, b_len); /* deterministic */
        assert_memory_equal(a, b, a_len);
        assert_null(strstr(a, "<script"));
        free(a);
        free(b);
        assert_dot_reparses(m, umea_views[i]);
    }
    sv_model_free(m);
}


/* Format 1.1: the governance view labels a body written once for many with
 * its count and draws each project as a box with a dashed line to its
 * steering group. */
static void test_governance_projects(void **state)
{
    (void)state;
    sv_model *m = load_file(PROJECTS);
    char *dot = render(m, "governance", SV_RENDER_DOT, NULL, NULL);
    /* two municipalities, two projects, two listed parties */
    size_t times = 0;
    for (const char *at = dot; (at = strstr(at, "\xC3\x97 2")); at++)
        times++;
    assert_int_equal(times, 3);
    assert_non_null(strstr(dot, "Lumena (ESF)"));
    assert_non_null(strstr(dot, "Stödinsats för unga"));
    assert_non_null(strstr(dot, "\"styrgrupp-lumena\" -> lumena\t"));
    assert_non_null(strstr(dot, "\"styrgrupp-lumena\" -> stodinsats\t"));
    assert_non_null(strstr(dot, "until 2022-12-31"));
    free(dot);
    assert_dot_reparses(m, "governance");
    sv_model_free(m);
}

static void test_views_hostile_names(void **state)
{
    (void)state;
    sv_model *m = load_file(HOSTILE);
    for (size_t i = 0; i < sizeof hostile_views / sizeof hostile_views[0]; i++) {
        char *svg = render(m, hostile_views[i], SV_RENDER_SVG, NULL, NULL);
        /* the markup is text, never an element */
        assert_null(strstr(svg, "<b>"));
        assert_null(strstr(svg, "<script"));
        assert_null(strstr(svg, "<tr>"));
        free(svg);
        assert_dot_reparses(m, hostile_views[i]);
    }
    /* the names literally, in the SVG's own escaping */
    char *svg = render(m, "party:markup", SV_RENDER_SVG, NULL, NULL);
    assert_non_null(strstr(svg, "&lt;b&gt;Fet&lt;/b&gt; &amp; &lt;i&gt;kursiv&lt;/i&gt;"));
    assert_non_null(strstr(svg, "&amp;amp; &amp;lt;script&amp;gt;"));
    free(svg);
    svg = render(m, "party:graphviz", SV_RENDER_SVG, NULL, NULL);
    assert_non_null(strstr(svg, "Team \\N på \\G med \\L och \\n"));
    free(svg);
    sv_model_free(m);
}

static uint32_t be32(const unsigned char *at)
{
    return (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 | at[3];
}

/* The pixels per metre of a PNG's pHYs chunk, read by walking the chunks
 * and checking each one's CRC; 0 when it has none before the first IDAT. */
static uint32_t png_per_metre(const char *data, size_t len)
{
    const unsigned char *png = (const unsigned char *)data;
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t n = be32(png + at);
        assert_true(n <= len - at - 12);
        uint32_t crc = 0xFFFFFFFFu;
        for (size_t i = at + 4; i < at + 8 + n; i++) {
            crc ^= png[i];
            for (int k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
        assert_int_equal(crc ^ 0xFFFFFFFFu, be32(png + at + 8 + n));
        if (memcmp(png + at + 4, "IDAT", 4) == 0)
            return 0;
        if (memcmp(png + at + 4, "pHYs", 4) == 0) {
            assert_int_equal(n, 9);
            assert_int_equal(be32(png + at + 8), be32(png + at + 12)); /* square pixels */
            assert_int_equal(png[at + 16], 1);                         /* per metre */
            return be32(png + at + 8);
        }
        at += 12 + (size_t)n;
    }
    return 0;
}

static void test_binary_formats(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    size_t a_len, b_len;
    char *a = render(m, "governance", SV_RENDER_PNG, NULL, &a_len);
    char *b = render(m, "governance", SV_RENDER_PNG, NULL, &b_len);
    assert_memory_equal(a, "\x89PNG\r\n\x1a\n", 8);
    /* the 150 dpi docs/diagrams.md promises: 150 / 0.0254 m = 5906 px/m */
    assert_int_equal(png_per_metre(a, a_len), 5906);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    free(a);
    free(b);
    a = render(m, "process:matchen", SV_RENDER_PDF, NULL, &a_len);
    sleep(1); /* cairo's time stamp would differ now */
    b = render(m, "process:matchen", SV_RENDER_PDF, NULL, &b_len);
    assert_memory_equal(a, "%PDF-", 5);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    free(a);
    free(b);
    sv_model_free(m);
}

static int embedder_errf(char *text)
{
    (void)text;
    return 0;
}

/* options.in_process: the layout in the calling process gives the child's
 * bytes, for SVG, PNG (with its dpi) and PDF, and puts back the error
 * function the program had given Graphviz. */
static void test_in_process_same_as_child(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    size_t dot_len;
    char *dot_before = render(m, "governance", SV_RENDER_DOT, NULL, &dot_len);
    agusererrf before = agseterrf(embedder_errf);
    const struct {
        const char *view;
        sv_render_format format;
    } cases[] = {{"governance", SV_RENDER_SVG}, {"process:matchen", SV_RENDER_SVG},
                 {"governance", SV_RENDER_PNG}, {"party:gvn", SV_RENDER_PDF}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t child_len;
        char *child = render(m, cases[i].view, cases[i].format, NULL, &child_len);
        sv_render_options o = {.format = cases[i].format, .in_process = true};
        const char *hint;
        assert_int_equal(sv_view_parse(&o.view, m, cases[i].view, &hint), SV_VIEW_OK);
        sv_diags diags;
        sv_diags_init(&diags);
        char *own = NULL;
        size_t own_len = 0;
        assert_int_equal(sv_render(&own, &own_len, m, &o, &diags), 0);
        assert_int_equal(diags.count, 0);
        if (cases[i].format == SV_RENDER_PDF) {
            /* the same but for the date's time zone, the process's own here */
            assert_memory_equal(own, "%PDF-", 5);
            assert_true(own_len + 16 > child_len && child_len + 16 > own_len);
        } else {
            assert_int_equal(own_len, child_len);
            assert_memory_equal(own, child, child_len);
        }
        assert_int_equal(own[own_len], '\0');
        free(child);
        free(own);
        sv_diags_free(&diags);
    }
    assert_ptr_equal(agseterrf(before), embedder_errf);
    /* what gvContext leaves behind in the process (the default node label
     * "\N" of the graphs opened later) does not change our graphs */
    size_t dot_after_len;
    char *dot_after = render(m, "governance", SV_RENDER_DOT, NULL, &dot_after_len);
    assert_int_equal(dot_after_len, dot_len);
    assert_memory_equal(dot_after, dot_before, dot_len);
    free(dot_before);
    free(dot_after);
    sv_model_free(m);
}

/* The RACI fragment for the report: no document of its own, and a matrix
 * of more than 12 columns set as tables of at most 12. */
static void test_raci_fragment(void **state)
{
    (void)state;
    sv_model *m = load_file(SV_SOURCE_DIR "/tests/data/good/full.yaml");
    sv_render_options o = {.view = {SV_VIEW_RACI, SV_NONE}, .format = SV_RENDER_HTML};
    sv_diags diags;
    sv_diags_init(&diags);
    char *doc = NULL, *frag = NULL;
    size_t n = 0;
    assert_int_equal(sv_render(&doc, &n, m, &o, &diags), 0);
    assert_non_null(strstr(doc, "<!DOCTYPE html>"));
    /* the document: one table with all 13 columns */
    assert_non_null(strstr(doc, "<table class=\"raci\">"));
    assert_null(strstr(strstr(doc, "<table class=\"raci\">") + 1, "<table"));
    o.fragment = true;
    assert_int_equal(sv_render(&frag, &n, m, &o, &diags), 0);
    assert_null(strstr(frag, "<!DOCTYPE"));
    assert_null(strstr(frag, "<html"));
    assert_null(strstr(frag, "<style"));
    assert_null(strstr(frag, "Content-Security-Policy"));
    assert_int_equal(strncmp(frag, "<p class=\"raci-key\">", 20), 0);
    /* 13 columns: a table of 12 and one of 1, each with its column row */
    size_t tables = 0, columns = 0;
    for (const char *p = frag; (p = strstr(p, "<table class=\"raci\">")); p++)
        tables++;
    for (const char *p = frag; (p = strstr(p, "<th class=\"c\">")); p++)
        columns++;
    assert_int_equal(tables, 2);
    assert_int_equal(columns, 13);
    uint64_t bound = 0;
    assert_int_equal(sv_render_estimate(&bound, m, &o, &diags), 0);
    assert_true(bound >= n);
    free(doc);
    free(frag);
    sv_diags_free(&diags);
    sv_model_free(m);
}

static void test_findings_marks(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config config = {0};
    assert_int_equal(sv_rules_run(&findings, m, &config, &diags), 0);
    char *svg = render(m, "process:torgprocessen", SV_RENDER_SVG, &findings, NULL);
    /* the step without an accountable party: red outline, rule in the
     * tooltip (Graphviz writes '-' as &#45; in SVG) */
    assert_non_null(strstr(svg, "[step&#45;without&#45;accountable]"));
    assert_non_null(strstr(svg, "stroke=\"#c00000\"")); /* lower case in SVG */
    free(svg);
    svg = render(m, "governance", SV_RENDER_SVG, &findings, NULL);
    assert_non_null(strstr(svg, "[party&#45;count&#45;mismatch]"));
    free(svg);
    svg = render(m, "raci", SV_RENDER_SVG, &findings, NULL);
    assert_non_null(strstr(svg, "step&#45;without&#45;accountable"));
    free(svg);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    sv_model_free(m);
}

/* The findings index holds each element's unsuppressed findings in their
 * order, and a figure drawn with it is the same, byte for byte, as one
 * that groups the findings itself. */
static void test_findings_index(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config config = {0};
    assert_int_equal(sv_rules_run(&findings, m, &config, &diags), 0);
    sv_findings_index ix;
    assert_int_equal(sv_findings_index_build(&ix, m, &findings), 0);
    size_t indexed = 0, expected = 0;
    for (size_t i = 0; i < findings.count; i++)
        expected += !findings.items[i].suppressed && findings.items[i].element < m->element_count;
    for (sv_id el = 0; el < m->element_count; el++) {
        for (size_t k = ix.from[el]; k < ix.from[el + 1]; k++) {
            const sv_finding *f = &findings.items[ix.at[k]];
            assert_int_equal(f->element, el);
            assert_false(f->suppressed);
            if (k > ix.from[el])
                assert_true(ix.at[k] > ix.at[k - 1]);
            indexed++;
        }
    }
    assert_true(expected > 0);
    assert_int_equal(indexed, expected);
    const char *views[] = {"governance", "process:torgprocessen", "reporting", "party:gvn"};
    for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
        sv_render_options o = {.format = SV_RENDER_DOT, .findings = &findings};
        assert_int_equal(sv_view_parse(&o.view, m, views[v], NULL), SV_VIEW_OK);
        char *own = NULL, *shared = NULL;
        size_t own_len = 0, shared_len = 0;
        assert_int_equal(sv_render(&own, &own_len, m, &o, &diags), 0);
        o.findings_index = &ix;
        assert_int_equal(sv_render(&shared, &shared_len, m, &o, &diags), 0);
        assert_int_equal(own_len, shared_len);
        assert_memory_equal(own, shared, own_len);
        free(own);
        free(shared);
    }
    /* a figure larger than allowed is refused with its size, not drawn */
    sv_render_options o = {.format = SV_RENDER_SVG, .findings = &findings, .findings_index = &ix,
                           .max_figure_nodes = 5, .max_figure_edges = 5};
    assert_int_equal(sv_view_parse(&o.view, m, "governance", NULL), SV_VIEW_OK);
    char *out = NULL;
    size_t n = 0;
    size_t before = diags.count;
    assert_int_equal(sv_render(&out, &n, m, &o, &diags), -1);
    assert_null(out);
    assert_int_equal(diags.count, before + 1);
    assert_string_equal(diags.items[before].code, "figure-too-large");
    assert_non_null(strstr(diags.items[before].message, "samverkan render --view governance"));
    sv_findings_index_free(&ix);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    sv_model_free(m);
}

/* Each view marks only what concerns its subject, and numbers its marks
 * in the order of their first finding, for the list on paper. */
static void test_findings_by_view_numbered(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config config = {0};
    assert_int_equal(sv_rules_run(&findings, m, &config, &diags), 0);
    /* the reporting view draws the steering groups, but their party count
       is no matter of reporting: not marked there (it was before) */
    char *svg = render(m, "reporting", SV_RENDER_SVG, &findings, NULL);
    assert_null(strstr(svg, "party&#45;count&#45;mismatch"));
    assert_non_null(strstr(svg, "[feedback&#45;gap]"));
    free(svg);
    assert_false(sv_render_view_concerns(SV_VIEW_REPORTING, "party-count-mismatch"));
    assert_true(sv_render_view_concerns(SV_VIEW_GOVERNANCE, "party-count-mismatch"));
    assert_false(sv_render_view_concerns(SV_VIEW_GOVERNANCE, "step-without-accountable"));
    assert_true(sv_render_view_concerns(SV_VIEW_RACI, "step-without-accountable"));

    /* governance: three bodies marked, numbered by their first finding */
    sv_render_marks marks = {NULL, 0};
    sv_render_options o = {.format = SV_RENDER_SVG, .findings = &findings, .marks = &marks};
    assert_int_equal(sv_view_parse(&o.view, m, "governance", NULL), SV_VIEW_OK);
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(sv_render(&out, &n, m, &o, &diags), 0);
    assert_int_equal(marks.count, 3);
    assert_string_equal(m->elements[marks.elements[0]].id, "sf-styrelse");
    assert_string_equal(m->elements[marks.elements[1]].id, "styrgrupp-forsorjningsstod");
    assert_string_equal(m->elements[marks.elements[2]].id, "styrgrupp-krami");
    /* the marker beside the box and the numbered entry in the legend */
    assert_non_null(strstr(out, "font-weight=\"bold\" font-size=\"11.00\" fill=\"#c00000\">3</text>"));
    assert_non_null(strstr(out, ">3 &#160;Styrgrupp Krami: "));
    free(out);
    sv_render_marks_free(&marks);
    /* the report lists the marks under the figure: not in the legend */
    o.no_marks_list = true;
    o.marks = NULL;
    assert_int_equal(sv_render(&out, &n, m, &o, &diags), 0);
    assert_null(strstr(out, ">3 &#160;Styrgrupp Krami: "));
    assert_non_null(strstr(out, ">3</text>"));
    free(out);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    sv_model_free(m);
}

/* The one table of which view marks which rule: a row for every rule of
 * the catalogue, and docs/diagrams.md shows the same table. */
static void test_view_rules_table(void **state)
{
    (void)state;
    for (size_t r = 0; r < sv_rule_count(); r++) {
        if (sv_render_rule_views(sv_rule_at(r)->name) < 0)
            print_error("render.c has no view row for the rule %s\n", sv_rule_at(r)->name);
        assert_true(sv_render_rule_views(sv_rule_at(r)->name) >= 0);
    }
    assert_int_equal(sv_render_rule_views("no-such-rule"), -1);
    FILE *doc = fopen(SV_SOURCE_DIR "/docs/diagrams.md", "r");
    assert_non_null(doc);
    /* the columns of the docs' table, in order */
    static const int columns[][2] = {{SV_VIEW_GOVERNANCE, SV_VIEW_DIFF},
                                     {SV_VIEW_PROCESS, -1},
                                     {SV_VIEW_RACI, -1},
                                     {SV_VIEW_PARTY, -1},
                                     {SV_VIEW_REPORTING, -1}};
    char line[512];
    size_t rows = 0;
    bool in_table = false;
    while (fgets(line, sizeof line, doc)) {
        if (strncmp(line, "| rule | governance, diff | process | raci | party | reporting |", 63) == 0)
            in_table = true;
        if (!in_table || strncmp(line, "| `", 3) != 0)
            continue;
        char *name = line + 3, *end = strchr(name, '`');
        assert_non_null(end);
        *end = '\0';
        int marked_by = sv_render_rule_views(name);
        assert_true(sv_rule_find(name, NULL) >= 0);
        assert_true(marked_by >= 0);
        char *cell = strchr(end + 1, '|');
        for (size_t c = 0; c < 5; c++) {
            assert_non_null(cell);
            char *next = strchr(cell + 1, '|');
            assert_non_null(next);
            *next = '\0';
            bool ticked = strstr(cell + 1, "\xE2\x9C\x93") != NULL; /* ✓ */
            for (int k = 0; k < 2; k++) {
                if (columns[c][k] < 0)
                    continue;
                if (ticked != ((marked_by >> columns[c][k]) & 1))
                    print_error("docs/diagrams.md and render.c differ: %s in %s\n", name,
                                sv_view_name((sv_view_kind)columns[c][k]));
                assert_int_equal(ticked, (marked_by >> columns[c][k]) & 1);
            }
            cell = next;
        }
        rows++;
    }
    fclose(doc);
    assert_int_equal(rows, sv_rule_count());
}

/* The RACI matrix's column headers break at spaces and after hyphens
 * only: each header, its lines joined again (with a space, or with nothing
 * after a hyphen), is the name of an element of the model. */
static void test_raci_headers_whole_words(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_render_options o = {.format = SV_RENDER_DOT};
    assert_int_equal(sv_view_parse(&o.view, m, "raci", NULL), SV_VIEW_OK);
    sv_diags diags;
    sv_diags_init(&diags);
    Agraph_t *g = sv_render_build(m, &o, &diags);
    assert_non_null(g);
    const char *label = agget(agnode(g, "@raci", 0), "label");
    assert_non_null(label);
    static const char cell[] = "<TD VALIGN=\"BOTTOM\"><FONT POINT-SIZE=\"8\">";
    size_t headers = 0, broken = 0;
    for (const char *at = strstr(label, cell); at; at = strstr(at, cell)) {
        at += sizeof cell - 1;
        const char *end = strstr(at, "</FONT>");
        assert_non_null(end);
        char joined[512];
        size_t n = 0;
        for (const char *c = at; c < end && n + 1 < sizeof joined;) {
            if (strncmp(c, "<BR/>", 5) == 0) {
                broken++;
                if (n == 0 || joined[n - 1] != '-')
                    joined[n++] = ' ';
                c += 5;
            } else {
                joined[n++] = *c++;
            }
        }
        joined[n] = '\0';
        bool found = false;
        for (size_t el = 0; el < m->element_count && !found; el++) {
            sv_sb name;
            sv_sb_init(&name);
            sv_sb_user(&name, SV_ESC_HTML, sv_rc_name(&(sv_rctx){.model = m}, (sv_id)el),
                       SV_NAME_MAX, 0, 1);
            found = strcmp(sv_sb_text(&name), joined) == 0;
            sv_sb_free(&name);
        }
        if (!found)
            print_error("a RACI header broken inside a word: %s\n", joined);
        assert_true(found);
        headers++;
    }
    assert_int_equal(headers, 9); /* the columns of the Umeå matrix */
    assert_true(broken >= 5); /* the test sees wrapped headers */
    agclose(g);
    sv_diags_free(&diags);
    sv_model_free(m);
}

/* The party view of a party with many seats (Umeå's GVN: eleven seats in
 * eight bodies, three processes, eight flows) is legible at the width of
 * an A4 page: scaled to the 481 pt of text width, its smallest text is at
 * least 7 pt (docs/diagrams.md states the size measured). */
static void test_party_view_fits_a4(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config config = {0};
    assert_int_equal(sv_rules_run(&findings, m, &config, &diags), 0);
    char *svg = render(m, "party:gvn", SV_RENDER_SVG, &findings, NULL);
    const char *svg_tag = strstr(svg, "<svg width=\"");
    assert_non_null(svg_tag);
    double width = strtod(svg_tag + 12, NULL);
    assert_true(width > 100);
    double smallest = 1000;
    size_t texts = 0;
    for (const char *at = svg; (at = strstr(at, "font-size=\"")); at++, texts++) {
        double size = strtod(at + 11, NULL);
        if (size < smallest)
            smallest = size;
    }
    assert_true(texts > 100); /* the tables' text, not only the legend */
    double scale = width > 481 ? 481 / width : 1;
    print_message("party:gvn: %.0f pt wide, smallest text %.1f pt, %.1f pt at A4 width\n", width,
                  smallest, smallest * scale);
    assert_true(smallest * scale >= 7.0);
    free(svg);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    sv_model_free(m);
}

/* Every view numbers what it marks, and lists each number in the legend
 * once: also the RACI matrix, whose steps are cells of one table. */
static void test_numbered_in_every_view(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config config = {0};
    assert_int_equal(sv_rules_run(&findings, m, &config, &diags), 0);
    static const struct {
        const char *view;
        size_t marks;
    } expected[] = {{"governance", 3}, {"process:torgprocessen", 3}, {"raci", 2},
                    {"party:gvn", 4},  {"reporting", 1},             {"process:matchen", 0}};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        sv_render_marks marks = {NULL, 0};
        sv_render_options o = {.format = SV_RENDER_SVG, .findings = &findings, .marks = &marks};
        assert_int_equal(sv_view_parse(&o.view, m, expected[i].view, NULL), SV_VIEW_OK);
        char *out = NULL;
        size_t n = 0;
        assert_int_equal(sv_render(&out, &n, m, &o, &diags), 0);
        if (marks.count != expected[i].marks)
            print_error("%s: %zu marks\n", expected[i].view, marks.count);
        assert_int_equal(marks.count, expected[i].marks);
        for (size_t k = 1; k <= marks.count; k++) {
            char entry[32];
            snprintf(entry, sizeof entry, ">%zu &#160;", k);
            assert_non_null(strstr(out, entry));
            assert_null(strstr(strstr(out, entry) + 1, entry)); /* once */
        }
        free(out);
        sv_render_marks_free(&marks);
    }
    /* the RACI matrix writes the number after the step's warning sign */
    char *svg = render(m, "raci", SV_RENDER_SVG, &findings, NULL);
    assert_non_null(strstr(svg, "> \xE2\x9A\xA0 </text>\n<text text-anchor=\"start\""));
    assert_non_null(strstr(svg, "font-weight=\"bold\" font-size=\"10.00\" fill=\"#c00000\">2</text>"));
    free(svg);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    sv_model_free(m);
}

static void test_raci_tables(void **state)
{
    (void)state;
    sv_diags load_diags;
    sv_model *m = load_yaml(MODEL_HEAD
                            "parties:\n"
                            "  - {id: p, name: \"=SUM(A1) & <b>\", kind: agency}\n"
                            "processes:\n"
                            "  - id: pr\n"
                            "    name: \"Pro \\\"cess\\\"\"\n"
                            "    steps:\n"
                            "      - {id: s1, name: Start, kind: start, responsible: p, "
                            "accountable: p, next: s2}\n"
                            "      - {id: s2, name: \"-1 slut\", kind: end, informed: p}\n"
                            "bodies:\n  - {id: b, name: B, level: decision, kind: board, members: p}\n",
                            &load_diags);
    sv_diags_free(&load_diags);
    assert_non_null(m);
    char *csv = render(m, "raci", SV_RENDER_CSV, NULL, NULL);
    /* the default dialect is RFC 4180: no byte order mark (tests/unit/test_report.c has Excel's) */
    assert_int_equal(csv[0], '"');
    /* quoted, quotes doubled, formulas disarmed, CRLF */
    assert_non_null(strstr(csv, "\"'=SUM(A1) & <b>\""));
    assert_non_null(strstr(csv, "\"Pro \"\"cess\"\"\",\"Start\",\"pr/s1\",\"R A\"\r\n"));
    assert_non_null(strstr(csv, "\"'-1 slut\",\"pr/s2\",\"I\"\r\n"));
    free(csv);
    char *html = render(m, "raci", SV_RENDER_HTML, NULL, NULL);
    assert_non_null(strstr(html, "=SUM(A1) &amp; &lt;b&gt;"));
    assert_non_null(strstr(html, "Content-Security-Policy"));
    assert_null(strstr(html, "<b>"));
    free(html);
    /* csv is for the raci view only */
    sv_render_options o = {.format = SV_RENDER_CSV, .view = {SV_VIEW_GOVERNANCE, SV_NONE}};
    sv_diags diags;
    sv_diags_init(&diags);
    char *out = NULL;
    size_t len;
    assert_int_equal(sv_render(&out, &len, m, &o, &diags), -1);
    assert_null(out);
    assert_int_equal(diags.count, 1);
    sv_diags_free(&diags);
    sv_model_free(m);
}

static void test_empty_model(void **state)
{
    (void)state;
    sv_diags diags;
    sv_model *m = load_yaml(MODEL_HEAD "parties:\n  - {id: p, name: P, kind: agency}\n"
                                       "bodies:\n  - {id: b, name: B, level: decision, kind: board, members: p}\n",
                            &diags);
    sv_diags_free(&diags);
    assert_non_null(m);
    const char *views[] = {"governance", "raci", "reporting"};
    for (size_t i = 0; i < 3; i++) {
        char *svg = render(m, views[i], SV_RENDER_SVG, NULL, NULL);
        free(svg);
    }
    sv_model_free(m);
}

/* Format 1.1, governance: the vote rule and the head in a body's box, and
 * the line management in the party view. */
static void test_governance_keys_drawn(void **state)
{
    (void)state;
    sv_model *m = load_file(SV_SOURCE_DIR "/tests/data/good/format-1-1-governance.yaml");
    char *dot = render(m, "governance", SV_RENDER_DOT, NULL, NULL);
    assert_non_null(strstr(dot, "board \xC2\xB7 quarterly \xC2\xB7 one vote per party"));
    assert_non_null(strstr(dot, "led by Förbundschef"));
    assert_non_null(strstr(dot, "office"));
    free(dot);
    dot = render(m, "party:forbundet", SV_RENDER_DOT, NULL, NULL);
    /* the role leads the office and the unit, the person the unit: a row
       each in the table of line management */
    const char *table = strstr(dot, "Line management: who leads what");
    assert_non_null(table);
    assert_non_null(strstr(table, ">Förbundschefen</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
                                  "<FONT POINT-SIZE=\"9\">Rehabteamet</FONT>"));
    assert_non_null(strstr(table, ">Förbundschef</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
                                  "<FONT POINT-SIZE=\"9\">Förbundets kansli<BR/>Rehabteamet</FONT>"));
    free(dot);
    sv_model_free(m);
    /* no `leads` in the model: no legend line for it */
    m = load_file(UMEA);
    dot = render(m, "party:gvn", SV_RENDER_DOT, NULL, NULL);
    assert_null(strstr(dot, "Line management"));
    free(dot);
    sv_model_free(m);
}

/* A render session lays out every view in one child, and each drawing is
 * byte for byte what sv_render gives for that view alone, whatever the
 * mix of formats (SVG, PNG, PDF through Graphviz; DOT and CSV at once). */
static void test_render_session(void **state)
{
    (void)state;
    sv_model *m = load_file(UMEA);
    struct {
        const char *view;
        sv_render_format format;
    } jobs[] = {{"governance", SV_RENDER_SVG}, {"process:torgprocessen", SV_RENDER_SVG},
                {"raci", SV_RENDER_CSV},       {"party:gvn", SV_RENDER_PNG},
                {"reporting", SV_RENDER_DOT},  {"process:matchen", SV_RENDER_PDF},
                {"reporting", SV_RENDER_SVG}};
    size_t count = sizeof jobs / sizeof jobs[0];
    sv_diags diags;
    sv_diags_init(&diags);
    sv_render_session *s = sv_render_session_new();
    assert_non_null(s);
    assert_int_equal(sv_render_session_run(s, &diags), 0); /* nothing to lay out */
    for (size_t i = 0; i < count; i++) {
        sv_render_options o = {.format = jobs[i].format};
        const char *hint;
        assert_int_equal(sv_view_parse(&o.view, m, jobs[i].view, &hint), SV_VIEW_OK);
        assert_int_equal(sv_render_session_add(s, m, &o, jobs[i].view, &diags), (int)i);
    }
    /* a view too large for the figure limit is refused when added, and the
       session goes on without it */
    sv_render_options small = {.view = {SV_VIEW_GOVERNANCE, SV_NONE}, .format = SV_RENDER_SVG,
                               .max_figure_nodes = 2};
    assert_int_equal(sv_render_session_add(s, m, &small, "small", &diags), -1);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].code, "figure-too-large");
    sv_diags_free(&diags);
    sv_diags_init(&diags);
    assert_int_equal(sv_render_session_run(s, &diags), 0);
    assert_int_equal(diags.count, 0);
    for (size_t i = 0; i < count; i++) {
        char *got = NULL;
        size_t got_len = 0;
        assert_int_equal(sv_render_session_take(s, i, &got, &got_len), 0);
        size_t alone_len;
        char *alone = render(m, jobs[i].view, jobs[i].format, NULL, &alone_len);
        assert_int_equal(got_len, alone_len);
        assert_memory_equal(got, alone, got_len);
        assert_int_equal(got[got_len], '\0');
        free(alone);
        free(got);
        /* taken once */
        assert_int_equal(sv_render_session_take(s, i, &got, &got_len), -1);
        assert_null(got);
    }
    char *none;
    size_t none_len;
    assert_int_equal(sv_render_session_take(s, count, &none, &none_len), -1);
    sv_render_session_free(s);
    sv_diags_free(&diags);
    sv_model_free(m);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_html),
        cmocka_unit_test(test_escape_plain),
        cmocka_unit_test(test_escape_controls_and_breaks),
        cmocka_unit_test(test_wrap_and_caps),
        cmocka_unit_test(test_view_parse),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test_setup_teardown(test_atomic_write, make_tmpdir, remove_tmpdir),
        cmocka_unit_test(test_views_umea),
        cmocka_unit_test(test_render_session),
        cmocka_unit_test(test_views_hostile_names),
        cmocka_unit_test(test_binary_formats),
        cmocka_unit_test(test_raci_fragment),
        cmocka_unit_test(test_findings_marks),
        cmocka_unit_test(test_findings_by_view_numbered),
        cmocka_unit_test(test_view_rules_table),
        cmocka_unit_test(test_numbered_in_every_view),
        cmocka_unit_test(test_raci_headers_whole_words),
        cmocka_unit_test(test_party_view_fits_a4),
        cmocka_unit_test(test_raci_tables),
        cmocka_unit_test(test_empty_model),
        cmocka_unit_test(test_governance_keys_drawn),
        cmocka_unit_test(test_governance_projects),
        cmocka_unit_test(test_findings_index),
        /* last: gvContext in this process declares the default node label
         * "\N" for every graph opened after it (Graphviz's doing, in any
         * program that calls gvc), which agmemread in the DOT re-parse
         * tests above would then see */
        cmocka_unit_test(test_in_process_same_as_child),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
