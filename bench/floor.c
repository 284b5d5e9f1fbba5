/* The floor of make bench: libyaml's event parser run over each file named,
 * building nothing (every event is deleted as soon as it is read). What
 * checksheet does beyond this is the cost of its own work.
 *   bench/floor FILE...   prints the number of events per file; exit 1 on
 *                         a file that cannot be read or parsed. */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

static int scan(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return 1;
	}
	yaml_parser_set_input_file(&parser, f);
	unsigned long events = 0;
	int status = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s:%lu:%lu: %s\n", path, (unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "parse error");
			status = 1;
			break;
		}
		yaml_event_type_t type = ev.type;
		yaml_event_delete(&ev);
		events++;
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	if (!status)
		printf("%s: %lu events\n", path, events);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i++)
		status |= scan(argv[i]);
	return status;
}
