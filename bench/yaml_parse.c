/*
 * The reference for the whole-command benchmark: reads a YAML file and runs
 * libyaml's event parser over it, dropping every event, and nothing else.
 * No loader can go below this, so `bench/run` states the cost of
 * `samverkan check` as a multiple of it, measured in the same run (a ratio
 * survives a noisy shared machine better than seconds do).
 * Usage: yaml_parse FILE   (prints the number of events)
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: yaml_parse FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t capacity = 1 << 16, size = 0;
    unsigned char *data = malloc(capacity);
    for (;;) {
        if (!data)
            return 2;
        size += fread(data + size, 1, capacity - size, f);
        if (size < capacity)
            break;
        capacity *= 2;
        data = realloc(data, capacity);
    }
    fclose(f);
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, data, size);
    size_t events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            fprintf(stderr, "%s: YAML error at line %zu\n", argv[1], parser.problem_mark.line + 1);
            return 1;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        events++;
        if (end)
            break;
    }
    yaml_parser_delete(&parser);
    free(data);
    printf("%zu\n", events);
    return 0;
}
