/*
 * The command table's row, and the commands that live in their own files
 * (cmd_*.c). A command's name, summary, usage line, options and number of
 * arguments are written once, in its row of the table in main.c; --help,
 * `samverkan --help`, the completion and the manual page's test read them
 * from there. Each command is given its own row and returns the process's
 * exit code.
 */
#ifndef SV_CLI_COMMANDS_H
#define SV_CLI_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/options.h"

/* No upper bound on a command's arguments. */
#define SV_ARGS_MANY ((size_t)-1)

typedef struct sv_command {
    const char *name;
    int (*run)(const struct sv_command *self, int argc, char **argv);
    const char *summary;      /* English, N_(): `samverkan --help` and the command's --help */
    const char *usage;        /* English, N_(): "samverkan NAME [OPTIONS] ..." */
    const sv_option *options;
    size_t min_args, max_args; /* the arguments that are not options */
} sv_command;

/* The command's --help: its usage line, summary and options. */
void sv_command_help(const sv_command *command);

/* Whether `count` arguments are as many as the command takes. */
bool sv_command_arity_ok(const sv_command *command, size_t count);

/* Whether the file name `name` ends in .yaml or .yml: the files a folder's
 * walk takes for models (check DIR) and serve for scenarios (main.c). */
bool sv_cli_yaml_name(const char *name);

int sv_cmd_diff(const sv_command *self, int argc, char **argv);
int sv_cmd_whatif(const sv_command *self, int argc, char **argv);
extern const sv_option sv_diff_options[];
extern const sv_option sv_whatif_options[];
int sv_cmd_metrics(const sv_command *self, int argc, char **argv);
extern const sv_option sv_metrics_options[];
int sv_cmd_init(const sv_command *self, int argc, char **argv);
extern const sv_option sv_init_options[];
int sv_cmd_report(const sv_command *self, int argc, char **argv);
extern const sv_option sv_report_options[];
int sv_cmd_simulate(const sv_command *self, int argc, char **argv);
extern const sv_option sv_simulate_options[];
int sv_cmd_serve(const sv_command *self, int argc, char **argv);
extern const sv_option sv_serve_options[];

/* A scenario's `name`, told again from the head of its file
 * (sv_scenario_head; it has been checked on loading), to be freed; NULL
 * when the file is no scenario or has no name, and the path stands for it
 * (cmd_report.c). */
char *sv_cli_scenario_name(const char *path);

#endif
