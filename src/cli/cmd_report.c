/*
 * `samverkan report MODEL [--scenario S]... -o report.html`: everything an
 * auditor needs in one self-contained HTML file — findings and the audit
 * questions, every diagram, the RACI matrix and the metrics, and for each
 * scenario the diff and the queue simulation beside the base. Written
 * atomically; on any failure nothing is written and the exit code is 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/i18n.h"
#include "samverkan/samverkan.h"
#include "samverkan/check.h"
#include "samverkan/diff.h"
#include "samverkan/metrics.h"
#include "samverkan/render.h"
#include "samverkan/report_html.h"
#include "samverkan/report_sim.h"
#include "samverkan/sim.h"
#include "samverkan/source.h"
#include "samverkan/tree.h"
#include "util/i18n.h"
#include "util/markup.h"

enum { O_HELP = 1, O_OUTPUT, O_SCENARIO, O_LANG, O_CONFIG, O_AUDIT, O_WITH_SOURCE, O_TIMEOUT, O_TARGET };

const sv_option sv_report_options[] = {
    {"output", 'o', N_("FILE"), N_("write the report to FILE, atomically (default: standard output)"),
     O_OUTPUT},
    {"scenario", 's', N_("FILE"), N_("a scenario to compare with the model (repeatable)"), O_SCENARIO},
    {"runs", 0, N_("N"),
     N_("simulation runs per service point (default: as many as the precision needs, at least 200)"),
     SV_OPT_RUNS},
    {"months", 0, N_("N"), N_("simulated months after the warm-up (default 24)"), SV_OPT_MONTHS},
    {"warmup", 0, N_("N"),
     N_("months simulated first and not counted (default: found per service point by MSER-5)"),
     SV_OPT_WARMUP},
    {"precision", 0, N_("PERCENT"),
     /* xgettext:no-c-format */
     N_("the 95 % interval wanted of the mean wait and lead time, as a share of the mean "
        "(default 5)"),
     SV_OPT_PRECISION},
    {"seed", 0, N_("N"), N_("seed of the simulation (default 1)"), SV_OPT_SEED},
    {"target", 0, N_("TARGET"),
     /* xgettext:no-c-format */
     N_("find the smallest slots per service point of the model that meet wait=14d, lead=14d, "
        "p90=30d or share-over=30d:10% (with --scenario)"),
     O_TARGET},
    {"config", 0, N_("FILE"), N_("rule severities and the audit table (default: the nearest .samverkan.yaml above the model)"),
     O_CONFIG},
    SV_NO_CONFIG_OPTION,
    SV_OUTPUT_OPTION,
    {"audit", 0, N_("FILE"), N_("answer the questions of the audit profile FILE (default: the bundled labour-market audit)"),
     O_AUDIT},
    {"timeout", 0, N_("SECONDS"),
     N_("give up the layout of a figure after this much CPU time (default 60)"), O_TIMEOUT},
    SV_LIMIT_OPTIONS,
    {"with-source", 0, NULL, N_("show the model's own comments in the excerpts of appendix A"),
     O_WITH_SOURCE},
    {"lang", 0, "sv|en", N_("language of the report (default: from LANGUAGE or LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

#define MAX_SCENARIOS 16

typedef struct args {
    bool help, with_source;
    const char *output, *config, *audit, *model;
    const char *scenarios[MAX_SCENARIOS];
    size_t scenario_count;
    int inputs;
    sv_sim_options sim; /* --runs, --months, --seed */
    unsigned long long max_output;
    long timeout; /* CPU seconds per figure's layout */
    sv_load_limits limits;
    bool has_target;
    sv_sim_target target;
} args;

static int on_option(const sv_option *o, const char *value, void *data)
{
    args *a = data;
    if (!o) {
        a->model = value;
        a->inputs++;
        return 0;
    }
    if (SV_OPT_IS_LIMIT(o->id))
        return sv_options_limit(o->id, value, &a->limits);
    if (SV_OPT_IS_SIMULATION(o->id))
        return sv_options_simulation(o, value, &a->sim);
    switch (o->id) {
    case SV_OPT_MAX_OUTPUT_SIZE: return sv_options_output_size(value, &a->max_output);
    case O_HELP: a->help = true; return 0;
    case O_WITH_SOURCE: a->with_source = true; return 0;
    case O_OUTPUT: a->output = value; return 0;
    case O_CONFIG: a->config = value; return 0;
    case SV_OPT_NO_CONFIG: a->config = SV_CONFIG_NONE; return 0;
    case O_AUDIT: a->audit = value; return 0;
    case O_TIMEOUT:
        if (sv_options_number(value, 1, 86400, &a->timeout))
            return 0;
        fputs("samverkan: ", stderr);
        fprintf(stderr, _("--timeout needs a number of seconds from 1 to 86400, not '%s'"), value);
        fputc('\n', stderr);
        return -1;
    case O_TARGET: return sv_options_target(value, &a->target, &a->has_target);
    case O_SCENARIO:
        if (a->scenario_count == MAX_SCENARIOS) {
            fprintf(stderr, _("samverkan: at most %d scenarios\n"), MAX_SCENARIOS);
            return -1;
        }
        a->scenarios[a->scenario_count++] = value;
        return 0;
    default:
        return 0; /* --lang is applied before parsing */
    }
}

/* A national model has thousands of processes: the report draws those with
 * the most findings and lists the rest in a table; a figure with more
 * boxes or lines than a page can show legibly is replaced by a note; and
 * when processes are left out, so is the RACI matrix (its CSV is the way
 * to read it whole). */
#define REPORT_PROCESS_FIGURES 20
#define REPORT_FIGURE_NODES 400
#define REPORT_FIGURE_EDGES 800

/* Which processes get a figure. */
typedef struct figure_plan {
    bool *drawn;                /* per process */
    uint32_t drawn_count;
    sv_html_undrawn *undrawn;   /* the rest, in model order */
    size_t undrawn_count;
} figure_plan;

static const sv_model *rank_model;
static const sv_html_undrawn *rank_count;

/* More findings first, then the process's id: the same choice every run. */
static int by_findings(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (rank_count[x].findings != rank_count[y].findings)
        return rank_count[x].findings > rank_count[y].findings ? -1 : 1;
    return strcmp(rank_model->elements[rank_model->processes[x].el].id,
                  rank_model->elements[rank_model->processes[y].el].id);
}

/* The findings of each process that its figure would mark (on the process
 * and on its steps), counted from the index: one pass over the steps. */
static int plan_figures(figure_plan *plan, const sv_model *m, const sv_findings_index *ix)
{
    *plan = (figure_plan){0};
    uint32_t n = m->process_count;
    plan->drawn = calloc(n + 1, sizeof *plan->drawn);
    sv_html_undrawn *count = calloc(n + 1, sizeof *count);
    uint32_t *order = malloc((n + 1) * sizeof *order);
    size_t rule_count = sv_rule_count();
    unsigned char *concerns = malloc(rule_count + 1);
    if (!plan->drawn || !count || !order || !concerns) {
        free(count);
        free(order);
        free(concerns);
        free(plan->drawn);
        return -1;
    }
    for (size_t r = 0; r < rule_count; r++)
        concerns[r] = sv_render_view_concerns(SV_VIEW_PROCESS, sv_rule_at(r)->name);
    for (uint32_t p = 0; p < n; p++) {
        const sv_process *pr = &m->processes[p];
        count[p].process = p;
        order[p] = p;
        for (uint32_t s = 0; s <= pr->step_count; s++) {
            sv_id el = s == 0 ? pr->el : m->steps[pr->first_step + s - 1].el;
            for (size_t k = ix->from[el]; k < ix->from[el + 1]; k++)
                count[p].findings += concerns[ix->findings->items[ix->at[k]].rule];
        }
    }
    free(concerns);
    if (n <= REPORT_PROCESS_FIGURES) {
        for (uint32_t p = 0; p < n; p++)
            plan->drawn[p] = true;
        plan->drawn_count = n;
        free(count);
        free(order);
        return 0;
    }
    rank_model = m;
    rank_count = count;
    qsort(order, n, sizeof *order, by_findings);
    for (uint32_t i = 0; i < REPORT_PROCESS_FIGURES; i++)
        plan->drawn[order[i]] = true;
    plan->drawn_count = REPORT_PROCESS_FIGURES;
    free(order);
    /* the rest, in model order, compacted in place */
    for (uint32_t p = 0; p < n; p++)
        if (!plan->drawn[p])
            count[plan->undrawn_count++] = count[p];
    plan->undrawn = count;
    return 0;
}

static void plan_free(figure_plan *plan)
{
    free(plan->drawn);
    free(plan->undrawn);
    *plan = (figure_plan){0};
}

/* The bytes of text as the report escapes it (util/markup.h, through
 * report_html.c's esc): exact, and linear. */
static unsigned long long text_bound(const char *text)
{
    return sv_markup_size(text, 0);
}

/* The excerpt of appendix A around a finding: its line and one on either
 * side, each cut at 300 bytes, escaped, with its line number. */
static unsigned long long excerpt_bound(const sv_model *m, sv_pos pos)
{
    const sv_source *src = pos.file ? sv_model_source_of(m, pos.file) : NULL;
    if (!src || pos.line <= 0)
        return 0;
    unsigned long long t = 32;
    for (int l = pos.line - 1; l <= pos.line + 1; l++) {
        size_t len;
        if (sv_source_line(src, l, &len))
            t += 6ull * (len > 300 ? 300 : len) + 16; /* entities at most */
    }
    return t;
}

/* An upper bound of the report's size, computed before any figure is
 * computed or any diagram laid out: the findings (each listed twice, with
 * the lines of its excerpt), the audit table, the diagrams (their
 * estimate, a quarter more for the ids the report gives their boxes) and
 * the numbered list under each (the findings of the elements it marks),
 * the RACI table or the table of processes not drawn, the metrics, the
 * diffs and the simulation. 0, or -1 when a diagram could not be built
 * (diags set). */
static int report_estimate(unsigned long long *total, const sv_model *m, const char *path,
                           const sv_findings *findings, const sv_findings_index *ix,
                           const figure_plan *plan, const sv_audit *audit,
                           const sv_diff *diffs, size_t scenario_count,
                           const sv_model *const *sim_models, const char *const *sim_inputs,
                           size_t sim_count, const sv_sim_options *sim, unsigned long long limit,
                           char **notes, sv_diags *diags)
{
    unsigned long long t = 65536 + text_bound(path) + text_bound(m->elements[m->agreement.el].name);
    for (size_t i = 0; i < findings->count; i++) {
        const sv_finding *f = &findings->items[i];
        t += 1000 + 2 * text_bound(f->message) + text_bound(f->pos.file) +
             text_bound(f->suppressed_because) + excerpt_bound(m, f->pos);
    }
    /* the answers per party, and each recommendation (its text, and a
       link per finding behind it) */
    for (size_t q = 0; q < audit->question_count; q++) {
        const sv_audit_answer *answer = &audit->questions[q];
        t += 400 + text_bound(answer->text) + (unsigned long long)audit->party_count * 400;
        for (size_t r = 0; r < answer->recommendation_count; r++)
            t += 400 + text_bound(answer->recommendations[r].text) +
                 200ull * answer->recommendations[r].finding_count;
    }
    t += sv_report_metrics_estimate(m, path, SV_METRICS_HTML);
    uint64_t bytes;
    if (!plan->undrawn_count) {
        sv_render_options raci = {.view = {SV_VIEW_RACI, SV_NONE}, .format = SV_RENDER_HTML,
                                  .fragment = true};
        if (sv_render_estimate(&bytes, m, &raci, diags) != 0)
            return -1;
        t += bytes;
    } else {
        t += 200ull * plan->undrawn_count + 2000; /* the table of processes not drawn */
    }
    /* the diagrams, in the order they are drawn */
    for (uint32_t d = 0; d < 2 + m->process_count + m->agreement.audited.count; d++) {
        sv_view view = d == 0   ? (sv_view){SV_VIEW_GOVERNANCE, SV_NONE}
                       : d == 1 ? (sv_view){SV_VIEW_REPORTING, SV_NONE}
                       : d < 2 + m->process_count
                           ? (sv_view){SV_VIEW_PROCESS, m->processes[d - 2].el}
                           : (sv_view){SV_VIEW_PARTY,
                                       m->agreement.audited.items[d - 2 - m->process_count].target};
        if (view.kind == SV_VIEW_PROCESS && !plan->drawn[d - 2])
            continue;
        sv_render_marks marks = {NULL, 0};
        sv_render_options o = {.view = view, .format = SV_RENDER_SVG, .findings = findings,
                               .findings_index = ix, .max_figure_nodes = REPORT_FIGURE_NODES,
                               .max_figure_edges = REPORT_FIGURE_EDGES, .marks = &marks};
        /* a view past the render stage's caps (render-limit) cannot be
           built at all: a sentence stands for it, as for one too large to
           read; any other failure ends the report */
        sv_diags own;
        sv_diags_init(&own);
        int built = sv_render_estimate(&bytes, m, &o, &own);
        if (built != 0) {
            bool limit_only = own.count > 0;
            for (size_t k = 0; k < own.count; k++)
                limit_only = limit_only && strcmp(own.items[k].code, "render-limit") == 0;
            if (limit_only && !notes[d])
                notes[d] = strdup(own.items[0].message);
            for (size_t k = 0; k < own.count && !limit_only; k++)
                sv_diags_add(diags, own.items[k].code, own.items[k].pos, "%s", own.items[k].message);
            sv_diags_free(&own);
            sv_render_marks_free(&marks);
            if (!limit_only || !notes[d])
                return -1;
            t += 1024;
            continue;
        }
        sv_diags_free(&own);
        t += bytes + bytes / 4 + 1024;
        /* the numbered list under it: each marked element's name, then each
           of its findings (at most all of them) by its rule's summary */
        for (size_t k = 0; k < marks.count; k++) {
            sv_id el = marks.elements[k];
            if (el >= m->element_count)
                continue;
            t += 300 + text_bound(m->elements[el].name);
            for (size_t j = ix->from[el]; j < ix->from[el + 1]; j++)
                t += 200 + text_bound(sv_rule_summary(sv_rule_at(findings->items[ix->at[j]].rule)));
        }
        sv_render_marks_free(&marks);
        if (t > limit)
            break; /* enough to refuse; the rest need not be built */
    }
    for (size_t i = 0; i < scenario_count; i++) {
        const sv_diff *df = &diffs[i];
        for (size_t c = 0; c < df->count; c++) {
            const sv_change *ch = &df->changes[c];
            t += 300 + text_bound(ch->field) + text_bound(ch->kind_name) +
                 text_bound(ch->element) + text_bound(ch->parts) + text_bound(ch->before) +
                 text_bound(ch->after);
        }
        for (size_t c = 0; c < df->finding_count; c++)
            t += 200 + text_bound(df->findings[c].finding->message);
    }
    if (sim_count) {
        t += sv_report_sim_estimate(sim_models, sim_inputs, sim_count, sim, SV_SIM_TABLE, NULL);
        t += sv_report_sim_estimate(sim_models, sim_inputs, sim_count, sim, SV_SIM_PLOT, NULL);
        /* the conclusion and the capacity plan, escaped as HTML */
        t += 2 * sv_report_sim_conclusion_estimate(sim_models, sim_inputs, sim_count, true);
    }
    *total = t;
    return 0;
}

typedef struct html_job {
    const sv_html_report *report;
} html_job;

static int write_html(FILE *out, void *ctx)
{
    html_job *job = ctx;
    if (sv_report_html(out, job->report) != 0) {
        fputs(_("samverkan: cannot write the output\n"), stderr);
        return -1;
    }
    return 0;
}

/* One figure of the report, added to the session that lays out all of
 * them in one Graphviz child; a figure too large to read, or past the
 * render stage's caps (found by the estimate), is a note in its place.
 * `number` is its number in the report, which names it in a message about
 * its layout; `left_out` keeps the notes. 0, or -1 (diags set) when it
 * cannot be drawn. */
static int add_figure(sv_html_diagram *d, int *job, sv_render_session *session, const sv_model *m,
                      const sv_findings_index *ix, sv_view view, const char *anchor,
                      const char *title, const args *a, const char *note, size_t number,
                      sv_diags *left_out, sv_diags *diags)
{
    *d = (sv_html_diagram){.anchor = anchor, .title = title, .view = view.kind, .note = note};
    *job = -1;
    if (note)
        return 0;
    /* the marked elements, for the numbered list under the figure */
    sv_render_marks marks = {NULL, 0};
    sv_render_options o = {.view = view, .format = SV_RENDER_SVG, .findings = ix->findings,
                           .findings_index = ix, .max_output = a->max_output,
                           .max_seconds = (double)a->timeout, .no_marks_list = true,
                           .marks = &marks, .max_figure_nodes = REPORT_FIGURE_NODES,
                           .max_figure_edges = REPORT_FIGURE_EDGES};
    char label[300];
    if (view.element != SV_NONE)
        snprintf(label, sizeof label, _("figure %zu (%s:%s)"), number, sv_view_name(view.kind),
                 m->elements[view.element].id);
    else
        snprintf(label, sizeof label, _("figure %zu (%s)"), number, sv_view_name(view.kind));
    size_t before = left_out->count;
    *job = sv_render_session_add(session, m, &o, label, left_out);
    if (*job >= 0) {
        d->marks = marks.elements;
        d->mark_count = marks.count;
        return 0;
    }
    sv_render_marks_free(&marks);
    const sv_diag *why = left_out->count > before ? &left_out->items[left_out->count - 1] : NULL;
    if (why && strcmp(why->code, "figure-too-large") == 0) {
        d->note = why->message;
        return 0;
    }
    for (size_t k = before; k < left_out->count; k++)
        sv_diags_add(diags, left_out->items[k].code, left_out->items[k].pos, "%s: %s", label,
                     left_out->items[k].message);
    if (left_out->count == before)
        sv_diags_add(diags, "render", (sv_pos){a->model, 0, 0}, "%s: %s", label,
                     _("out of memory"));
    return -1;
}

typedef struct loaded {
    sv_model *model;
    sv_findings findings;
} loaded;

static int load(loaded *l, sv_check *checker, const char *path, sv_diags *diags)
{
    sv_findings_init(&l->findings);
    return sv_check_load(checker, &l->model, path, diags);
}

/* Declared in cli/commands.h. */
char *sv_cli_scenario_name(const char *path)
{
    char *name = NULL;
    sv_scenario_head(path, &name, NULL);
    if (name && !name[0]) {
        free(name);
        name = NULL;
    }
    return name;
}

int sv_cmd_report(const sv_command *self, int argc, char **argv)
{
    args a = {.max_output = SV_OUTPUT_LIMIT_DEFAULT, .timeout = 60};
    sv_sim_options_default(&a.sim);
    sv_load_limits_default(&a.limits);
    if (sv_options_parse(argc, argv, 2, sv_report_options, on_option, &a) != 0)
        return 2;
    if (a.help) {
        sv_command_help(self);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (!sv_command_arity_ok(self, (size_t)a.inputs)) {
        fputs(_("samverkan: report takes one model: samverkan report MODEL.yaml -o report.html\n"), stderr);
        return 2;
    }
    sv_diags diags;
    sv_diags_init(&diags);
    sv_check checker;
    sv_check_init(&checker, &(sv_check_options){.model = a.model, .config = a.config,
                                                .audit = a.audit, .limits = &a.limits,
                                                .language = sv_cli_language()});
    const sv_config *config = &checker.config;
    sv_inputs inputs;
    sv_inputs_init(&inputs);
    loaded base = {0}, scen[MAX_SCENARIOS] = {{0}};
    sv_diff diffs[MAX_SCENARIOS] = {{0}};
    sv_html_scenario scenario_parts[MAX_SCENARIOS];
    sv_audit audit = {0};
    bool audit_ready = false;
    sv_metrics metrics = {0};
    sv_findings_index index = {0};
    figure_plan plan = {0};
    sv_html_diagram *diagrams = NULL;
    size_t diagram_count = 0;
    char *raci = NULL, *plot = NULL;
    size_t raci_len = 0, plot_len = 0;
    sv_sim_result *sims[1 + MAX_SCENARIOS] = {0};
    sv_sim_conclusion *conclusions = NULL;
    sv_sim_plan *plans = NULL;
    const char *sim_inputs[1 + MAX_SCENARIOS];
    char **anchors = NULL;
    char **notes = NULL; /* per figure of report_estimate's order: why it is not drawn */
    size_t note_count = 0;
    char *names[MAX_SCENARIOS] = {0};
    sv_render_session *session = NULL;
    int *jobs = NULL; /* per figure: its view in the session, or -1 (a note) */
    sv_diags render_diags; /* the notes that stand for figures left out */
    sv_diags_init(&render_diags);
    int code = 2;

    if (sv_check_configure(&checker, &diags) != 0)
        goto fail;
    if (load(&base, &checker, a.model, &diags) != 0)
        goto fail;
    for (size_t i = 0; i < a.scenario_count; i++)
        if (load(&scen[i], &checker, a.scenarios[i], &diags) != 0)
            goto fail;
    /* every file read, before anything is computed: the report is never
       written over one of them */
    if (sv_inputs_add_model(&inputs, base.model) != 0 ||
        sv_inputs_add_config(&inputs, a.config, a.model) != 0 ||
        sv_inputs_add_file(&inputs, a.audit) != 0 ||
        (config->audit.path && access(config->audit.path, F_OK) == 0 &&
         sv_inputs_add_file(&inputs, config->audit.path) != 0))
        goto fail;
    for (size_t i = 0; i < a.scenario_count; i++)
        if (sv_inputs_add_model(&inputs, scen[i].model) != 0 ||
            sv_inputs_add_config(&inputs, NULL, a.scenarios[i]) != 0)
            goto fail;
    const char *outputs[] = {a.output};
    if (sv_inputs_check_outputs(&inputs, outputs, 1) != 0)
        goto done;
    if (sv_check_rules(&checker, &base.findings, base.model, &diags) != 0)
        goto fail;
    for (size_t i = 0; i < a.scenario_count; i++)
        if (sv_check_rules(&checker, &scen[i].findings, scen[i].model, &diags) != 0 ||
            sv_diff_models(&diffs[i], base.model, &base.findings, scen[i].model, &scen[i].findings) != 0)
            goto fail;
    if (sv_check_assess(&checker, &audit, base.model, &base.findings, &diags) != 0)
        goto fail;
    audit_ready = true;
    if (sv_findings_index_build(&index, base.model, &base.findings) != 0 ||
        plan_figures(&plan, base.model, &index) != 0)
        goto fail;
    {
        const sv_model *sim_models[1 + MAX_SCENARIOS];
        const char *sim_paths[1 + MAX_SCENARIOS];
        size_t sim_count = 0;
        if (a.scenario_count > 0 && base.model->service_point_count > 0) {
            sim_models[0] = base.model;
            sim_paths[0] = a.model;
            for (size_t i = 0; i < a.scenario_count; i++) {
                sim_models[1 + i] = scen[i].model;
                sim_paths[1 + i] = a.scenarios[i];
            }
            sim_count = 1 + a.scenario_count;
        }
        unsigned long long estimate = 0;
        note_count = 2 + base.model->process_count + base.model->agreement.audited.count;
        notes = calloc(note_count, sizeof *notes);
        if (!notes)
            goto fail;
        if (report_estimate(&estimate, base.model, a.model, &base.findings, &index, &plan, &audit,
                            diffs,
                            a.scenario_count, sim_models, sim_paths, sim_count, &a.sim, a.max_output,
                            notes, &diags) != 0)
            goto fail;
        if (estimate > a.max_output) {
            size_t findings = base.findings.count;
            unsigned figures = 2 + plan.drawn_count + base.model->agreement.audited.count;
            unsigned steps = base.model->step_count;
            char parts[3][80], what[300];
            snprintf(parts[0], 80, P_("%zu finding", "%zu findings", findings), findings);
            snprintf(parts[1], 80, P_("%u diagram", "%u diagrams", figures), figures);
            snprintf(parts[2], 80, P_("%u step in the RACI table", "%u steps in the RACI table", steps),
                     steps);
            snprintf(what, sizeof what, _("the report (%s, %s, %s)"), parts[0], parts[1], parts[2]);
            sv_diags_output_too_large(&diags, (sv_pos){a.model, 0, 0}, what, estimate,
                                      a.max_output);
            goto fail;
        }
    }
    if (sv_metrics_compute(&metrics, base.model, &diags) != 0)
        goto fail;

    /* every diagram: governance, reporting, each process, each audited party */
    const sv_model *m = base.model;
    size_t max = 2 + plan.drawn_count + m->agreement.audited.count;
    diagrams = calloc(max, sizeof *diagrams);
    anchors = calloc(max, sizeof *anchors);
    if (!diagrams || !anchors)
        goto fail;
    /* the figures are laid out together, in one child, once all are added */
    session = sv_render_session_new();
    jobs = calloc(max, sizeof *jobs);
    if (!session || !jobs)
        goto fail;
    if (add_figure(&diagrams[diagram_count], &jobs[diagram_count], session, m, &index,
                   (sv_view){SV_VIEW_GOVERNANCE, SV_NONE}, "diagram-governance",
                   _("Governance: levels, bodies and reporting lines"), &a, notes[0],
                   diagram_count + 1, &render_diags, &diags) != 0)
        goto fail;
    diagram_count++;
    for (uint32_t p = 0; p < m->process_count; p++) {
        if (!plan.drawn[p])
            continue;
        const sv_element *e = &m->elements[m->processes[p].el];
        size_t n = strlen(e->id) + 24;
        anchors[diagram_count] = malloc(n);
        if (!anchors[diagram_count])
            goto fail;
        snprintf(anchors[diagram_count], n, "diagram-process-%s", e->id);
        if (add_figure(&diagrams[diagram_count], &jobs[diagram_count], session, m, &index,
                       (sv_view){SV_VIEW_PROCESS, m->processes[p].el}, anchors[diagram_count],
                       e->name, &a, notes[2 + p], diagram_count + 1, &render_diags, &diags) != 0)
            goto fail;
        diagram_count++;
    }
    if (add_figure(&diagrams[diagram_count], &jobs[diagram_count], session, m, &index,
                   (sv_view){SV_VIEW_REPORTING, SV_NONE}, "diagram-reporting",
                   _("Reporting: who reports what to whom"), &a, notes[1], diagram_count + 1,
                   &render_diags, &diags) != 0)
        goto fail;
    diagram_count++;
    for (uint32_t p = 0; p < m->agreement.audited.count; p++) {
        sv_id party = m->agreement.audited.items[p].target;
        size_t n = strlen(m->elements[party].id) + 24;
        anchors[diagram_count] = malloc(n);
        if (!anchors[diagram_count])
            goto fail;
        snprintf(anchors[diagram_count], n, "diagram-party-%s", m->elements[party].id);
        if (add_figure(&diagrams[diagram_count], &jobs[diagram_count], session, m, &index,
                       (sv_view){SV_VIEW_PARTY, party}, anchors[diagram_count],
                       m->elements[party].name, &a, notes[2 + m->process_count + p],
                       diagram_count + 1, &render_diags, &diags) != 0)
            goto fail;
        diagram_count++;
    }
    /* a figure that Graphviz cannot draw (a crash, a hang, the CPU or
       memory limit) ends the report: nothing is written */
    if (sv_render_session_run(session, &diags) != 0)
        goto fail;
    for (size_t i = 0; i < diagram_count; i++) {
        size_t len;
        char *svg = NULL;
        if (jobs[i] >= 0 && sv_render_session_take(session, (size_t)jobs[i], &svg, &len) != 0)
            goto fail;
        diagrams[i].svg = svg;
    }
    sv_render_session_free(session);
    session = NULL;
    sv_render_options raci_options = {.view = {SV_VIEW_RACI, SV_NONE}, .format = SV_RENDER_HTML,
                                      .max_output = a.max_output, .fragment = true};
    if (plan.undrawn_count || sv_render(&raci, &raci_len, m, &raci_options, &render_diags) != 0)
        raci = NULL;

    /* the queues: the base and each scenario, side by side */
    sv_sim_report sim_report = {0};
    const sv_model *sim_of[1 + MAX_SCENARIOS] = {m};
    for (size_t i = 0; i < a.scenario_count; i++)
        sim_of[1 + i] = scen[i].model;
    bool simulate = a.scenario_count > 0 && m->service_point_count > 0;
    if (simulate) {
        sv_sim_options so = a.sim;
        so.trace = true;
        so.keep_runs = true; /* the conclusion pairs runs of the same service point */
        if (sv_sim_options_check(&so, &diags) != 0 || sv_sim_model(&sims[0], m, &so, &diags) != 0)
            goto fail;
        /* the inputs go by the names the reader knows them by */
        sim_inputs[0] = _("the agreement as it is");
        for (size_t i = 0; i < a.scenario_count; i++) {
            if (scen[i].model->service_point_count == 0) {
                /* a scenario that takes every service point away has no
                   queues to show, which sv_sim_model refuses */
                if (!(sims[1 + i] = calloc(1, sizeof *sims[1 + i]))) {
                    fputs(_("samverkan: out of memory\n"), stderr);
                    goto done;
                }
                sims[1 + i]->options = so;
            } else if (sv_sim_model(&sims[1 + i], scen[i].model, &so, &diags) != 0) {
                goto fail;
            }
            names[i] = sv_cli_scenario_name(a.scenarios[i]);
            sim_inputs[1 + i] = names[i] ? names[i] : a.scenarios[i];
        }
        if (sv_sim_align_runs(sims, 1 + a.scenario_count, &diags) != 0)
            goto fail;
        conclusions = calloc(a.scenario_count, sizeof *conclusions);
        for (size_t i = 0; conclusions && i < a.scenario_count; i++)
            if (sv_sim_conclude(&conclusions[i], sims[0], sims[1 + i], scen[i].model) != 0)
                goto fail;
        if (!conclusions)
            goto fail;
        if (a.has_target) {
            sv_sim_options po = a.sim;
            if (sv_sim_plan_result(&plans, sims[0], &a.target, &po, &diags) != 0)
                goto fail;
        }
        sim_report = (sv_sim_report){.inputs = sim_inputs, .results = (const sv_sim_result *const *)sims,
                                     .input_count = 1 + a.scenario_count,
                                     .conclusions = conclusions, .plans = plans,
                                     .plan_count = plans ? sims[0]->point_count : 0,
                                     .target = a.has_target ? &a.target : NULL};
        FILE *p = open_memstream(&plot, &plot_len);
        if (!p || sv_report_sim_plot_svg(p, &sim_report) != 0) {
            if (p)
                fclose(p);
            free(plot);
            plot = NULL;
        } else {
            fclose(p);
        }
    }
    for (size_t i = 0; i < a.scenario_count; i++) {
        if (!names[i])
            names[i] = sv_cli_scenario_name(a.scenarios[i]);
        scenario_parts[i] = (sv_html_scenario){names[i] ? names[i] : a.scenarios[i], &diffs[i]};
    }

    sv_html_report report = {
        .path = a.model, .model = m, .findings = &base.findings, .audit = &audit,
        .metrics = &metrics, .diagrams = diagrams, .diagram_count = diagram_count,
        .undrawn = plan.undrawn, .undrawn_count = plan.undrawn_count, .findings_index = &index,
        .raci_html = raci, .raci_left_out = plan.undrawn_count > 0, .scenarios = scenario_parts, .scenario_count = a.scenario_count,
        .simulation = simulate ? &sim_report : NULL, .simulation_plot_svg = plot,
        .simulation_models = sim_of,
        .lang = sv_cli_language(), .with_source = a.with_source,
    };
    html_job job = {&report};
    if (!a.output) {
        /* streamed as it is made, to standard output or the temporary file */
        code = sv_report_html(stdout, &report) == 0 && fflush(stdout) == 0 ? 0 : 2;
        if (code)
            fputs(_("samverkan: cannot write the output\n"), stderr);
        goto done;
    }
    int written = sv_report_write_stream(a.output, write_html, &job, &inputs);
    if (written != 0)
        goto done;
    code = 0;
    goto done;
fail:
    sv_diags_sort(&diags);
    if (diags.count)
        sv_report_diags_text(stderr, &diags);
    else
        fputs(_("samverkan: out of memory\n"), stderr);
done:
    sv_render_session_free(session);
    free(jobs);
    sv_diags_free(&render_diags);
    for (size_t i = 0; i < diagram_count; i++) {
        free((char *)diagrams[i].svg);
        free((sv_id *)diagrams[i].marks);
    }
    for (size_t i = 0; anchors && i < diagram_count; i++)
        free(anchors[i]);
    free(anchors);
    for (size_t i = 0; i < note_count; i++)
        free(notes[i]);
    free(notes);
    free(diagrams);
    for (size_t i = 0; i < a.scenario_count; i++)
        free(names[i]);
    free(raci);
    free(plot);
    for (size_t i = 0; conclusions && i < a.scenario_count; i++)
        sv_sim_conclusion_free(&conclusions[i]);
    free(conclusions);
    free(plans);
    for (size_t i = 0; i <= a.scenario_count; i++)
        sv_sim_result_free(sims[i]);
    for (size_t i = 0; i < a.scenario_count; i++) {
        sv_diff_free(&diffs[i]);
        sv_findings_free(&scen[i].findings);
        sv_model_free(scen[i].model);
    }
    if (audit_ready)
        sv_audit_free(&audit);
    sv_metrics_free(&metrics);
    plan_free(&plan);
    sv_findings_index_free(&index);
    sv_findings_free(&base.findings);
    sv_model_free(base.model);
    sv_check_free(&checker);
    sv_inputs_free(&inputs);
    sv_diags_free(&diags);
    return code;
}
