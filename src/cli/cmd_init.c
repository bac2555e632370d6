/*
 * `samverkan init [DIR]`: writes a small, commented starter model
 * (model.yaml) and a configuration file (.samverkan.yaml) that check
 * clean, in the user's language. It never overwrites: when either file
 * exists, nothing is written. Each file opens with the modeline that names
 * its installed JSON Schema, so that an editor with a YAML language server
 * completes and checks it from the first keystroke.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/i18n.h"
#include "samverkan/report.h"
#include "util/i18n.h"
#include "util/text.h"

enum { O_HELP = 1, O_LANG };

const sv_option sv_init_options[] = {
    {"lang", 0, "sv|en", N_("language of messages and of the starter model's comments"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

#ifndef SV_SCHEMA_URI
#define SV_SCHEMA_URI "/usr/share/samverkan/models/"
#endif
#define MODELINE(schema) "# yaml-language-server: $schema=" SV_SCHEMA_URI schema "\n"

/* The starter model; the same elements in both languages, only the
 * comments differ. tests/cli checks that it loads without findings. */
static const char model_sv[] =
    MODELINE("samverkan.schema.json")
    "# En första modell av en samverkansöverenskommelse för samverkan.\n"
    "# Kör: samverkan check model.yaml   (ska ge 0 fel, 0 varningar, 0 noteringar)\n"
    "# Byt namnen mot era egna och bygg vidare; docs/model-format.md beskriver\n"
    "# varje nyckel. Id skrivs med små bokstäver a-z, siffror, - och _.\n"
    "samverkan: 1\n"
    "\n"
    "# Överenskommelsen: årtalet styr vilka målvärden som granskas.\n"
    "agreement:\n"
    "  id: var-overenskommelse\n"
    "  name: Vår samverkansöverenskommelse\n"
    "  valid_from: 2025-01-01\n"
    "  year: 2025\n"
    "  audited: [socialnamnden]\n"
    "  # Format 1.1 (skriv då samverkan: 1.1): slag av överenskommelse och finansiering.\n"
    "  # kind: finsam            # finsam (samordningsförbund), local eller other\n"
    "  # audited_by: revisorerna # revisorerna, en part av slaget auditor\n"
    "  # funding:                # andelarna ska bli 100 %; i Finsam staten 50, region 25, kommuner 25\n"
    "  #   shares: [{party: arbetsformedlingen, percent: 25}, {party: forsakringskassan, percent: 25}]\n"
    "\n"
    "# Parterna och deras enheter (part_of bildar ett träd).\n"
    "parties:\n"
    "  - {id: kommunen, name: Kommunen, kind: municipality, signatory: true}\n"
    "  - {id: socialnamnden, name: Socialnämnden, kind: committee, part_of: kommunen}\n"
    "  - {id: arbetsformedlingen, name: Arbetsförmedlingen, kind: agency, signatory: true}\n"
    "  - {id: forsakringskassan, name: Försäkringskassan, kind: agency, signatory: true}\n"
    "  - {id: forbundet, name: Samordningsförbundet, kind: association, signatory: true}\n"
    "\n"
    "# Roller och personer: vem som sitter var och vem som är ordförande.\n"
    "roles:\n"
    "  - {id: forbundschef, name: Förbundschef, party: forbundet}\n"
    "  - {id: handlaggare, name: Handläggare, party: socialnamnden}\n"
    "people:\n"
    "  - {id: ordforande-styrelsen, name: Ordförande i styrelsen, party: kommunen}\n"
    "  - {id: ordforande-styrgruppen, name: Ordförande i styrgruppen, party: arbetsformedlingen}\n"
    "\n"
    "# Organen på de tre nivåerna och torget där arbetet görs.\n"
    "bodies:\n"
    "  - id: styrelsen\n"
    "    name: Förbundets styrelse\n"
    "    level: decision\n"
    "    kind: board\n"
    "    members: [kommunen, arbetsformedlingen, forsakringskassan, ordforande-styrelsen]\n"
    "    chair: ordforande-styrelsen\n"
    "    meets: quarterly\n"
    "    # votes: per-party             # per-member | per-party (format 1.1)\n"
    "    # deputies: [kommunen, arbetsformedlingen, forsakringskassan]   # ersättare (format 1.1)\n"
    "  - id: strategiska-gruppen\n"
    "    name: Strategiska samverkansgruppen\n"
    "    level: strategic\n"
    "    kind: group\n"
    "    members: [kommunen, arbetsformedlingen, forsakringskassan, forbundschef]\n"
    "    chair: forbundschef\n"
    "    reports_to: styrelsen\n"
    "    meets: monthly\n"
    "  - id: styrgruppen\n"
    "    name: Styrgrupp för torget\n"
    "    level: operational\n"
    "    kind: steering-group\n"
    "    members: [kommunen, arbetsformedlingen, ordforande-styrgruppen]\n"
    "    chair: ordforande-styrgruppen\n"
    "    reports_to: strategiska-gruppen\n"
    "    party_count: 2\n"
    "    meets: monthly\n"
    "  - id: torget\n"
    "    name: Torget\n"
    "    level: delivery\n"
    "    kind: service-point\n"
    "    members: [kommunen, handlaggare, arbetsformedlingen]\n"
    "    reports_to: styrgruppen\n"
    "\n"
    "# En process steg för steg: vem som gör ('responsible') och vem som svarar\n"
    "# för ('accountable') varje steg, och uppföljning även efter avslutet.\n"
    "processes:\n"
    "  - id: insats\n"
    "    name: Insats via torget\n"
    "    runs_at: torget\n"
    "    owner: styrgruppen\n"
    "    steps:\n"
    "      - {id: aktualisering, name: Aktualisering, kind: start, responsible: handlaggare, accountable: socialnamnden, next: planering}\n"
    "      - {id: planering, name: Planering med individen, responsible: handlaggare, accountable: socialnamnden, next: avslut}\n"
    "      - {id: avslut, name: Avslut, kind: end, responsible: handlaggare, accountable: socialnamnden, next: uppfoljning}\n"
    "      - {id: uppfoljning, name: Uppföljning efter sex månader, kind: follow-up, responsible: handlaggare, accountable: socialnamnden, after_days: 180, next: klar}\n"
    "      - {id: klar, name: Klar, kind: end, responsible: handlaggare, accountable: socialnamnden}\n"
    "\n"
    "# Mål med indikatorer, uppmätta värden och målvärden.\n"
    "goals:\n"
    "  - id: mal-kommunen\n"
    "    name: Fler går till arbete eller studier\n"
    "    owner: kommunen\n"
    "    indicators:\n"
    "      - {id: andel-arbete, name: Andel som går till arbete eller studier, unit: percent, baseline: {2024: 30}, targets: {2025: 35}}\n"
    "  - id: mal-socialnamnden\n"
    "    name: Kortare tid med ekonomiskt bistånd\n"
    "    owner: socialnamnden\n"
    "    contributes_to: mal-kommunen\n"
    "    indicators:\n"
    "      - {id: manader-bistand, name: Månader med ekonomiskt bistånd, unit: count, baseline: {2024: 9}, targets: {2025: 8}}\n"
    "\n"
    "# Återrapportering uppåt och återkoppling tillbaka.\n"
    "reporting:\n"
    "  - {id: rapport-torget, from: torget, to: styrgruppen, what: Inflöde och utfall, covers: insats, meets: monthly}\n"
    "  - {id: rapport-socialnamnden, from: socialnamnden, to: strategiska-gruppen, what: Resultat för nämndens mål, covers: [mal-socialnamnden, mal-kommunen], meets: quarterly}\n"
    "  - {id: aterkoppling, from: strategiska-gruppen, to: [socialnamnden, kommunen], what: Analys och återkoppling, covers: mal-kommunen, meets: quarterly}\n"
    "  - {id: arsrapport, from: styrelsen, to: [kommunen, arbetsformedlingen, forsakringskassan], what: Årsredovisning, meets: yearly}\n"
    "\n"
    "# Format 1.1: tidsbegränsade projekt och insatser, med ägare, styrgrupp och utvärdering.\n"
    "# Ett organ kan ha period: {from: DATUM, to: DATUM} och for_each: municipality.\n"
    "# projects:\n"
    "#   - {id: projektet, name: Projektet, owner: forbundet, steering_group: styrgruppen,\n"
    "#      evaluation: {by: forbundet, due: 2025-12-31}}\n"
    "\n"
    "# Köuppgifter för simuleringen (antaganden: byt mot era egna siffror).\n"
    "service_points:\n"
    "  - at: torget\n"
    "    arrivals_per_month: 10\n"
    "    slots: 40\n"
    "    intake: biweekly\n"
    "    duration: {dist: lognormal, mean_days: 90, cv: 0.8}\n"
    "    outcomes: {arbete: 0.4, studier: 0.2, avbrott: 0.4}\n"
    "    positive: [arbete, studier]\n";

static const char model_en[] =
    MODELINE("samverkan.schema.json")
    "# A first model of a cooperation agreement, for samverkan.\n"
    "# Run: samverkan check model.yaml   (gives 0 errors, 0 warnings, 0 notes)\n"
    "# Replace the names with your own and build on it; docs/model-format.md\n"
    "# describes every key. Ids are written in lower case a-z, digits, - and _.\n"
    "samverkan: 1\n"
    "\n"
    "# The agreement: the year decides which target values are checked.\n"
    "agreement:\n"
    "  id: var-overenskommelse\n"
    "  name: Vår samverkansöverenskommelse\n"
    "  valid_from: 2025-01-01\n"
    "  year: 2025\n"
    "  audited: [socialnamnden]\n"
    "  # Format 1.1 (then write samverkan: 1.1): the kind of agreement and its money.\n"
    "  # kind: finsam            # finsam (samordningsförbund), local or other\n"
    "  # audited_by: revisorerna # the auditors, a party of kind auditor\n"
    "  # funding:                # shares add up to 100 %; in Finsam the state 50, region 25, municipalities 25\n"
    "  #   shares: [{party: arbetsformedlingen, percent: 25}, {party: forsakringskassan, percent: 25}]\n"
    "\n"
    "# The parties and their units (part_of makes a tree).\n"
    "parties:\n"
    "  - {id: kommunen, name: Kommunen, kind: municipality, signatory: true}\n"
    "  - {id: socialnamnden, name: Socialnämnden, kind: committee, part_of: kommunen}\n"
    "  - {id: arbetsformedlingen, name: Arbetsförmedlingen, kind: agency, signatory: true}\n"
    "  - {id: forsakringskassan, name: Försäkringskassan, kind: agency, signatory: true}\n"
    "  - {id: forbundet, name: Samordningsförbundet, kind: association, signatory: true}\n"
    "\n"
    "# Roles and people: who sits where, and who chairs.\n"
    "roles:\n"
    "  - {id: forbundschef, name: Förbundschef, party: forbundet}\n"
    "  - {id: handlaggare, name: Handläggare, party: socialnamnden}\n"
    "people:\n"
    "  - {id: ordforande-styrelsen, name: Ordförande i styrelsen, party: kommunen}\n"
    "  - {id: ordforande-styrgruppen, name: Ordförande i styrgruppen, party: arbetsformedlingen}\n"
    "\n"
    "# The bodies on the three levels, and the service point where the work is done.\n"
    "bodies:\n"
    "  - id: styrelsen\n"
    "    name: Förbundets styrelse\n"
    "    level: decision\n"
    "    kind: board\n"
    "    members: [kommunen, arbetsformedlingen, forsakringskassan, ordforande-styrelsen]\n"
    "    chair: ordforande-styrelsen\n"
    "    meets: quarterly\n"
    "    # votes: per-party             # per-member | per-party (format 1.1)\n"
    "    # deputies: [kommunen, arbetsformedlingen, forsakringskassan]   # deputies (format 1.1)\n"
    "  - id: strategiska-gruppen\n"
    "    name: Strategiska samverkansgruppen\n"
    "    level: strategic\n"
    "    kind: group\n"
    "    members: [kommunen, arbetsformedlingen, forsakringskassan, forbundschef]\n"
    "    chair: forbundschef\n"
    "    reports_to: styrelsen\n"
    "    meets: monthly\n"
    "  - id: styrgruppen\n"
    "    name: Styrgrupp för torget\n"
    "    level: operational\n"
    "    kind: steering-group\n"
    "    members: [kommunen, arbetsformedlingen, ordforande-styrgruppen]\n"
    "    chair: ordforande-styrgruppen\n"
    "    reports_to: strategiska-gruppen\n"
    "    party_count: 2\n"
    "    meets: monthly\n"
    "  - id: torget\n"
    "    name: Torget\n"
    "    level: delivery\n"
    "    kind: service-point\n"
    "    members: [kommunen, handlaggare, arbetsformedlingen]\n"
    "    reports_to: styrgruppen\n"
    "\n"
    "# A process step by step: who does the work (responsible) and who answers\n"
    "# for it (accountable), and a follow-up after the end too.\n"
    "processes:\n"
    "  - id: insats\n"
    "    name: Insats via torget\n"
    "    runs_at: torget\n"
    "    owner: styrgruppen\n"
    "    steps:\n"
    "      - {id: aktualisering, name: Aktualisering, kind: start, responsible: handlaggare, accountable: socialnamnden, next: planering}\n"
    "      - {id: planering, name: Planering med individen, responsible: handlaggare, accountable: socialnamnden, next: avslut}\n"
    "      - {id: avslut, name: Avslut, kind: end, responsible: handlaggare, accountable: socialnamnden, next: uppfoljning}\n"
    "      - {id: uppfoljning, name: Uppföljning efter sex månader, kind: follow-up, responsible: handlaggare, accountable: socialnamnden, after_days: 180, next: klar}\n"
    "      - {id: klar, name: Klar, kind: end, responsible: handlaggare, accountable: socialnamnden}\n"
    "\n"
    "# Goals with indicators, measured values and target values.\n"
    "goals:\n"
    "  - id: mal-kommunen\n"
    "    name: Fler går till arbete eller studier\n"
    "    owner: kommunen\n"
    "    indicators:\n"
    "      - {id: andel-arbete, name: Andel som går till arbete eller studier, unit: percent, baseline: {2024: 30}, targets: {2025: 35}}\n"
    "  - id: mal-socialnamnden\n"
    "    name: Kortare tid med ekonomiskt bistånd\n"
    "    owner: socialnamnden\n"
    "    contributes_to: mal-kommunen\n"
    "    indicators:\n"
    "      - {id: manader-bistand, name: Månader med ekonomiskt bistånd, unit: count, baseline: {2024: 9}, targets: {2025: 8}}\n"
    "\n"
    "# Reporting up, and feedback back down.\n"
    "reporting:\n"
    "  - {id: rapport-torget, from: torget, to: styrgruppen, what: Inflöde och utfall, covers: insats, meets: monthly}\n"
    "  - {id: rapport-socialnamnden, from: socialnamnden, to: strategiska-gruppen, what: Resultat för nämndens mål, covers: [mal-socialnamnden, mal-kommunen], meets: quarterly}\n"
    "  - {id: aterkoppling, from: strategiska-gruppen, to: [socialnamnden, kommunen], what: Analys och återkoppling, covers: mal-kommunen, meets: quarterly}\n"
    "  - {id: arsrapport, from: styrelsen, to: [kommunen, arbetsformedlingen, forsakringskassan], what: Årsredovisning, meets: yearly}\n"
    "\n"
    "# Format 1.1: time-limited projects and insatser, with owner, steering group and evaluation.\n"
    "# A body can have period: {from: DATE, to: DATE} and for_each: municipality.\n"
    "# projects:\n"
    "#   - {id: projektet, name: Projektet, owner: forbundet, steering_group: styrgruppen,\n"
    "#      evaluation: {by: forbundet, due: 2025-12-31}}\n"
    "\n"
    "# Queue facts for the simulation (assumptions: replace with your own figures).\n"
    "service_points:\n"
    "  - at: torget\n"
    "    arrivals_per_month: 10\n"
    "    slots: 40\n"
    "    intake: biweekly\n"
    "    duration: {dist: lognormal, mean_days: 90, cv: 0.8}\n"
    "    outcomes: {arbete: 0.4, studier: 0.2, avbrott: 0.4}\n"
    "    positive: [arbete, studier]\n";

static const char config_sv[] =
    MODELINE("samverkan-config.schema.json")
    "# Inställningar för samverkan check, för modellerna i den här mappen och\n"
    "# dess undermappar (den närmaste .samverkan.yaml uppåt gäller).\n"
    "# Se docs/cli.md och docs/audit.md.\n"
    "rules: {}          # t.ex. {body-without-chair: notering, sole-link: off}\n"
    "audit:\n"
    "  nej_at: 3        # så många regler med allvarliga iakttagelser ger svaret Nej\n";

static const char config_en[] =
    MODELINE("samverkan-config.schema.json")
    "# Settings for samverkan check, for the models in this folder and below\n"
    "# it (the nearest .samverkan.yaml upwards applies).\n"
    "# See docs/cli.md and docs/audit.md.\n"
    "rules: {}          # e.g. {body-without-chair: note, sole-link: off}\n"
    "audit:\n"
    "  nej_at: 3        # this many rules with major findings answer \"Nej\"\n";

typedef struct args {
    bool help;
    const char *dir;
    int dirs;
} args;

static int on_option(const sv_option *o, const char *value, void *data)
{
    args *a = data;
    if (!o) {
        a->dir = value;
        a->dirs++;
    } else if (o->id == O_HELP) {
        a->help = true;
    }
    return 0;
}

/* mkdir -p: the directory and any missing parents. */
static int make_directories(const char *dir)
{
    char *path = strdup(dir);
    if (!path)
        return -1;
    int result = 0;
    for (char *p = path + 1; result == 0; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            result = -1;
        *p = saved;
        if (end)
            break;
    }
    struct stat st;
    if (result == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        errno = ENOTDIR;
        result = -1;
    }
    free(path);
    return result;
}

int sv_cmd_init(const sv_command *self, int argc, char **argv)
{
    args a = {.dir = "."};
    if (sv_options_parse(argc, argv, 2, sv_init_options, on_option, &a) != 0)
        return 2;
    if (a.help) {
        sv_command_help(self);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (!sv_command_arity_ok(self, (size_t)a.dirs)) {
        fputs(_("samverkan: init takes at most one directory\n"), stderr);
        return 2;
    }
    if (make_directories(a.dir) != 0) {
        fprintf(stderr, _("samverkan: cannot create the directory '%s': %s\n"), a.dir, strerror(errno));
        return 2;
    }
    bool swedish = strcmp(sv_cli_language(), "sv") == 0;
    char *model = sv_concat(a.dir, "/", "model.yaml"), *config = sv_concat(a.dir, "/", ".samverkan.yaml");
    int code = 2;
    struct stat st;
    if (!model || !config)
        goto done;
    /* both or neither: look before writing anything */
    if (stat(model, &st) == 0 || stat(config, &st) == 0) {
        fprintf(stderr, _("samverkan: '%s' already exists; init writes nothing over an existing file\n"),
                stat(model, &st) == 0 ? model : config);
        goto done;
    }
    if (sv_report_write_new(model, swedish ? model_sv : model_en) != 0) {
        fprintf(stderr, _("samverkan: cannot write '%s': %s\n"), model, strerror(errno));
        goto done;
    }
    if (sv_report_write_new(config, swedish ? config_sv : config_en) != 0) {
        fprintf(stderr, _("samverkan: cannot write '%s': %s\n"), config, strerror(errno));
        unlink(model);
        goto done;
    }
    printf(_("Wrote %s and %s. Next:\n  samverkan check %s\n"), model, config, model);
    code = fflush(stdout) == 0 ? 0 : 2;
done:
    free(model);
    free(config);
    return code;
}
