#include <config.h>

#include "table_text.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

#define INDENT "  "

static const char *column_label(const tmpl_item *it, const char *id, const char *lang)
{
	for (size_t c = 0; c < it->n_columns; c++)
		if (strcmp(it->columns[c].id, id) == 0 && !ltext_empty(&it->columns[c].label))
			return ltext_get(&it->columns[c].label, lang);
	return id;
}

static void add_cell(strbuf *sb, const char *label, const char *text)
{
	sb_printf(sb, "%s:", label);
	if (*text)
		sb_addc(sb, ' ');
	for (const char *p = text; *p; p++) {
		sb_addc(sb, *p);
		if (*p == '\n')
			sb_add(sb, INDENT);
	}
	sb_addc(sb, '\n');
}

char *table_text_encode(const tmpl_item *it, const answer *an, const char *lang)
{
	strbuf sb;
	sb_init(&sb);
	for (size_t r = 0; an && r < an->n_rows; r++) {
		const raw_pairs *cells = &an->rows[r].cells;
		if (r)
			sb_addc(&sb, '\n');
		size_t before = sb.len;
		/* the template's columns in its order, then any other key */
		for (size_t c = 0; c < it->n_columns; c++) {
			const char *v = raw_pairs_scalar(cells, it->columns[c].id);
			if (v && *v)
				add_cell(&sb, column_label(it, it->columns[c].id, lang), v);
		}
		for (size_t k = 0; k < cells->n; k++) {
			bool known = false;
			for (size_t c = 0; c < it->n_columns && !known; c++)
				known = strcmp(it->columns[c].id, cells->v[k].key) == 0;
			const char *v = raw_pairs_scalar(cells, cells->v[k].key);
			if (!known && v && *v)
				add_cell(&sb, cells->v[k].key, v);
		}
		if (sb.len == before)
			add_cell(&sb, it->n_columns ? column_label(it, it->columns[0].id, lang) : "-", "");
	}
	/* no line break after the last line: a cell does not end in one */
	if (sb.len && sb.s[sb.len - 1] == '\n')
		sb.s[--sb.len] = '\0';
	return sb_take(&sb);
}

/* The column a line names ("用途: ..."), its id and where the text starts;
 * the longest label wins (a label may be another's prefix). */
static char *line_column(const tmpl_item *it, const char *line, bool own_keys, const char **text)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t c = 0; c < it->n_columns; c++) {
		const tmpl_label *col = &it->columns[c];
		size_t nl = col->label.n;
		for (size_t j = 0; j <= nl; j++) {
			const char *name = j < nl ? col->label.v[j].text : col->id;
			size_t k = strlen(name);
			if (k > best_len && strncmp(line, name, k) == 0 &&
			    (line[k] == ':' || strncmp(line + k, "：", 3) == 0)) {
				best = col->id;
				best_len = k;
			}
		}
	}
	if (!best && !own_keys)
		return NULL;
	char *key;
	if (!best) {
		/* a key of its own: an id-like word before ": " */
		const char *colon = strchr(line, ':');
		if (!colon || colon == line || colon[1] != ' ')
			return NULL;
		for (const char *p = line; p < colon; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
				return NULL;
		best_len = (size_t)(colon - line);
		key = xstrndup(line, best_len);
	} else
		key = xstrdup(best);
	const char *t = line + best_len;
	t += *t == ':' ? 1 : 3;
	if (*t == ' ')
		t++;
	*text = t;
	return key;
}

typedef struct pending_row {
	char **keys, **texts;
	size_t n;
} pending_row;

static void rows_free(pending_row *rows, size_t n)
{
	for (size_t r = 0; r < n; r++) {
		for (size_t k = 0; k < rows[r].n; k++) {
			free(rows[r].keys[k]);
			free(rows[r].texts[k]);
		}
		free(rows[r].keys);
		free(rows[r].texts);
	}
	free(rows);
}

static bool decode_labelled(const tmpl_item *it, const char *text, answer *an)
{
	pending_row *rows = NULL;
	size_t n = 0;
	bool in_row = false, ok = true;
	char *copy = xstrdup(text);
	for (char *line = copy, *next; line && ok; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!*line) {
			in_row = false;
			continue;
		}
		if (strncmp(line, INDENT, 2) == 0) {
			/* the next line of the cell above */
			if (!in_row || !rows[n - 1].n) {
				ok = false;
				break;
			}
			pending_row *pr = &rows[n - 1];
			char *joined = xasprintf("%s\n%s", pr->texts[pr->n - 1], line + 2);
			free(pr->texts[pr->n - 1]);
			pr->texts[pr->n - 1] = joined;
			continue;
		}
		const char *cell;
		char *key = line_column(it, line, true, &cell);
		if (!key) {
			ok = false;
			break;
		}
		if (!in_row) {
			rows = xreallocarray(rows, n + 1, sizeof *rows);
			memset(&rows[n++], 0, sizeof *rows);
			in_row = true;
		}
		pending_row *pr = &rows[n - 1];
		for (size_t k = 0; k < pr->n && ok; k++)
			ok = strcmp(pr->keys[k], key) != 0; /* a column twice: no telling */
		if (!ok) {
			free(key);
			break;
		}
		pr->keys = xreallocarray(pr->keys, pr->n + 1, sizeof *pr->keys);
		pr->texts = xreallocarray(pr->texts, pr->n + 1, sizeof *pr->texts);
		pr->keys[pr->n] = key;
		pr->texts[pr->n++] = xstrdup(cell);
	}
	free(copy);
	/* every row names at least one of the template's columns: else this
	 * is prose with colons, not a table */
	for (size_t r = 0; r < n && ok; r++) {
		bool known = false;
		for (size_t k = 0; k < rows[r].n && !known; k++)
			for (size_t c = 0; c < it->n_columns && !known; c++)
				known = strcmp(rows[r].keys[k], it->columns[c].id) == 0;
		ok = known;
	}
	if (ok && n) {
		for (size_t r = 0; r < n; r++) {
			answer_add_row(an);
			answer_row *row = &an->rows[an->n_rows - 1];
			for (size_t k = 0; k < rows[r].n; k++)
				if (*rows[r].texts[k])
					raw_pairs_set_scalar(&row->cells, rows[r].keys[k], rows[r].texts[k]);
		}
	}
	rows_free(rows, n);
	return ok && n;
}

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

/* The older form: "a | b | c" a line, every column written (empty ones
 * too). Only when every line has exactly as many cells as the table has
 * columns: else a cell held " | " itself, or this is prose, and the rows
 * cannot be told apart. */
static bool decode_bars(const tmpl_item *it, const char *text, answer *an)
{
	if (!it->n_columns)
		return false;
	for (const char *ln = text; ln;) {
		const char *end = strchr(ln, '\n');
		size_t cells = 1;
		for (const char *b = ln; (b = strstr(b, " | ")) && (!end || b < end); b += 3)
			cells++;
		bool blank = true;
		for (const char *b = ln; b < (end ? end : ln + strlen(ln)) && blank; b++)
			blank = *b == ' ' || *b == '\t' || *b == '\r';
		if (!blank && cells != it->n_columns)
			return false;
		ln = end ? end + 1 : NULL;
	}
	char *copy = xstrdup(text);
	for (char *ln = copy, *next; ln; ln = next) {
		next = strchr(ln, '\n');
		if (next)
			*next++ = '\0';
		char *probe = trimmed(ln, strlen(ln));
		bool blank = !*probe;
		free(probe);
		if (blank)
			continue;
		answer_add_row(an);
		answer_row *row = &an->rows[an->n_rows - 1];
		char *cell = ln;
		for (size_t c = 0; c < it->n_columns && cell; c++) {
			char *bar = strstr(cell, " | ");
			if (bar)
				*bar = '\0';
			char *v = trimmed(cell, strlen(cell));
			if (*v)
				raw_pairs_set_scalar(&row->cells, it->columns[c].id, v);
			free(v);
			cell = bar ? bar + 3 : NULL;
		}
	}
	free(copy);
	return true;
}

bool table_text_decode(const tmpl_item *it, const char *text, answer *an)
{
	if (!*text)
		return true;
	if (decode_labelled(it, text, an))
		return true;
	/* labels on some lines but not readable as rows: a person must look */
	bool any_label = false;
	char *copy = xstrdup(text);
	for (char *line = copy, *next; line && !any_label; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		const char *cell;
		char *key = line_column(it, line, false, &cell);
		any_label = key != NULL;
		free(key);
	}
	free(copy);
	if (any_label)
		return false;
	return decode_bars(it, text, an);
}
