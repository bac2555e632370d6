/*
 * `samverkan diff A B` and `samverkan whatif MODEL --without ID...`: load
 * two models (or one, and the same without some elements), run the rules
 * on both, and report what changed (src/diff, src/report/report_diff.c).
 * Exit codes as diff(1): 0 = no difference, 1 = differences, 2 = trouble.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "samverkan/samverkan.h"
#include "samverkan/check.h"
#include "samverkan/diff.h"
#include "util/i18n.h"

enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };
enum { O_HELP = 1, O_FORMAT, O_WITHOUT, O_LANG, O_CONFIG };

const sv_option sv_diff_options[] = {
    {"format", 'f', "text|json", N_("output format (default text)"), O_FORMAT},
    {"config", 0, N_("FILE"), N_("read rule severities from FILE, for both sides (default: the "
                                 "nearest .samverkan.yaml above the first model)"),
     O_CONFIG},
    SV_NO_CONFIG_OPTION,
    SV_LIMIT_OPTIONS,
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

const sv_option sv_whatif_options[] = {
    {"without", 'w', N_("ID"), N_("take out this party, role, person or body (repeatable)"),
     O_WITHOUT},
    {"format", 'f', "text|json", N_("output format (default text)"), O_FORMAT},
    {"config", 0, N_("FILE"), N_("read rule severities from FILE, for both sides (default: the "
                                 "nearest .samverkan.yaml above the first model)"),
     O_CONFIG},
    SV_NO_CONFIG_OPTION,
    SV_LIMIT_OPTIONS,
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

typedef struct args {
    bool help, json;
    const char *config;
    const char **inputs;
    size_t input_count;
    const char **without;
    size_t without_count;
    sv_load_limits limits;
} args;

static int on_option(const sv_option *o, const char *value, void *data)
{
    args *a = data;
    if (!o) {
        a->inputs[a->input_count++] = value;
        return 0;
    }
    if (SV_OPT_IS_LIMIT(o->id))
        return sv_options_limit(o->id, value, &a->limits);
    switch (o->id) {
    case O_HELP:
        a->help = true;
        return 0;
    case O_WITHOUT:
        a->without[a->without_count++] = value;
        return 0;
    case O_CONFIG:
        a->config = value;
        return 0;
    case SV_OPT_NO_CONFIG:
        a->config = SV_CONFIG_NONE;
        return 0;
    case O_FORMAT:
        if (strcmp(value, "text") == 0 || strcmp(value, "json") == 0) {
            a->json = strcmp(value, "json") == 0;
            return 0;
        }
        fprintf(stderr, _("samverkan: unknown format '%s'; use text or json\n"), value);
        return -1;
    default:
        return 0; /* --lang is applied before parsing */
    }
}

/* Loads a model and runs the rules on it; -1 with the problems in diags. */
static int load_and_check(sv_check *checker, sv_model **model, sv_findings *findings,
                          const char *path, const char *const *without, size_t without_count,
                          sv_diags *diags)
{
    int r = without ? sv_check_load_without(checker, model, path, without, without_count, diags)
                    : sv_check_load(checker, model, path, diags);
    if (r != 0)
        return -1;
    return sv_check_rules(checker, findings, *model, diags);
}

static int finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(_("samverkan: cannot write the output\n"), stderr);
        return EXIT_TROUBLE;
    }
    return code;
}

static int compare(args *a, bool whatif)
{
    sv_diags diags;
    sv_diags_init(&diags);
    sv_model *ma = NULL, *mb = NULL;
    sv_findings fa, fb;
    sv_findings_init(&fa);
    sv_findings_init(&fb);
    sv_diff d = {0};
    int code = EXIT_TROUBLE;
    const char *a_path = a->inputs[0], *b_path = whatif ? a->inputs[0] : a->inputs[1];
    /* one configuration for both sides, so that a finding appears or
       disappears because the model changed, never because the rules did */
    sv_check checker;
    sv_check_init(&checker, &(sv_check_options){.model = a_path, .config = a->config,
                                                .limits = &a->limits});
    if (load_and_check(&checker, &ma, &fa, a_path, NULL, 0, &diags) != 0 ||
        load_and_check(&checker, &mb, &fb, b_path, whatif ? a->without : NULL, a->without_count,
                       &diags) != 0) {
        sv_diags_sort(&diags);
        sv_report_diags_text(stderr, &diags);
        goto done;
    }
    if (sv_diff_models(&d, ma, &fa, mb, &fb) != 0) {
        fputs(_("samverkan: out of memory\n"), stderr);
        goto done;
    }
    if (whatif && a->json)
        sv_report_whatif_json(stdout, a_path, a->without, a->without_count, &d);
    else if (whatif)
        sv_report_whatif_text(stdout, a_path, a->without, a->without_count, &d);
    else if (a->json)
        sv_report_diff_json(stdout, a_path, b_path, &d);
    else
        sv_report_diff_text(stdout, a_path, b_path, &d);
    code = finish(d.count || d.finding_count ? EXIT_DIFFERENT : EXIT_SAME);
done:
    sv_check_free(&checker);
    sv_diff_free(&d);
    sv_findings_free(&fa);
    sv_findings_free(&fb);
    sv_model_free(ma);
    sv_model_free(mb);
    sv_diags_free(&diags);
    return code;
}

int sv_cmd_diff(const sv_command *self, int argc, char **argv)
{
    args a = {0};
    const char *inputs[64];
    a.inputs = inputs;
    sv_load_limits_default(&a.limits);
    if (argc > 64 + 2) {
        fputs(_("samverkan: too many arguments\n"), stderr);
        return EXIT_TROUBLE;
    }
    if (sv_options_parse(argc, argv, 2, sv_diff_options, on_option, &a) != 0)
        return EXIT_TROUBLE;
    if (a.help) {
        sv_command_help(self);
        return finish(EXIT_SAME);
    }
    if (!sv_command_arity_ok(self, a.input_count)) {
        fputs(_("samverkan: diff compares two models: samverkan diff A.yaml B.yaml\n"), stderr);
        return EXIT_TROUBLE;
    }
    return compare(&a, false);
}

int sv_cmd_whatif(const sv_command *self, int argc, char **argv)
{
    args a = {0};
    const char *inputs[64], *without[256];
    a.inputs = inputs;
    sv_load_limits_default(&a.limits);
    a.without = without;
    if (argc > 256) {
        fputs(_("samverkan: too many arguments\n"), stderr);
        return EXIT_TROUBLE;
    }
    if (sv_options_parse(argc, argv, 2, sv_whatif_options, on_option, &a) != 0)
        return EXIT_TROUBLE;
    if (a.help) {
        sv_command_help(self);
        return finish(EXIT_SAME);
    }
    if (!sv_command_arity_ok(self, a.input_count) || a.without_count == 0) {
        fputs(_("samverkan: whatif takes one model and at least one --without ID\n"), stderr);
        return EXIT_TROUBLE;
    }
    return compare(&a, true);
}
