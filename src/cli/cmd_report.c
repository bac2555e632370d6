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

#include "cli/commands.h"
#include "cli/i18n.h"
#include "samverkan/samverkan.h"
#include "samverkan/diff.h"
#include "samverkan/metrics.h"
#include "samverkan/render.h"
#include "samverkan/report_html.h"
#include "samverkan/report_sim.h"
#include "samverkan/sim.h"
#include "util/i18n.h"

enum { O_HELP = 1, O_OUTPUT, O_SCENARIO, O_LANG, O_CONFIG, O_AUDIT };

const sv_option sv_report_options[] = {
    {"output", 'o', N_("FILE"), N_("write the report to FILE, atomically (default: standard output)"),
     O_OUTPUT},
    {"scenario", 's', N_("FILE"), N_("a scenario to compare with the model (repeatable)"), O_SCENARIO},
    {"runs", 0, N_("N"), N_("simulation runs per input (default 200)"), SV_OPT_RUNS},
    {"months", 0, N_("N"), N_("simulated months after the warm-up (default 24)"), SV_OPT_MONTHS},
    {"seed", 0, N_("N"), N_("seed of the simulation (default 1)"), SV_OPT_SEED},
    {"config", 0, N_("FILE"), N_("rule severities and the audit table (default: .samverkan.yaml beside the model)"),
     O_CONFIG},
    {"audit", 0, N_("FILE"), N_("answer the questions of the audit profile FILE (default: the bundled labour-market audit)"),
     O_AUDIT},
    SV_LIMIT_OPTIONS,
    {"lang", 0, "sv|en", N_("language of the report (default: from LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

#define MAX_SCENARIOS 16

typedef struct args {
    bool help;
    const char *output, *config, *audit, *model;
    const char *scenarios[MAX_SCENARIOS];
    size_t scenario_count;
    int inputs;
    sv_sim_options sim; /* --runs, --months, --seed */
    sv_load_limits limits;
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
    case O_HELP: a->help = true; return 0;
    case O_OUTPUT: a->output = value; return 0;
    case O_CONFIG: a->config = value; return 0;
    case O_AUDIT: a->audit = value; return 0;
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

/* One rendered view for the report; a failure is shown in its place. */
static void draw(sv_html_diagram *d, const sv_model *m, const sv_findings *f, sv_view view,
                 const char *anchor, const char *title, sv_diags *diags)
{
    sv_render_options o = {.view = view, .format = SV_RENDER_SVG, .findings = f};
    char *svg = NULL;
    size_t len;
    d->anchor = anchor;
    d->title = title;
    size_t before = diags->count;
    if (sv_render(&svg, &len, m, &o, diags) == 0) {
        d->svg = svg;
    } else {
        d->svg = NULL;
        d->failure = diags->count > before ? diags->items[diags->count - 1].message : _("could not be drawn");
    }
}

typedef struct loaded {
    sv_model *model;
    sv_findings findings;
} loaded;

static int load(loaded *l, const char *path, const sv_config *config, const sv_load_limits *limits,
                sv_diags *diags)
{
    sv_findings_init(&l->findings);
    if (sv_model_load(&l->model, path, limits, diags) != 0)
        return -1;
    sv_rule_config rc = {.severity = config->severity};
    return sv_rules_run(&l->findings, l->model, &rc, diags);
}

int sv_cmd_report(int argc, char **argv)
{
    args a = {0};
    sv_sim_options_default(&a.sim);
    sv_load_limits_default(&a.limits);
    if (sv_options_parse(argc, argv, 2, sv_report_options, on_option, &a) != 0)
        return 2;
    if (a.help) {
        sv_options_usage(stdout, _("samverkan report [OPTIONS] MODEL [--scenario FILE]... -o report.html"),
                         _("one self-contained HTML report: findings, audit questions, diagrams, RACI, "
                           "metrics, scenarios and their queues"),
                         sv_report_options);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (a.inputs != 1) {
        fputs(_("samverkan: report takes one model: samverkan report MODEL.yaml -o report.html\n"), stderr);
        return 2;
    }
    sv_diags diags;
    sv_diags_init(&diags);
    sv_config config = {0};
    loaded base = {0}, scen[MAX_SCENARIOS] = {{0}};
    sv_diff diffs[MAX_SCENARIOS] = {{0}};
    sv_html_scenario scenario_parts[MAX_SCENARIOS];
    sv_audit audit = {0};
    bool audit_ready = false;
    sv_metrics metrics = {0};
    sv_html_diagram *diagrams = NULL;
    size_t diagram_count = 0;
    char *raci = NULL, *plot = NULL, *html = NULL;
    size_t raci_len = 0, plot_len = 0, html_len = 0;
    sv_sim_result *sims[1 + MAX_SCENARIOS] = {0};
    const char *sim_inputs[1 + MAX_SCENARIOS];
    char **anchors = NULL;
    int code = 2;

    if (sv_config_for_model(&config, a.config, a.audit, a.model, &diags) != 0)
        goto fail;
    config.audit.language = sv_cli_language();
    if (load(&base, a.model, &config, &a.limits, &diags) != 0)
        goto fail;
    for (size_t i = 0; i < a.scenario_count; i++)
        if (load(&scen[i], a.scenarios[i], &config, &a.limits, &diags) != 0 ||
            sv_diff_models(&diffs[i], base.model, &base.findings, scen[i].model, &scen[i].findings) != 0)
            goto fail;
    if (sv_audit_assess(&audit, base.model, &base.findings, &config.audit, &diags) != 0)
        goto fail;
    audit_ready = true;
    if (sv_metrics_compute(&metrics, base.model, &diags) != 0)
        goto fail;

    /* every diagram: governance, reporting, each process, each audited party */
    const sv_model *m = base.model;
    size_t max = 2 + m->process_count + m->agreement.audited.count;
    diagrams = calloc(max, sizeof *diagrams);
    anchors = calloc(max, sizeof *anchors);
    if (!diagrams || !anchors)
        goto fail;
    sv_diags render_diags;
    sv_diags_init(&render_diags);
    draw(&diagrams[diagram_count++], m, &base.findings, (sv_view){SV_VIEW_GOVERNANCE, SV_NONE},
         "diagram-governance", _("Governance: levels, bodies and reporting lines"), &render_diags);
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_element *e = &m->elements[m->processes[p].el];
        size_t n = strlen(e->id) + 24;
        anchors[diagram_count] = malloc(n);
        if (!anchors[diagram_count])
            goto fail;
        snprintf(anchors[diagram_count], n, "diagram-process-%s", e->id);
        draw(&diagrams[diagram_count], m, &base.findings, (sv_view){SV_VIEW_PROCESS, m->processes[p].el},
             anchors[diagram_count], e->name, &render_diags);
        diagram_count++;
    }
    draw(&diagrams[diagram_count++], m, &base.findings, (sv_view){SV_VIEW_REPORTING, SV_NONE},
         "diagram-reporting", _("Reporting: who reports what to whom"), &render_diags);
    for (uint32_t p = 0; p < m->agreement.audited.count; p++) {
        sv_id party = m->agreement.audited.items[p].target;
        size_t n = strlen(m->elements[party].id) + 24;
        anchors[diagram_count] = malloc(n);
        if (!anchors[diagram_count])
            goto fail;
        snprintf(anchors[diagram_count], n, "diagram-party-%s", m->elements[party].id);
        draw(&diagrams[diagram_count], m, &base.findings, (sv_view){SV_VIEW_PARTY, party},
             anchors[diagram_count], m->elements[party].name, &render_diags);
        diagram_count++;
    }
    sv_render_options raci_options = {.view = {SV_VIEW_RACI, SV_NONE}, .format = SV_RENDER_HTML};
    if (sv_render(&raci, &raci_len, m, &raci_options, &render_diags) != 0)
        raci = NULL;

    /* the queues: the base and each scenario, side by side */
    sv_sim_report sim_report = {0};
    bool simulate = a.scenario_count > 0 && m->service_point_count > 0;
    if (simulate) {
        sv_sim_options so = a.sim;
        so.trace = true;
        if (sv_sim_options_check(&so, &diags) != 0 || sv_sim_model(&sims[0], m, &so, &diags) != 0)
            goto fail;
        sim_inputs[0] = a.model;
        for (size_t i = 0; i < a.scenario_count; i++) {
            if (sv_sim_model(&sims[1 + i], scen[i].model, &so, &diags) != 0)
                goto fail;
            sim_inputs[1 + i] = a.scenarios[i];
        }
        sim_report = (sv_sim_report){sim_inputs, (const sv_sim_result *const *)sims, 1 + a.scenario_count};
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
    for (size_t i = 0; i < a.scenario_count; i++)
        scenario_parts[i] = (sv_html_scenario){a.scenarios[i], &diffs[i]};

    sv_html_report report = {
        .path = a.model, .model = m, .findings = &base.findings, .audit = &audit,
        .metrics = &metrics, .diagrams = diagrams, .diagram_count = diagram_count,
        .raci_html = raci, .scenarios = scenario_parts, .scenario_count = a.scenario_count,
        .simulation = simulate ? &sim_report : NULL, .simulation_plot_svg = plot,
        .lang = sv_cli_language(),
    };
    FILE *mem = open_memstream(&html, &html_len);
    if (!mem)
        goto fail;
    int written = sv_report_html(mem, &report);
    if (fclose(mem) != 0 || written != 0)
        goto fail;
    sv_diags_free(&render_diags);
    if (!a.output) {
        code = fwrite(html, 1, html_len, stdout) == html_len && fflush(stdout) == 0 ? 0 : 2;
        if (code)
            fputs(_("samverkan: cannot write the output\n"), stderr);
        goto done;
    }
    const sv_model *read[1 + MAX_SCENARIOS];
    read[0] = base.model;
    for (size_t i = 0; i < a.scenario_count; i++)
        read[1 + i] = scen[i].model;
    if (sv_report_write_file(a.output, html, html_len, read, 1 + a.scenario_count, config.path) != 0)
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
    for (size_t i = 0; i < diagram_count; i++)
        free((char *)diagrams[i].svg);
    for (size_t i = 0; anchors && i < diagram_count; i++)
        free(anchors[i]);
    free(anchors);
    free(diagrams);
    free(raci);
    free(plot);
    free(html);
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
    sv_findings_free(&base.findings);
    sv_model_free(base.model);
    sv_config_free(&config);
    sv_diags_free(&diags);
    return code;
}
