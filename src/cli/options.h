/*
 * Declarative command-line options: one table per command drives both the
 * parsing and the --help text, so the two cannot drift apart.
 */
#ifndef SV_CLI_OPTIONS_H
#define SV_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "samverkan/diag.h"

typedef struct sv_option {
    const char *long_name;   /* without the dashes */
    char short_name;         /* 0 for none */
    const char *value_name;  /* NULL for a flag; marked N_() where it has words to translate */
    const char *help;        /* English, marked N_() */
    int id;
} sv_option;

/* Called for each option found (value NULL for flags) and for each
 * positional argument (option NULL). Returns 0, or -1 to stop (having
 * printed why). */
typedef int (*sv_option_fn)(const sv_option *option, const char *value, void *data);

/* Parses argv[first..argc). Unknown options and missing values are
 * reported on stderr with a "did you mean" hint; returns 0 or -1. */
int sv_options_parse(int argc, char **argv, int first, const sv_option *options, sv_option_fn fn,
                     void *data);

/* Prints the options table as --help text. */
void sv_options_help(FILE *out, const sv_option *options);

/* Prints a command's whole --help: usage line, summary (both already
   translated), then the options table. */
void sv_options_usage(FILE *out, const char *usage, const char *summary, const sv_option *options);

/* A whole number from lo to hi, nothing else: true and *out set, or false. */
bool sv_options_number(const char *text, long lo, long hi, long *out);

/* The limits on reading a model, which every command that reads one takes
   the same way (docs/limits.md). Their ids are above any command's own. */
enum { SV_OPT_MAX_FILE_SIZE = 1000, SV_OPT_MAX_DEPTH, SV_OPT_MAX_NODES, SV_OPT_ALLOW_BASE_OUTSIDE };
#define SV_LIMIT_OPTIONS                                                                           \
    {"max-file-size", 0, N_("BYTES"), N_("refuse larger model files (default 16 MiB)"),              \
     SV_OPT_MAX_FILE_SIZE},                                                                        \
    {"max-depth", 0, N_("N"), N_("refuse deeper nesting of lists and mappings (default 64)"),        \
     SV_OPT_MAX_DEPTH},                                                                            \
    {"max-nodes", 0, N_("N"), N_("refuse files with more YAML nodes (default 4000000)"),             \
     SV_OPT_MAX_NODES},                                                                            \
    {"allow-base-outside", 0, NULL,                                                                \
     N_("let a scenario's base lie outside the scenario's project folder"),                        \
     SV_OPT_ALLOW_BASE_OUTSIDE}

#define SV_OPT_IS_LIMIT(id) ((id) >= SV_OPT_MAX_FILE_SIZE && (id) <= SV_OPT_ALLOW_BASE_OUTSIDE)

/* The bound on every output of a command that writes one (render, report,
   metrics, simulate; docs/limits.md, "Writing"). */
enum { SV_OPT_MAX_OUTPUT_SIZE = 1200 };
#define SV_OUTPUT_OPTION                                                                           \
    {"max-output-size", 0, N_("BYTES"),                                                            \
     N_("refuse to write an output larger than this, before making it (default 64 MiB)"),         \
     SV_OPT_MAX_OUTPUT_SIZE}

/* Reads --max-output-size: 0 and *bytes set, or -1 (with the reason on
   stderr). */
int sv_options_output_size(const char *value, unsigned long long *bytes);

/* --no-config, beside each command's --config: no configuration file at
   all, the defaults only (SV_CONFIG_NONE); the later of the two wins. */
enum { SV_OPT_NO_CONFIG = 1400 };
#define SV_NO_CONFIG_OPTION                                                                        \
    {"no-config", 0, NULL,                                                                         \
     N_("read no configuration file, nor SAMVERKAN_CONFIG: the defaults only"), SV_OPT_NO_CONFIG}

/* How the commands that write CSV (metrics, simulate, render raci) write
   it (docs/cli.md, "CSV"): the option, and its default, which follows the
   language of messages: excel in Swedish, rfc4180 in English. */
enum { SV_OPT_CSV_DIALECT = 1300 };
#define SV_CSV_OPTION                                                                              \
    {"csv-dialect", 0, "excel|rfc4180",                                                            \
     N_("how CSV is written: excel (';', decimal comma, byte order mark) or rfc4180 (',', "        \
        "decimal point); default excel in Swedish, rfc4180 in English"),                           \
     SV_OPT_CSV_DIALECT}

/* Reads --csv-dialect into *dialect (and *given): 0, or -1 with the reason
   on stderr. */
int sv_options_csv_dialect(const char *value, sv_csv_dialect *dialect, bool *given);

/* The dialect when --csv-dialect is not given. */
sv_csv_dialect sv_options_csv_default(void);

/* The simulation's settings, taken by simulate and report alike; each
   command words their help in its own table. */
enum { SV_OPT_MONTHS = 1100, SV_OPT_WARMUP, SV_OPT_RUNS, SV_OPT_SEED, SV_OPT_PRECISION };
#define SV_OPT_IS_SIMULATION(id) ((id) >= SV_OPT_MONTHS && (id) <= SV_OPT_PRECISION)

struct sv_sim_options;
struct sv_sim_target;
/* Reads --target (wait=14d, lead=14d, p90=30d, share-over=30d:10%) for
   simulate and report alike: 0 when set, -1 with the reason on stderr. */
int sv_options_target(const char *value, struct sv_sim_target *target, bool *given);

/* Applies one of the SV_OPT_MONTHS..SV_OPT_PRECISION options to *sim: 0 when
   set, -1 (with the reason on stderr) when the value is out of range. */
int sv_options_simulation(const sv_option *option, const char *value, struct sv_sim_options *sim);

struct sv_load_limits;
/* Applies one of SV_LIMIT_OPTIONS to *limits: 0 when set, -1 (with the
   reason on stderr) when the value is not one it takes. */
int sv_options_limit(int id, const char *value, struct sv_load_limits *limits);

#endif
