/*
 * The one way the report stage writes a JSON document, so that every JSON
 * output of samverkan (check, diff, metrics, simulate, SARIF) looks alike:
 * two-space indent, keys in the order they were set, a final newline.
 */
#ifndef SV_REPORT_JSON_H
#define SV_REPORT_JSON_H

#include <jansson.h>
#include <stdio.h>

/* A new JSON document with its header: {"tool": "samverkan", "version",
   "format": SV_JSON_FORMAT}, the keys every JSON output starts with. */
json_t *sv_report_json_document(void);

/* Writes `root` to `out` and releases it. `flags` adds to the common ones
   (JSON_REAL_PRECISION, say). 0, or -1 when the document could not be
   written in full. */
int sv_report_json_write(FILE *out, json_t *root, size_t flags);

#endif
