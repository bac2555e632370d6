/*
 * Commands that live in their own files (cmd_*.c), for the command table
 * in main.c. Each returns the process's exit code.
 */
#ifndef SV_CLI_COMMANDS_H
#define SV_CLI_COMMANDS_H

#include "cli/options.h"

int sv_cmd_diff(int argc, char **argv);
int sv_cmd_whatif(int argc, char **argv);
extern const sv_option sv_diff_options[];
extern const sv_option sv_whatif_options[];
int sv_cmd_metrics(int argc, char **argv);
extern const sv_option sv_metrics_options[];
int sv_cmd_init(int argc, char **argv);
extern const sv_option sv_init_options[];
int sv_cmd_report(int argc, char **argv);
extern const sv_option sv_report_options[];
int sv_cmd_simulate(int argc, char **argv);
extern const sv_option sv_simulate_options[];

/* A scenario's `name`, read again from its file (it has been checked on
 * loading), to be freed; NULL when the file is no scenario or has no name,
 * and the path stands for it (cmd_report.c). */
struct sv_load_limits;
char *sv_cli_scenario_name(const char *path, const struct sv_load_limits *limits);

#endif
