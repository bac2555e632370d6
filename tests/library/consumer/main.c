/*
 * A program of someone else's that uses the installed library, as the
 * README shows: load a model, apply the configuration beside it, run the
 * rules, print how many findings there are. Built by
 * tests/library/check_installed.sh with nothing but
 * `pkg-config --cflags --libs samverkan`, and by find_package(samverkan)
 * (CMakeLists.txt here).
 */
#include <stdio.h>

#include <samverkan/samverkan.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s MODEL.yaml\n", argv[0]);
        return 2;
    }
    if (sv_library_init() != 0)
        fprintf(stderr, "messages stay in English\n");
    int status = 2;
    sv_diags diags;
    sv_diags_init(&diags);
    sv_model *model = NULL;
    sv_config config = {0};
    sv_findings findings;
    sv_findings_init(&findings);
    if (sv_model_load(&model, argv[1], NULL, &diags) != 0 ||
        sv_config_for_model(&config, NULL, NULL, argv[1], &diags) != 0)
        goto done;
    sv_rule_config rules = {.severity = config.severity, .severity_given = config.severity_given};
    if (sv_rules_run(&findings, model, &rules, &diags) != 0)
        goto done;
    size_t suppressed = 0;
    for (size_t i = 0; i < findings.count; i++)
        suppressed += findings.items[i].suppressed;
    printf("%zu findings, %zu suppressed\n", findings.count - suppressed, suppressed);
    status = 0;
done:
    for (size_t i = 0; i < diags.count; i++)
        fprintf(stderr, "%s\n", diags.items[i].message);
    sv_findings_free(&findings);
    sv_model_free(model);
    sv_config_free(&config);
    sv_diags_free(&diags);
    sv_library_done();
    return status;
}
