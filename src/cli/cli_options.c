#include <config.h>

#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "checksheet: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_help(const cli_verb *verb, FILE *out)
{
	fprintf(out, _("Usage: checksheet %s %s\n"), verb->name, _(verb->usage));
	fprintf(out, "%s\n", _(verb->summary));
	if (!verb->options)
		return;
	fprintf(out, "\n%s\n", _("Options:"));
	for (const cli_option *o = verb->options; o->name; o++) {
		strbuf sb;
		sb_init(&sb);
		if (o->key < 256)
			sb_printf(&sb, "  -%c, --%s", o->key, o->name);
		else
			sb_printf(&sb, "      --%s", o->name);
		if (o->arg)
			sb_printf(&sb, " %s", _(o->arg));
		size_t w = utf8_width(sb_str(&sb));
		fprintf(out, "%s%*s%s\n", sb_str(&sb), w < 30 ? (int)(30 - w) : 1, "", _(o->help));
		sb_free(&sb);
	}
}

int cli_parse(const cli_verb *verb, int argc, char **argv,
	      bool (*on_option)(int key, const char *arg, void *ctx), void *ctx)
{
	size_t n = 0;
	for (const cli_option *o = verb->options; o && o->name; o++)
		n++;
	struct option *longs = xcalloc(n + 2, sizeof *longs);
	strbuf shorts;
	sb_init(&shorts);
	sb_add(&shorts, "h");
	for (size_t i = 0; i < n; i++) {
		const cli_option *o = &verb->options[i];
		longs[i].name = o->name;
		longs[i].has_arg = o->arg ? required_argument : no_argument;
		longs[i].val = o->key;
		if (o->key < 256) {
			sb_addc(&shorts, (char)o->key);
			if (o->arg)
				sb_addc(&shorts, ':');
		}
	}
	longs[n].name = "help";
	longs[n].val = 'h';
	opterr = 0;
	optind = 1;
	int result = 0;
	for (;;) {
		int c = getopt_long(argc, argv, sb_str(&shorts), longs, NULL);
		if (c == -1)
			break;
		if (c == 'h') {
			cli_print_help(verb, stdout);
			result = -1;
			break;
		}
		if (c == '?' || c == ':') {
			if (optopt && optopt < 256)
				cli_error(_("%s: unknown option or missing argument: -%c"), verb->name, optopt);
			else
				cli_error(_("%s: unknown option or missing argument: %s"), verb->name,
					  argv[optind - 1]);
			fprintf(stderr, _("Try 'checksheet %s --help'.\n"), verb->name);
			result = -2;
			break;
		}
		if (!on_option(c, optarg, ctx)) {
			fprintf(stderr, _("Try 'checksheet %s --help'.\n"), verb->name);
			result = -2;
			break;
		}
	}
	free(longs);
	sb_free(&shorts);
	return result ? result : optind;
}

/* Exact: whole bytes with an optional k/M/G (KiB/MiB/GiB) or kB/MB/GB
 * suffix; no sign, fraction, exponent or overflow (load_parse_size). */
bool cli_parse_size(const char *text, size_t *out)
{
	const char *why;
	return load_parse_size(text, out, &why);
}
